import { MovableClock } from '../support/clock.js';
import { startHarness, execute, message, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { actions } from '../support/card-parts.js';
import { PEOPLE } from '../support/demo.js';

const clock = new MovableClock(new Date('2026-12-01T09:00:00Z'));
const NAOKI = PEOPLE.noRole;
const SAKURA = { aadObjectId: 'a1f0c6d2-0007-4c1e-9a11-3b5d7e9f1a07', name: '渡辺 さくら (Sakura Watanabe)' };
const personal = (who: { aadObjectId: string }) => `a:personal-${who.aadObjectId}`;
/** The buttons of a card a person presses (not its refresh, which Teams runs by itself). */
const buttons = (card: any) => actions(card).filter((a) => a !== card.refresh?.action).map((a) => a.verb);
const toConversation = (h: Harness, who: { aadObjectId: string }, from = 0) => h.connector.received.slice(from).filter((r) => r.conversationId === personal(who));

async function ask(h: Harness, who: { aadObjectId: string; name: string }, data: Record<string, unknown>, locale = 'en-US') {
  return h.post(execute(h.connector, who, 'askForBenefit', data, { locale }));
}

describe('requests and approvals over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { clock });
    // Every approver and requester has a 1:1 chat with the bot (where cards and outcomes go).
    for (const p of [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin, PEOPLE.mpnPartnerAdmin, NAOKI, SAKURA]) await h.post(message(h.connector, p, 'help'));
  });
  afterAll(async () => h.stop());

  it('a person with no role types "request" and sees what can be asked for, each with its Ask button', async () => {
    const { replies } = await h.post(message(h.connector, NAOKI, 'request'));
    const [form] = cardsOf(replies);
    expect(validateCard(form)).toEqual([]);
    const text = cardText(form);
    expect(text).toContain('Visual Studio Enterprise: 4 of 5 seats free');
    expect(text).toContain('an admin installs it for you or passes it on');
    expect(actions(form).map((a) => `${a.data.kind}:${a.data.benefitId}`)).toEqual(expect.arrayContaining(['visualStudio:vs-enterprise', 'azure:cl-azure-credits', 'software:sw-windows-server-2022', 'support:tb-product-support-incidents']));
  });

  it('the same command in Japanese', async () => {
    const { replies } = await h.post(message(h.connector, NAOKI, '特典を申請', { locale: 'ja-JP' }));
    expect(cardText(cardsOf(replies)[0])).toContain('Visual Studio Enterprise: 空きシート 4/5');
  });

  let requestId = '';
  it('asking sends the approval card to each Global admin (R1.3) in their 1:1 chat; two approvers racing grant it once', async () => {
    const before = h.connector.received.length;
    const asked = await ask(h, NAOKI, { kind: 'visualStudio', benefitId: 'vs-enterprise', note: 'For the [new](https://evil.example) project' });
    expect(asked.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textsOf(asked.replies).join()).toContain('was sent to 佐藤 美咲 (Misaki Sato), Emily Clark');
    requestId = asked.body.value.refresh.action.data.requestId as string;
    expect(requestId).toMatch(/^RQ-/);
    expect(cardText(asked.body.value)).toContain('Waiting for approval');
    expect(cardText(asked.body.value)).toContain('[new]\\(https://evil.example)');

    await h.services.outbox.drain();
    for (const admin of [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin]) {
      const [card] = cardsOf(toConversation(h, admin, before));
      expect(cardText(card)).toContain('A request waits for your approval');
      expect(buttons(card)).toEqual(['approveRequest', 'declineRequest']);
    }
    expect(cardsOf(toConversation(h, PEOPLE.mpnPartnerAdmin, before))).toEqual([]);

    beforeDecision = h.connector.received.length;
    const [a, b] = await Promise.all([
      h.post(execute(h.connector, PEOPLE.globalAdmin, 'approveRequest', { requestId })),
      h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'approveRequest', { requestId })),
    ]);
    // Each reply once: two posts in flight at once each see the other's replies at the connector too.
    const sent = [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin].flatMap((admin) => toConversation(h, admin, beforeDecision));
    const said = [...textsOf(sent), ...[a, b].map((r) => (typeof r.body.value === 'string' ? r.body.value : ''))].join('\n');
    expect(said.match(/Approved: Visual Studio Enterprise for 伊藤 直樹 \(Naoki Ito\)/g)).toHaveLength(1);
    expect(said).toMatch(/already decided: Approved by .* on Dec 1, 2026/);
    for (const r of [a, b]) expect(cardText(r.body.value)).toContain('Approved by');
    const holders = h.storedInventory().benefits.visualStudio.find((s) => s.id === 'vs-enterprise')!.assignments.map((x) => x.aadObjectId);
    expect(holders.filter((x) => x === NAOKI.aadObjectId)).toHaveLength(1);
    expect(await h.stores.audit.query({ action: 'approveRequest', limit: 10 })).toHaveLength(1);
    expect(await h.stores.audit.query({ action: 'assignVisualStudioSeat', limit: 10 })).toHaveLength(1);
  });

  let beforeDecision = 0;
  it('the requester is told in their 1:1 chat, once; a second press changes nothing', async () => {
    const before = beforeDecision;
    await h.services.outbox.drain();
    const told = cardsOf(toConversation(h, NAOKI, before)).map(cardText).join('\n');
    expect(told).toContain('Your request was approved');
    const again = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'approveRequest', { requestId }));
    expect(textsOf(again.replies).join() + String(again.body.value)).toContain('already decided');
    await h.services.outbox.drain();
    expect(cardsOf(toConversation(h, NAOKI, before)).map(cardText).join('\n').match(/Your request was approved/g)).toHaveLength(1);
  });

  it('an MPN partner admin may not approve a seat (R1.3) but may pass on software (R1.4); a decline needs its reason', async () => {
    const sw = await ask(h, SAKURA, { kind: 'software', benefitId: 'sw-windows-server-2022' });
    const swId = sw.body.value.refresh.action.data.requestId as string;
    const seat = await ask(h, SAKURA, { kind: 'visualStudio', benefitId: 'vs-professional' });
    const seatId = seat.body.value.refresh.action.data.requestId as string;
    const refused = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'approveRequest', { requestId: seatId }));
    expect(String(refused.body.value)).toMatch(/needs the Global admin role/);
    const noReason = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'declineRequest', { requestId: swId, reason: ' ' }));
    expect(String(noReason.body.value)).toMatch(/Give a reason for declining/);
    const approved = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'approveRequest', { requestId: swId }));
    expect(cardText(approved.body.value)).toContain('Getting its keys activates it');
    expect(buttons(approved.body.value)).toEqual(['getSoftwareKeys']);
    expect(h.storedInventory().benefits.software.find((s) => s.id === 'sw-windows-server-2022')!.activated).toBeUndefined();
    const declined = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'declineRequest', { requestId: seatId, reason: 'Professional seats are for the QA team' }));
    expect(cardText(declined.body.value)).toContain('Reason: Professional seats are for the QA team');
  });

  it('asking for what cannot be granted is refused at once, and nothing is kept', async () => {
    await h.services.outbox.drain();
    const bytes = h.storeBytes();
    const taken = await ask(h, NAOKI, { kind: 'visualStudio', benefitId: 'vs-enterprise' });
    expect(String(taken.body.value)).toMatch(/already holds a seat of Visual Studio Enterprise/);
    const notCovered = await ask(h, NAOKI, { kind: 'support', benefitId: 'tb-product-support-incidents', note: 'Broken', productKind: 'cloud' });
    expect(String(notCovered.body.value)).toMatch(/does not cover|not covered|cover/i);
    expect(h.storeBytes()).toBe(bytes);
  });
});

describe('in Japanese, and to the channel the company chose', () => {
  let h: Harness;
  const CHANNEL = { conversationType: 'channel' as const, conversationId: '19:approvals@thread.tacv2' };
  beforeAll(async () => {
    h = await startHarness({}, { clock });
    for (const p of [PEOPLE.globalAdmin, NAOKI]) await h.post(message(h.connector, p, 'help'));
  });
  afterAll(async () => h.stop());

  it('the requester asks in Japanese and is told the decline and its reason in Japanese', async () => {
    const asked = await ask(h, NAOKI, { kind: 'azure', benefitId: 'cl-azure-credits', note: '検証環境に使います' }, 'ja-JP');
    expect(textsOf(asked.replies).join()).toContain('Microsoft Azure ($100 monthly credit) の申請を佐藤 美咲 (Misaki Sato)、Emily Clark に送信しました。');
    const requestId = asked.body.value.refresh.action.data.requestId as string;
    const from = h.connector.received.length;
    const declined = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'declineRequest', { requestId, reason: '今月の予算を超えます' }, { locale: 'ja-JP' }));
    expect(cardText(declined.body.value)).toContain('理由: 今月の予算を超えます');
    await h.services.outbox.drain();
    const told = cardsOf(toConversation(h, NAOKI, from)).map(cardText).join('\n');
    expect(told).toContain('申請が却下されました');
    expect(told).toContain('佐藤 美咲 (Misaki Sato) によって却下されました。理由: 今月の予算を超えます');
  });

  it('"approvals here" in a channel (Global admin): approval cards go there, not to 1:1 chats', async () => {
    const refused = await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'approvals here', CHANNEL));
    expect(textsOf(refused.replies).join()).toMatch(/needs the Global admin role/);
    const set = await h.post(message(h.connector, PEOPLE.globalAdmin, '承認はここで', { ...CHANNEL, locale: 'ja-JP' }));
    expect(textsOf(set.replies).join()).toContain('このチャネルに届くようになりました');
    const from = h.connector.received.length;
    const asked = await ask(h, NAOKI, { kind: 'software', benefitId: 'sw-windows-server-2022' });
    expect(textsOf(asked.replies).join()).toContain('sent to the channel where your company approves requests');
    await h.services.outbox.drain();
    const inChannel = cardsOf(h.connector.received.slice(from).filter((r) => r.conversationId === CHANNEL.conversationId));
    expect(inChannel).toHaveLength(1);
    expect(cardText(inChannel[0])).toContain('A request waits for your approval');
    expect(buttons(inChannel[0])).toEqual([]); // each approver gets their buttons from the card's refresh
    expect(inChannel[0].refresh.action.verb).toBe('requestCard');
    expect(cardsOf(toConversation(h, PEOPLE.globalAdmin, from))).toEqual([]);
  });
});
