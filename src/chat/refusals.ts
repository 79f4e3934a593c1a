import type { DomainError } from '../domain/errors.js';
import { errorSentence } from '../i18n/errors.js';
import type { Locale } from '../i18n/index.js';
import { text, type TurnReply } from './turn.js';

export { errorSentence };

/** A coded error as the sentence a person reads, and nothing else (STYLE.md 7). */
export function refuse(locale: Locale, error: DomainError, correlationId: string): TurnReply {
  return { messages: [text(errorSentence(locale, error, correlationId))] };
}
