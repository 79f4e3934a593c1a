/**
 * Text a person reads in a card or a message, made inert: Teams renders markdown in a TextBlock, a
 * FactSet and a message, so a person named `[Action required](https://evil.example/login)` (added by a
 * User admin) was a link in the Global admin's cards, and the same for support descriptions and
 * cancellation reasons. This is the one escaping of the bot: `renderCard` applies it to every text of
 * every card after binding, and the bot adapter to every message. It takes nothing away that the bot
 * means to say: the sentences of the locale files carry no markdown (a card's emphasis is its weight and
 * colour), and what it escapes renders as the very characters written.
 *
 * Escaped: the backslash itself, emphasis (`*`, `_`, `~`), code (`` ` ``), a link's `](`, in a message a
 * bare `<` (an autolink or a tag), and a list or heading marker that opens a line. Brackets alone
 * stay: Partner Center's Japanese writes a button as [キーの取得], and `[text]` with no `(` is no link.
 */
export function escapeMarkdown(text: string, where: 'card' | 'message' = 'card'): string {
  if (!NEEDS.test(text)) return text;
  return text
    .replace(where === 'message' ? INLINE_MESSAGE : INLINE_CARD, '\\$&')
    .replace(/\](?=\()/g, ']\\')
    .replace(LINE_START, (_whole, indent: string, marker: string | undefined, digits: string | undefined, dot: string | undefined) => (marker ? `${indent}\\${marker}` : `${indent}${digits}\\${dot}`));
}

/** Anything that may need it: most text (a name, a sentence) has none of these, and is returned as is. */
const NEEDS = /[\\*_~`<\]+#-]|^\s*\d/m;
const INLINE_CARD = /[\\*_~`]/g;
/** A message also renders HTML-like tags and <autolinks>; a card's TextBlock does not (so "<person>" in a help line stays). */
const INLINE_MESSAGE = /[\\*_~`<]/g;
/** A bullet, a heading, or a number that opens a numbered list, at the start of a line. */
const LINE_START = /^([ \t]*)(?:([-+]|#{1,6})|(\d{1,9})([.)]))(?=[ \t]|$)/gm;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every text a person reads in the card (TextBlock and TextRun texts, FactSet titles and values), escaped in place. */
export function escapeCardText<T>(card: T): T {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isNode(node)) return;
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') node.text = escapeMarkdown(node.text);
    if (node.type === 'FactSet' && Array.isArray(node.facts)) {
      for (const fact of node.facts) {
        if (!isNode(fact)) continue;
        if (typeof fact.title === 'string') fact.title = escapeMarkdown(fact.title);
        if (typeof fact.value === 'string') fact.value = escapeMarkdown(fact.value);
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'facts' && typeof value === 'object') walk(value);
  };
  walk(card);
  return card;
}
