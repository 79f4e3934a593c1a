import { BIDI_CONTROLS } from '../../domain/people.js';

/** Controls but tab and line feed, the zero-width space and joiners, and the direction controls names refuse too. */
const DROPPED = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f\\u200b-\\u200d${BIDI_CONTROLS}]`, 'gu');

/**
 * Text a person typed (a request's note, a decline's reason), made fit to show: its control and
 * direction characters dropped and its length bounded. Its markdown is made inert where every text
 * is, once, by the one escaping of cards and messages (src/cards/markdown.ts): escaping it here too
 * would show the backslashes. (Bound as data by the templating, never spliced into JSON.)
 */
export function plainText(value: string, max = 500): string {
  return [...value.replace(DROPPED, '')].slice(0, max).join('');
}
