import { SlidingWindowLimiter, CONVERSATION_LIMITS, TENANT_LIMITS } from '../../src/app/notifications/rate-limiter.js';
import { verdict, type RetryOptions } from '../../src/app/notifications/retry-policy.js';
import { DeliveryError } from '../../src/ports/proactive-sender.js';

describe("the throttle keeps to Teams' limits (per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; 30/s per tenant)", () => {
  const conv = (id = 'c1') => [{ key: `conversation:${id}`, windows: CONVERSATION_LIMITS }];

  it('7 sends in one second pass, the 8th waits for the first to leave the 1 s window', () => {
    const l = new SlidingWindowLimiter();
    for (let i = 0; i < 7; i++) expect(l.reserve(conv(), 1_000 + i)).toBe(0);
    const wait = l.reserve(conv(), 1_010);
    expect(wait).toBe(1_000 + 1_000 - 1_010 + 1);
    expect(l.reserve(conv(), 1_010 + wait)).toBe(0);
  });

  it('8 in 2 s: after 7 at t=0 and 1 at t=1 s, the next waits until t=2 s', () => {
    const l = new SlidingWindowLimiter();
    for (let i = 0; i < 7; i++) l.reserve(conv(), 0);
    expect(l.reserve(conv(), 1_000)).toBe(0);
    expect(l.reserve(conv(), 1_500)).toBe(501);
  });

  it('60 in 30 s and 1,800 in an hour', () => {
    const l = new SlidingWindowLimiter();
    let t = 0;
    for (let i = 0; i < 60; i++, t += 300) expect(l.reserve(conv(), t)).toBe(0);
    expect(l.reserve(conv(), t)).toBeGreaterThan(0);
    const h = new SlidingWindowLimiter();
    t = 0;
    for (let i = 0; i < 1_800; i++, t += 1_000) expect(h.reserve(conv(), t)).toBe(0);
    expect(h.reserve(conv(), t)).toBe(3_600_000 - t + 1);
  });

  it('conversations are separate; the tenant-wide 30/s binds across them', () => {
    const l = new SlidingWindowLimiter();
    const keys = (id: string) => [...conv(id), { key: 'tenant:t', windows: TENANT_LIMITS }];
    for (let i = 0; i < 30; i++) expect(l.reserve(keys(`c${i}`), 0)).toBe(0);
    expect(l.reserve(keys('c-new'), 0)).toBe(1_001);
    expect(l.reserve(conv('c-new'), 0)).toBe(0);
  });

  it('a refused reservation records nothing; a block (Retry-After) holds the key', () => {
    const l = new SlidingWindowLimiter();
    l.block('conversation:c1', 5_000);
    expect(l.reserve(conv(), 1_000)).toBe(4_000);
    expect(l.reserve(conv(), 5_000)).toBe(0);
  });
});

describe('retries: which failures, and when', () => {
  const o: RetryOptions = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 8_000, random: () => 0.5 };
  const err = (status: number, code?: string, retryAfterMs?: number) => new DeliveryError(status, code, retryAfterMs, 'x');

  it.each([
    [429, undefined, 'retry'],
    [412, undefined, 'retry'],
    [502, undefined, 'retry'],
    [504, undefined, 'retry'],
    [0, undefined, 'retry'],
    [403, 'BotNotInConversationRoster', 'unreachable'],
    [403, 'ConversationBlockedByUser', 'unreachable'],
    [403, 'BotDisabledByAdmin', 'unreachable'],
    [403, 'SomethingElse', 'fail'],
    [400, 'BadArgument', 'fail'],
    [404, undefined, 'fail'],
  ])('%s %s → %s', (status, code, kind) => {
    expect(verdict(err(status, code), 1, o).kind).toBe(kind);
  });

  it('backs off exponentially with jitter, capped, and gives up after the last attempt', () => {
    const delays = [1, 2, 3, 4].map((n) => (verdict(err(502), n, o) as { delayMs: number }).delayMs);
    expect(delays).toEqual([750, 1_500, 3_000, 6_000]);
    expect((verdict(err(502), 4, { ...o, maxAttempts: 10, maxDelayMs: 4_000 }) as { delayMs: number }).delayMs).toBe(3_000);
    expect(verdict(err(502), 5, o).kind).toBe('fail');
  });

  it('jitter stays within [half, whole] of the step', () => {
    for (const r of [0, 0.999]) {
      const d = (verdict(err(429), 3, { ...o, random: () => r }) as { delayMs: number }).delayMs;
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });

  it('honours Retry-After when it asks for longer than the backoff', () => {
    expect(verdict(err(429, 'Throttled', 30_000), 1, o)).toEqual({ kind: 'retry', delayMs: 30_000, mayHaveArrived: false });
    expect(verdict(err(429, 'Throttled', 10), 1, o)).toEqual({ kind: 'retry', delayMs: 750, mayHaveArrived: false });
  });
});
