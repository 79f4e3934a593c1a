import type { DomainError } from '../domain/errors.js';
import { errorSentence } from '../i18n/errors.js';
import type { Locale } from '../i18n/index.js';
import { text, type TurnReply } from './turn.js';

export { errorSentence };

/** A coded error as the sentence a person reads, and nothing else (STYLE.md 7). */
export function refuse(locale: Locale, error: DomainError, correlationId: string): TurnReply {
  const reply: TurnReply = { messages: [text(errorSentence(locale, error, correlationId))] };
  // Marked for the turn's telemetry (outcome and code); not enumerable, so a reply reads as before.
  Object.defineProperty(reply, REFUSED, { value: error.code, enumerable: false });
  return reply;
}

const REFUSED = Symbol('refused');

/** The code of the refusal this reply is, if it is one. */
export function refusalCode(reply: TurnReply): string | undefined {
  return (reply as { [REFUSED]?: string })[REFUSED];
}
