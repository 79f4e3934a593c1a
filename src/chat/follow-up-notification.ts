import type { NotificationRenderer } from '../ports/notification-renderer.js';
import type { NotificationContent } from '../ports/work-store.js';
import { text } from './turn.js';
import { sentences } from '../i18n/index.js';

/**
 * The sentence (or sentences) that go with a card button's answer ("Assigned … to …"), delivered by the
 * outbox into the conversation of the click, after the invoke was answered: the invoke used to wait for
 * it, and a hung connector held the answer past Teams' ~15 s (Teams then sent the click again). The
 * sentences are rendered in the clicker's language when the turn ran; they travel as they are.
 */
export const TURN_FOLLOW_UP = 'turnFollowUp';

export function followUpContent(sentences: readonly string[]): NotificationContent {
  return { kind: TURN_FOLLOW_UP, params: Object.fromEntries(sentences.map((s, i) => [`s${i}`, s])) };
}

const sentencesOf = (params: NotificationContent['params']): string[] =>
  Object.keys(params)
    .filter((k) => /^s\d+$/.test(k))
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((k) => String(params[k]));

export const turnFollowUp: NotificationRenderer = {
  render: (_locale, params) => sentencesOf(params).map((s) => text(s)),
  summary: (locale, params) => sentences(locale, sentencesOf(params)),
};
