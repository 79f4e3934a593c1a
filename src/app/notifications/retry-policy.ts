import type { DeliveryError } from '../../ports/proactive-sender.js';

/** 403 codes that mean the app was removed or blocked: retrying cannot help (NOTES.md). */
export const UNREACHABLE_CODES = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin']);

/** Worth another try later: throttled, precondition race, gateway errors, the network (status 0). */
const TRANSIENT = new Set([0, 408, 412, 429, 500, 502, 503, 504]);

export type Verdict = { kind: 'retry'; delayMs: number } | { kind: 'unreachable'; reason: string } | { kind: 'fail' };

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** [0, 1), injectable so that tests can pin the jitter. */
  random: () => number;
}

/**
 * What to do after a failed attempt number `attempts` (from 1): exponential backoff with "equal
 * jitter" (half fixed, half random), capped; a Retry-After from the channel is honoured as a minimum.
 */
export function verdict(error: DeliveryError, attempts: number, o: RetryOptions): Verdict {
  if (error.status === 403 && error.code && UNREACHABLE_CODES.has(error.code)) return { kind: 'unreachable', reason: error.code };
  if (!TRANSIENT.has(error.status) || attempts >= o.maxAttempts) return { kind: 'fail' };
  const exponential = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempts - 1));
  const jittered = exponential / 2 + o.random() * (exponential / 2);
  return { kind: 'retry', delayMs: Math.round(Math.max(jittered, error.retryAfterMs ?? 0)) };
}
