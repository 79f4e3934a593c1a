import { startHarness, execute, message, cardsOf, type Harness } from '../support/bot-harness.js';
import type { ReceivedActivity } from '../support/connector-stand-in.js';
import { PEOPLE } from '../support/demo.js';
import { MovableClock } from '../support/clock.js';
import { enUS } from '../../src/i18n/locales/en-US.js';
import { escapeMarkdown } from '../../src/cards/markdown.js';

/**
 * Markdown across roles: a person named `[Action required](https://evil.example/login)`, added by a User
 * admin, was a clickable link in the Global admin's cards; the same for support descriptions and
 * cancellation reasons. Every text a person typed reaches a card or a message escaped, and a name must
 * hold a visible character and no bidi control.
 */

const LINK = '[Action required](https://evil.example/login)';
const BOLD = '**URGENT** _call_ `now`';
/** Markdown that would render: a link, emphasis or code not preceded by a backslash. */
const LIVE_MARKDOWN = /(?<!\\)\]\(|(?<!\\)\*\*|(?<![\\\w])_\w|(?<!\\)`/;

let h: Harness;
const clock = new MovableClock(new Date('2026-11-25T00:00:00Z'));
beforeAll(async () => {
  h = await startHarness({}, { clock });
  for (const who of Object.values(PEOPLE)) await h.post(message(h.connector, who, 'help'));
});
afterAll(() => h.stop());

/** Every text a person reads in what the bot answered: cards' TextBlocks and facts, messages. */
function textsIn(body: unknown, replies: ReceivedActivity[]): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    Object.values(o).forEach(walk);
  };
  walk((body as { value?: unknown })?.value);
  walk(cardsOf(replies));
  for (const r of replies) if (typeof r.activity.text === 'string') out.push(r.activity.text);
  return out;
}

describe('what people typed never becomes markdown in another person\'s card or message', () => {
  it('a person named as a link, added by a User admin: escaped in the Global admin\'s people list, person card and the adder\'s notice', async () => {
    const added = await h.post(execute(h.connector, PEOPLE.userAdmin, 'addPerson', { name: LINK, email: 'mallory@fabrikam.co.jp', aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a09' }));
    expect(h.stores.inventory.current()!.people.some((p) => p.name === LINK)).toBe(true);
    const list = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'searchPeople', { query: 'Action' }));
    const person = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'showPerson', { personId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a09' }));
    for (const answer of [added, list, person]) {
      const texts = textsIn(answer.body, answer.replies);
      expect(texts.filter((t) => t.includes('Action required'))).not.toEqual([]);
      expect(texts.filter((t) => LIVE_MARKDOWN.test(t))).toEqual([]);
    }
    expect(textsIn(list.body, list.replies)).toContain(escapeMarkdown(LINK));
  });

  it('a support description with a link and emphasis: escaped in the request\'s card and the list of requests', async () => {
    const description = `${LINK} ${BOLD}`;
    const submitted = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'submitSupportRequest', { benefitId: 'tb-product-support-incidents', productKind: 'onPremises', description }));
    const listed = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'listSupportRequests', { benefitId: 'tb-product-support-incidents' }));
    for (const answer of [submitted, listed]) {
      const texts = textsIn(answer.body, answer.replies);
      expect(texts.some((t) => t.includes('URGENT'))).toBe(true);
      expect(texts.filter((t) => LIVE_MARKDOWN.test(t))).toEqual([]);
    }
  });

  it('a cancellation reason with a link: escaped in the request\'s answer and the list of requests', async () => {
    const asked = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'requestCancellation', { packageId: 'pkg-action-pack', reason: `${LINK} ${BOLD}` }));
    const listed = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'listCancellationRequests', {}));
    const texts = [...textsIn(asked.body, asked.replies), ...textsIn(listed.body, listed.replies)];
    expect(texts.some((t) => t.includes('URGENT'))).toBe(true);
    expect(texts.filter((t) => LIVE_MARKDOWN.test(t))).toEqual([]);
  });
});

describe('a name must hold a visible character and no bidi control', () => {
  it.each([
    ['zero-width spaces only', '\u200B\u200B\u200B', 'invisible'],
    ['zero-width joiners and a word joiner', '\u200D\u2060\u200C', 'invisible'],
    ['a Hangul filler', '\u3164', 'invisible'],
    ['combining marks only', '\u0301\u0308', 'invisible'],
    ['a right-to-left override (reads as "admin")', 'Mallory \u202Enimda', 'bidiControl'],
    ['a right-to-left isolate', 'Mallory \u2067x\u2069', 'bidiControl'],
    ['a left-to-right mark', 'Mallory\u200E', 'bidiControl'],
  ])('%s → refused with the sentence, nobody added', async (_name, name, problem) => {
    const before = h.stores.inventory.current()!.people.length;
    const { body } = await h.post(execute(h.connector, PEOPLE.userAdmin, 'addPerson', { name, email: `x${Math.random().toString(36).slice(2, 8)}@fabrikam.co.jp`, aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a77' }));
    expect(JSON.stringify(body)).toContain(JSON.stringify(enUS[`people.problem.${problem}` as keyof typeof enUS]).slice(1, -1));
    expect(h.stores.inventory.current()!.people).toHaveLength(before);
  });

  it('a name in Japanese, with a space, or with an emoji is a name', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.userAdmin, 'addPerson', { name: '山田 花子 🙂', email: 'hanako.yamada@fabrikam.co.jp', aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a78' }));
    expect(JSON.stringify(body)).not.toMatch(/people\.problem|visible character|direction of text/);
    expect(h.stores.inventory.current()!.people.some((p) => p.name === '山田 花子 🙂')).toBe(true);
  });
});
