/**
 * Text a person typed (a request's note, a decline's reason), made fit to show: its control and
 * direction characters dropped and its length bounded. Its markdown is made inert where every text
 * is, once, by the one escaping of cards and messages (src/cards/markdown.ts): escaping it here too
 * would show the backslashes. (Bound as data by the templating, never spliced into JSON.)
 */
export function plainText(value: string, max = 500): string {
  return [...value.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')].slice(0, max).join('');
}
