import { MovableClock } from '../support/clock.js';
import { startHarness, message, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';
import { DeliveryError } from '../../src/ports/proactive-sender.js';
import { DEFAULT_AMBIGUOUS_PAUSE_MS, verdict, type RetryOptions } from '../../src/app/notifications/retry-policy.js';

/**
 * Ambiguous sends, and silent give-ups. The retry policy retried network errors, 408 and 500 for a new
 * message, so a message that was created but answered 500 arrived twice or more (Teams has no
 * idempotency key); and a notification that ran out of attempts was never mentioned to its recipient.
 * Now: Microsoft's list (412, 429, 502, 503, 504, and a connection that never opened) is retried with
 * backoff; an ambiguous failure gets one more try only, after a long pause; anything given up is told to
 * its recipient on their next turn, saying whether it may have arrived all the same.
 */

const o: RetryOptions = { maxAttempts: 12, baseDelayMs: 1_000, maxDelayMs: 600_000, random: () => 0.5 };
const err = (status: number, code?: string) => new DeliveryError(status, code, undefined, 'x');

describe('the retry policy, as a table', () => {
  // [failure, an earlier attempt may have arrived, verdict, reason when given up]
  const rows: [string, DeliveryError, boolean, string, string][] = [
    ['429 throttled', err(429, 'Throttled'), false, 'retry', ''],
    ['412 precondition', err(412), false, 'retry', ''],
    ['502 bad gateway', err(502), false, 'retry', ''],
    ['503 unavailable', err(503), false, 'retry', ''],
    ['504 gateway timeout', err(504), false, 'retry', ''],
    ['a connection refused (nothing sent)', err(0, 'ECONNREFUSED'), false, 'retry', ''],
    ['a host not found (nothing sent)', err(0, 'ENOTFOUND'), false, 'retry', ''],
    ['500 (maybe created): once more', err(500), false, 'retry', ''],
    ['408 (maybe created): once more', err(408), false, 'retry', ''],
    ['a timeout after sending (maybe created): once more', err(0, 'ETIMEDOUT'), false, 'retry', ''],
    ['a connection cut after sending: once more', err(0, 'ECONNRESET'), false, 'retry', ''],
    ['500 after an earlier ambiguous failure', err(500), true, 'fail', 'MayHaveArrived'],
    ['a timeout after an earlier ambiguous failure', err(0), true, 'fail', 'MayHaveArrived'],
    ['429 after an earlier ambiguous failure: still retried (this one was not made)', err(429), true, 'retry', ''],
    ['400 bad request', err(400, 'BadArgument'), false, 'fail', 'GaveUp'],
    ['404', err(404), false, 'fail', 'GaveUp'],
    ['400 after an earlier ambiguous failure', err(400), true, 'fail', 'MayHaveArrived'],
    ['403 removed from the chat', err(403, 'BotNotInConversationRoster'), false, 'unreachable', ''],
  ];
  it.each(rows)('%s', (_name, failure, mayHaveArrived, kind, reason) => {
    const v = verdict(failure, 1, o, { mayHaveArrived });
    expect(v.kind).toBe(kind);
    if (reason) expect(v).toMatchObject({ reason });
  });

  it('an ambiguous failure waits the long pause (10 minutes by default), a clear one the backoff', () => {
    expect(verdict(err(500), 1, o)).toEqual({ kind: 'retry', delayMs: DEFAULT_AMBIGUOUS_PAUSE_MS, mayHaveArrived: true });
    expect(verdict(err(502), 1, o)).toEqual({ kind: 'retry', delayMs: 750, mayHaveArrived: false });
  });

  it('the last attempt gives up, saying whether one may have arrived', () => {
    expect(verdict(err(502), 12, o)).toEqual({ kind: 'fail', reason: 'GaveUp' });
    expect(verdict(err(502), 12, o, { mayHaveArrived: true })).toEqual({ kind: 'fail', reason: 'MayHaveArrived' });
  });
});

describe('against a connector that creates the message and answers 500', () => {
  const start = new Date('2026-11-25T00:00:00Z');
  const clock = new MovableClock(start);
  const advance = (ms: number) => void (clock.current = new Date(clock.current.getTime() + ms));
  const kenta = PEOPLE.mpnPartnerAdmin;
  let h: Harness;
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({ ACTIVATION_PROCESSING_DELAY: '3d', NOTIFICATION_MAX_ATTEMPTS: '5' }, { clock, outbox: { random: () => 0.5, baseDelayMs: 1_000 } });
    await h.post(message(h.connector, kenta, 'help'));
    h.connector.clear();
  });
  afterEach(() => h.stop());

  const notify = (id: string) =>
    h.services.outbox.notify({ id, recipient: kenta.aadObjectId, locale: 'en-US', content: { kind: 'technicalActivationCompleted', params: { name: 'Signature Product Support', accessId: 'ACC-1', contractId: 'CTR-1' } } });
  /** The connector keeps the message (the person sees it) and answers 500 anyway. */
  const createdThen500 = () => {
    let requests = 0;
    h.connector.behaviour = () => (requests++, { status: 500, body: { error: { code: 'InternalServerError' } } });
    return () => requests;
  };
  const shown = () => h.connector.received.filter((r) => cardsOf([r]).some((c) => cardText(c).includes('Technical benefit activated')));

  it('500 every time: sent twice at most, ten minutes apart, then the person is told it may have arrived', async () => {
    const requests = createdThen500();
    await notify('amb-1');
    await h.services.outbox.drain();
    expect(requests()).toBe(1);
    const [item] = (await h.stores.work.pendingNotifications());
    expect(item).toMatchObject({ attempts: 1, lastError: { status: 500, mayHaveArrived: true } });
    expect(Date.parse(item!.nextAttemptAt) - clock.now().getTime()).toBe(DEFAULT_AMBIGUOUS_PAUSE_MS);

    advance(DEFAULT_AMBIGUOUS_PAUSE_MS - 1_000);
    await h.services.outbox.drain();
    expect(requests()).toBe(1); // not replayed within the pause
    advance(1_000);
    await h.services.outbox.drain();
    expect(requests()).toBe(2);
    advance(24 * 3_600_000);
    await h.services.outbox.drain();
    expect(requests()).toBe(2); // never a third copy
    expect((await h.stores.work.pendingNotifications())).toEqual([]);
    // Not marked unreachable: a 500 is no removed app.
    expect((await h.stores.work.unreachable(`a:personal-${kenta.aadObjectId}`))).toBeUndefined();

    h.connector.behaviour = () => ({ status: 200 });
    const { replies } = await h.post(message(h.connector, kenta, 'benefits'));
    // In the person's own chat: the notification itself, said late (and that it may have arrived).
    const told = textsOf(replies).filter((t) => t.includes('could not be delivered'));
    expect(told).toEqual(['This notification could not be delivered earlier (Teams answered with an error, so it may have reached you all the same):']);
    expect(JSON.stringify(cardsOf(replies))).toContain('ACC-1');
    const again = await h.post(message(h.connector, kenta, 'benefits'));
    expect(textsOf(again.replies).join()).not.toContain('could not be delivered');
  });

  it('500, then the connector recovers: delivered on the one more try (the person may see it twice, never more)', async () => {
    const requests = createdThen500();
    await notify('amb-2');
    await h.services.outbox.drain();
    h.connector.behaviour = () => ({ status: 200 });
    advance(DEFAULT_AMBIGUOUS_PAUSE_MS);
    await h.services.outbox.drain();
    expect(requests()).toBe(1);
    expect(shown()).toHaveLength(1);
    expect((await h.stores.work.pendingNotifications())).toEqual([]);
  });

  it('a clear refusal every time (502): retried to the last attempt, then the person is told, in Japanese', async () => {
    h.connector.behaviour = () => ({ status: 502 });
    await notify('gone-1');
    for (let i = 0; i < 6; i++) {
      await h.services.outbox.drain();
      advance(3_600_000);
    }
    expect((await h.stores.work.pendingNotifications())).toEqual([]);
    h.connector.behaviour = () => ({ status: 200 });
    const { replies } = await h.post(message(h.connector, kenta, 'benefits', { locale: 'ja-JP' }));
    expect(textsOf(replies).filter((t) => t.startsWith('次のお知らせは、配信できなかったため今お送りします (何度か試しましたが Teams が受け付けませんでした)'))).toHaveLength(1);
  });
});
