import { MovableClock } from '../support/clock.js';
import { startHarness, message, execute, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';
import { sign } from '../../src/http/signed-request.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const start = new Date('2026-11-25T00:00:00Z');
const clock = new MovableClock(start);
const advance = (ms: number) => { clock.current = new Date(clock.current.getTime() + ms); };
const SIGNATURE = 'tb-signature-support';
const kenta = PEOPLE.mpnPartnerAdmin;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every request the connector got (accepted or not), by conversation. */
function countRequests(h: Harness, answer: (n: number) => { status: number; headers?: Record<string, string>; body?: unknown }) {
  const seen: string[] = [];
  h.connector.behaviour = (request) => {
    seen.push(request.conversationId);
    return answer(seen.length);
  };
  return seen;
}

const activationCards = (h: Harness) => h.connector.received.filter((r) => cardsOf([r]).some((c) => cardText(c).includes('Technical benefit activated')));

describe('with the embedded processor on the real clock (a short delay)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ACTIVATION_PROCESSING_DELAY: '50ms' });
  });
  afterAll(async () => h.stop());

  it('Activate → the proactive message arrives by itself, with the IDs', async () => {
    await h.post(message(h.connector, kenta, 'help'));
    await h.post(execute(h.connector, kenta, 'activateTechnicalBenefit', { benefitId: SIGNATURE }));
    await waitFor(() => activationCards(h).length > 0, 'the notification');
    const b = h.stores.inventory.current()!.benefits.technical.find((x) => x.id === SIGNATURE)!;
    expect(cardText(cardsOf(activationCards(h))[0])).toContain(`Access ID: ${b.activation!.accessId}`);
    expect(activationCards(h)[0]!.conversationId).toBe(`a:personal-${kenta.aadObjectId}`);
  });
});

describe('the outbox against a difficult connector (pinned clock, one request per attempt)', () => {
  let h: Harness;
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({ ACTIVATION_PROCESSING_DELAY: '3d' }, { clock, outbox: { random: () => 0.5, baseDelayMs: 1_000 } });
    await h.post(message(h.connector, kenta, 'help'));
    h.connector.clear();
  });
  afterEach(async () => h.stop());

  const notify = (id: string) =>
    h.services.outbox.notify({ id, recipient: kenta.aadObjectId, locale: 'en-US', content: { kind: 'technicalActivationCompleted', params: { benefitId: SIGNATURE, name: 'Signature Product Support', accessId: 'ACC-1', contractId: 'CTR-1' } } });

  it('429 with Retry-After: not before the time it says, then delivered once', async () => {
    const seen = countRequests(h, (n) => (n === 1 ? { status: 429, headers: { 'retry-after': '30' }, body: { error: { code: 'Throttled' } } } : { status: 200 }));
    await notify('n1');
    await h.services.outbox.drain();
    expect(seen).toHaveLength(1);
    const [item] = (await h.stores.work.pendingNotifications());
    expect(item).toMatchObject({ attempts: 1, lastError: { status: 429, code: 'Throttled' } });
    expect(Date.parse(item!.nextAttemptAt) - start.getTime()).toBeGreaterThanOrEqual(30_000);

    advance(29_000);
    await h.services.outbox.drain();
    expect(seen).toHaveLength(1);
    advance(1_000);
    await h.services.outbox.drain();
    expect(seen).toHaveLength(2);
    expect(activationCards(h)).toHaveLength(1);
    expect((await h.stores.work.pendingNotifications())).toHaveLength(0);
  });

  it('502 twice: retried with growing backoff, survives a restart, delivered once', async () => {
    const seen = countRequests(h, (n) => (n <= 2 ? { status: 502 } : { status: 200 }));
    await notify('n2');
    await h.services.outbox.drain();
    const first = (await h.stores.work.pendingNotifications())[0]!;
    expect(Date.parse(first.nextAttemptAt) - clock.now().getTime()).toBe(750);
    advance(750);
    await h.services.outbox.drain();
    const second = (await h.stores.work.pendingNotifications())[0]!;
    expect(second.attempts).toBe(2);
    expect(Date.parse(second.nextAttemptAt) - clock.now().getTime()).toBe(1_500);

    await h.restart();
    countRequests(h, () => ({ status: 200 }));
    advance(1_500);
    await h.services.outbox.drain();
    expect(seen).toHaveLength(2);
    expect(activationCards(h)).toHaveLength(1);
    expect((await h.stores.work.pendingNotifications())).toHaveLength(0);
  });

  it.each(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin'])(
    '403 %s: never retried; the conversation is marked; the next turn is told what it said',
    async (code) => {
      const seen = countRequests(h, () => ({ status: 403, body: { error: { code, message: 'no' } } }));
      await notify('n3');
      await h.services.outbox.drain();
      advance(3_600_000);
      await h.services.outbox.drain();
      expect(seen).toHaveLength(1);
      expect((await h.stores.work.pendingNotifications())).toHaveLength(0);
      expect((await h.stores.work.unreachable(`a:personal-${kenta.aadObjectId}`))).toMatchObject({ reason: code });

      // Another notification for that chat is not even tried while it is marked.
      await notify('n4');
      await h.services.outbox.drain();
      expect(seen).toHaveLength(1);

      // The person comes back (app reinstalled): both notifications themselves, once, each said late; the mark is lifted.
      countRequests(h, () => ({ status: 200 }));
      const { replies } = await h.post(message(h.connector, kenta, 'benefits', { locale: 'ja-JP' }));
      const told = textsOf(replies).filter((t) => t.includes('配信できなかったため今お送りします'));
      expect(told).toHaveLength(2);
      expect(JSON.stringify(cardsOf(replies))).toContain('ACC-1');
      expect(await h.stores.work.unreachable(`a:personal-${kenta.aadObjectId}`)).toBeUndefined();
      const next = await h.post(message(h.connector, kenta, 'benefits'));
      expect(textsOf(next.replies).join()).not.toContain('could not be delivered');
    },
  );

  it('a person with no chat with the bot is told on their next turn wherever they speak', async () => {
    const emily = PEOPLE.globalAndMpnAdmin;
    await h.services.outbox.notify({ id: 'n5', recipient: emily.aadObjectId, locale: 'en-US', content: { kind: 'technicalActivationCompleted', params: { name: 'Signature Product Support', accessId: 'ACC-2', contractId: 'CTR-2' } } });
    await h.services.outbox.drain();
    const { body } = await h.post(execute(h.connector, emily, 'openGroup', { group: 'technical' }, { conversationType: 'groupChat', conversationId: '19:team-chat' }));
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    await waitFor(() => textsOf(h.connector.received).some((t) => t.includes('could not be delivered')), 'the notice');
    expect(textsOf(h.connector.received).join()).toContain('we had no chat yet). It said: Signature Product Support is now active, with Access ID ACC-2');
  });

  it('a person with no chat yet who then opens one gets the notification itself, with its buttons', async () => {
    const emily = PEOPLE.globalAndMpnAdmin;
    await h.services.outbox.notify({ id: 'n6', recipient: emily.aadObjectId, locale: 'en-US', content: { kind: 'technicalActivationCompleted', params: { name: 'Signature Product Support', accessId: 'ACC-3', contractId: 'CTR-3' } } });
    await h.services.outbox.drain();
    const { replies } = await h.post(message(h.connector, emily, 'benefits'));
    expect(textsOf(replies).join()).not.toContain('could not be delivered');
    const notification = cardsOf(replies).find((c) => JSON.stringify(c).includes('ACC-3'));
    expect(notification).toBeDefined();
    expect(JSON.stringify(notification)).toMatch(/"type":"Action\.(Execute|Submit)"/);
  });

  it("throttled to Teams' per-conversation limits: 7 in a second, the rest later (not counted as attempts)", async () => {
    const seen = countRequests(h, () => ({ status: 200 }));
    for (let i = 0; i < 10; i++) await notify(`burst-${i}`);
    await h.services.outbox.drain();
    expect(seen).toHaveLength(7);
    expect((await h.stores.work.pendingNotifications()).every((i) => i.attempts === 0)).toBe(true);
    advance(1_001);
    await h.services.outbox.drain();
    expect(seen).toHaveLength(8); // 8 in 2 s
    advance(1_000);
    await h.services.outbox.drain();
    expect(seen).toHaveLength(10);
  });
});

describe('the back office completion endpoint (HMAC-signed, replay-protected)', () => {
  let h: Harness;
  beforeEach(async () => {
    clock.current = start;
    h = await startHarness({ ACTIVATION_PROCESSOR: 'backOffice', FULFILMENT_HMAC_SECRET: SECRET, FULFILMENT_TIMESTAMP_TOLERANCE: '5m' }, { clock });
    await h.post(message(h.connector, kenta, 'help'));
    await h.post(execute(h.connector, kenta, 'activateTechnicalBenefit', { benefitId: SIGNATURE }));
    h.connector.clear();
  });
  afterEach(async () => h.stop());

  const post = (body: object, o: { secret?: string; timestamp?: number; tamper?: boolean } = {}) => {
    const raw = JSON.stringify(body);
    const ts = String(o.timestamp ?? Math.floor(clock.now().getTime() / 1000));
    const signature = sign(o.secret ?? SECRET, ts, raw);
    return fetch(`${h.bot.url}/api/fulfilment/technical-activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-timestamp': ts },
      body: o.tamper ? raw.replace('ACC', 'ACX') : raw,
    });
  };
  const body = (nonce: string, extra: object = {}) => ({ benefitId: SIGNATURE, accessId: 'ACC-7777-1234', contractId: 'CTR-2026-424242', nonce, ...extra });

  it('in backOffice mode nothing completes by itself; a signed completion activates and notifies with its IDs', async () => {
    expect((await h.stores.work.jobs())[0]!.dueAt).toBeUndefined();
    advance(30 * 86_400_000);
    expect(await h.services.processor.tick()).toBe(0);
    clock.current = start;

    const res = await post(body('nonce-0000000000000001'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'completed' });
    await h.services.outbox.drain();
    const text = cardText(cardsOf(activationCards(h))[0]);
    expect(text).toContain('Access ID: ACC-7777-1234');
    expect(text).toContain('Contract ID: CTR-2026-424242');
    const [audit] = await h.stores.audit.query({ action: 'technicalActivationCompleted', limit: 1 });
    expect(audit).toMatchObject({ actor: { aadObjectId: 'system', name: 'back office' }, details: { accessId: 'ACC-7777-1234' } });

    // The back office repeats itself (new nonce): harmless, and no second message.
    const again = await post(body('nonce-0000000000000002'));
    expect(await again.json()).toEqual({ status: 'alreadyCompleted' });
    await h.services.outbox.drain();
    expect(activationCards(h)).toHaveLength(1);
    // Other IDs for an active benefit: a conflict.
    expect((await post(body('nonce-0000000000000003', { accessId: 'ACC-0000-0000' }))).status).toBe(409);
  });

  it.each([
    ['a wrong secret', { secret: 'another-secret-of-at-least-32-characters' }, 401],
    ['a body changed after signing', { tamper: true }, 401],
    ['a timestamp older than the tolerance', { timestamp: Math.floor(start.getTime() / 1000) - 301 }, 401],
    ['a timestamp in the future beyond the tolerance', { timestamp: Math.floor(start.getTime() / 1000) + 301 }, 401],
  ])('refuses %s and changes nothing', async (_case, o, status) => {
    const res = await post(body('nonce-1111111111111111'), o);
    expect(res.status).toBe(status);
    expect(h.stores.inventory.current()!.benefits.technical.find((b) => b.id === SIGNATURE)!.activation!.state).toBe('pending');
    expect((await h.stores.work.jobs())).toHaveLength(1);
  });

  it('refuses a replay of a signed request, even after a restart', async () => {
    const first = await post(body('nonce-2222222222222222', { benefitId: 'tb-presales-deployment' }));
    expect(first.status).toBe(409); // not pending: nobody asked to activate it
    await h.restart();
    const replay = await post(body('nonce-2222222222222222'));
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'Replayed' });
    expect(h.stores.inventory.current()!.benefits.technical.find((b) => b.id === SIGNATURE)!.activation!.state).toBe('pending');
  });

  it.each([
    ['an unknown benefit', 404, body('nonce-3333333333333333', { benefitId: 'no-such-benefit' })],
    ['a body with an unknown field', 400, body('nonce-4444444444444444', { extra: 1 })],
    ['a short nonce', 400, body('short')],
  ])('answers %s with %s', async (_case, status, b) => {
    expect((await post(b)).status).toBe(status);
  });

  it('without headers: 401', async () => {
    const res = await fetch(`${h.bot.url}/api/fulfilment/technical-activations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body('nonce-5555555555555555')) });
    expect(res.status).toBe(401);
  });
});

describe('without FULFILMENT_HMAC_SECRET the endpoint does not exist', () => {
  it('404', async () => {
    const h = await startHarness();
    try {
      const res = await fetch(`${h.bot.url}/api/fulfilment/technical-activations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await h.stop();
    }
  });
});
