import type { DeliveryError } from '../../ports/proactive-sender.js';

/** 403 codes that mean the app was removed or blocked: retrying cannot help (NOTES.md). */
export const UNREACHABLE_CODES = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin']);

/**
 * Refused before the message was made, so another try cannot make it twice: Microsoft's guidance for
 * bots retries exactly these (412 precondition, 429 throttled, 502/503/504 from the gateway).
 */
const NOT_CREATED = new Set([412, 429, 502, 503, 504]);
/** A network failure before a byte of the request left: nothing was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);
/**
 * Ambiguous: the request reached the connector, and the message may have been created before the
 * answer failed (a 500, a 408, a timeout or a connection cut after sending). Teams has no idempotency
 * key for a new message, so a retry may show it twice.
 */
const AMBIGUOUS = new Set([0, 408, 500]);

/**
 * Why a notification was given up, for the notice its recipient reads on their next turn:
 * `GaveUp` it was never delivered; `MayHaveArrived` an attempt failed ambiguously, so it may have been.
 */
export type GiveUpReason = 'GaveUp' | 'MayHaveArrived';

export type Verdict =
  | { kind: 'retry'; delayMs: number; mayHaveArrived: boolean }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'fail'; reason: GiveUpReason };

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The pause before the one more try an ambiguous failure gets (10 minutes by default). */
  ambiguousPauseMs?: number;
  /** [0, 1), injectable so that tests can pin the jitter. */
  random: () => number;
}

export const DEFAULT_AMBIGUOUS_PAUSE_MS = 10 * 60_000;

/** What the failure says of this attempt: refused before anything was made, maybe made, or refused for good. */
export function failureKind(error: Pick<DeliveryError, 'status' | 'code'>): 'notCreated' | 'ambiguous' | 'refused' {
  if (NOT_CREATED.has(error.status)) return 'notCreated';
  if (error.status === 0 && error.code && NOT_SENT_CODES.has(error.code)) return 'notCreated';
  return AMBIGUOUS.has(error.status) ? 'ambiguous' : 'refused';
}

/**
 * What to do after a failed attempt number `attempts` (from 1), given whether an earlier attempt
 * failed ambiguously (`mayHaveArrived`).
 *
 * - Refused before it was made: exponential backoff with "equal jitter" (half fixed, half random),
 *   capped, a Retry-After honoured as a minimum, up to `maxAttempts`.
 * - Ambiguous: at most ONE more try, after a long pause, for the whole life of the notification. A
 *   notification says something the person is waiting for (an activation done, a seat assigned, an
 *   offer expiring): losing it on one 500 costs more than a rare second copy, and most 500s are
 *   refusals made before anything was created. Ten minutes apart, a second copy reads as a reminder,
 *   not as a bot that repeats itself. A second ambiguous failure, or any failure after one, gives up.
 * - Given up: the recipient is told on their next turn (and whether it may have arrived all the same).
 */
export function verdict(error: DeliveryError, attempts: number, o: RetryOptions, earlier: { mayHaveArrived?: boolean } = {}): Verdict {
  if (error.status === 403 && error.code && UNREACHABLE_CODES.has(error.code)) return { kind: 'unreachable', reason: error.code };
  const kind = failureKind(error);
  const mayHaveArrived = earlier.mayHaveArrived === true || kind === 'ambiguous';
  const giveUp: Verdict = { kind: 'fail', reason: mayHaveArrived ? 'MayHaveArrived' : 'GaveUp' };
  if (kind === 'refused' || attempts >= o.maxAttempts) return giveUp;
  if (kind === 'ambiguous' && earlier.mayHaveArrived) return giveUp;
  const exponential = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempts - 1));
  const jittered = exponential / 2 + o.random() * (exponential / 2);
  const floor = Math.max(error.retryAfterMs ?? 0, kind === 'ambiguous' ? (o.ambiguousPauseMs ?? DEFAULT_AMBIGUOUS_PAUSE_MS) : 0);
  return { kind: 'retry', delayMs: Math.round(Math.max(jittered, floor)), mayHaveArrived };
}
