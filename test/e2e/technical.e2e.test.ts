import { MovableClock } from '../support/clock.js';
import { startHarness, message, execute, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';
import { ok } from '../../src/domain/errors.js';
import { technicalActivation } from '../../src/app/activations/technical-activation.js';

const start = new Date('2026-11-25T00:00:00Z');
const clock = new MovableClock(start);
const advance = (ms: number) => { clock.current = new Date(clock.current.getTime() + ms); };
const DAYS_3 = 3 * 86_400_000;

let h: Harness;
beforeEach(async () => {
  clock.current = start;
  h = await startHarness({ ACTIVATION_PROCESSING_DELAY: '3d' }, { clock, outbox: { random: () => 0.5 } });
  // each person opens a 1:1 chat with the bot (its reference is stored, for notifications)
  for (const p of [PEOPLE.globalAdmin, PEOPLE.mpnPartnerAdmin, PEOPLE.userAdmin, PEOPLE.adminAgent]) await h.post(message(h.connector, p, 'help'));
  h.connector.clear();
});
afterEach(async () => h.stop());

const SIGNATURE = 'tb-signature-support';
const PSI = 'tb-product-support-incidents';
const PRESALES = 'tb-presales-deployment';

const openTechnical = async (who: { aadObjectId: string; name: string }, locale = 'en-US') =>
  cardText((await h.post(execute(h.connector, who, 'openGroup', { group: 'technical' }, { locale }))).body.value);
const notifications = () => h.connector.received.filter((r) => cardsOf([r]).some((c) => cardText(c).includes('Technical benefit activated') || cardText(c).includes('技術関連の特典がアクティブになりました')));

describe('Activate (R6.2) is for Global admin or MPN partner admin (R1.4)', () => {
  it.each([
    ['Global admin', true, PEOPLE.globalAdmin],
    ['MPN partner admin', true, PEOPLE.mpnPartnerAdmin],
    ['User admin', false, PEOPLE.userAdmin],
    ['Admin agent', false, PEOPLE.adminAgent],
  ] as const)('%s: the Activate button is shown, and pressing (or forging) it activates: %s', async (_role, allowed, person) => {
    const list = await openTechnical(person);
    expect(list.includes('[Activate]')).toBe(allowed);
    const { body } = await h.post(execute(h.connector, person, 'activateTechnicalBenefit', { benefitId: SIGNATURE }));
    if (allowed) {
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(body.value)).toContain(`Activation requested by ${person.name}`);
      expect((await h.stores.work.jobs())).toHaveLength(1);
    } else {
      expect(body.value).toMatch(/Global admin or MPN partner admin role/);
      expect(h.stores.inventory.current()!.benefits.technical.find((b) => b.id === SIGNATURE)!.activation).toBeUndefined();
      expect((await h.stores.work.jobs())).toHaveLength(0);
    }
  });
});

describe('activate → pending → completion → proactive message with the IDs (R6.2, R6.3)', () => {
  it('end to end, in Japanese, with a restart while it is pending', async () => {
    const kenta = PEOPLE.mpnPartnerAdmin;
    const activated = await h.post(execute(h.connector, kenta, 'activateTechnicalBenefit', { benefitId: SIGNATURE }, { locale: 'ja-JP' }));
    expect(validateCard(activated.body.value)).toEqual([]);
    expect(cardText(activated.body.value)).toContain('処理が完了するまで数日お待ちください');
    expect(textsOf(activated.replies).join()).toContain('アクティブ化をリクエストしました');
    // A second press says it is already in progress and changes nothing.
    const again = await h.post(execute(h.connector, kenta, 'activateTechnicalBenefit', { benefitId: SIGNATURE }, { locale: 'ja-JP' }));
    expect(again.body.value).toContain('アクティブ化の処理中です');
    expect((await h.stores.work.jobs())).toHaveLength(1);

    await h.restart();
    expect((await h.stores.work.jobs())).toHaveLength(1);
    expect(await h.services.processor.tick()).toBe(0); // not due yet: nothing happens
    expect(notifications()).toHaveLength(0);

    advance(DAYS_3 + 1_000);
    expect(await h.services.processor.tick()).toBe(1);
    await h.services.outbox.drain();

    const sent = notifications();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`a:personal-${kenta.aadObjectId}`);
    const card = cardsOf(sent)[0];
    expect(validateCard(card)).toEqual([]);
    const b = h.stores.inventory.current()!.benefits.technical.find((x) => x.id === SIGNATURE)!;
    expect(b.activation).toMatchObject({ state: 'active', accessId: expect.stringMatching(/^ACC-\d{4}-\d{4}$/), contractId: expect.stringMatching(/^CTR-2026-\d{6}$/) });
    const text = cardText(card);
    expect(text).toContain(`アクセス ID: ${b.activation!.accessId}`);
    expect(text).toContain(`契約 ID: ${b.activation!.contractId}`);
    expect(text).toContain('[技術関連の特典を開く]');
    expect(JSON.stringify(card)).toContain('"verb":"openGroup"');

    // The list now shows it active with its IDs; nothing is left in the work store; nothing is sent twice.
    expect(await openTechnical(kenta)).toContain(`Access ID: ${b.activation!.accessId}`);
    expect((await h.stores.work.jobs())).toHaveLength(0);
    expect((await h.stores.work.pendingNotifications())).toHaveLength(0);
    await h.restart();
    await h.services.outbox.drain();
    expect(notifications()).toHaveLength(1);

    const trail = await h.stores.audit.query({ targetId: SIGNATURE, limit: 10 });
    expect(trail.map((e) => e.action)).toEqual(['technicalActivationCompleted', 'activateTechnicalBenefit']);
    expect(trail[1]!.actor.aadObjectId).toBe(kenta.aadObjectId);
  });

  it('a completion applied but not yet queued (crash between the two writes) is notified after restart, once', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'activateTechnicalBenefit', { benefitId: SIGNATURE }));
    const job = (await h.stores.work.jobs())[0]!;
    // The inventory took the embedded processor's completion; the process died before the job was closed.
    const ids = technicalActivation(h.stores.inventory, h.stores.audit, clock).simulate(job);
    await h.stores.inventory.transact((inv) => {
      const b = inv.benefits.technical.find((x) => x.id === SIGNATURE)!;
      b.activation = { ...b.activation!, state: 'active', ...ids };
      return ok(undefined);
    });
    await h.restart();
    advance(DAYS_3 + 1);
    await h.services.processor.tick();
    await h.services.outbox.drain();
    const sent = notifications();
    expect(sent).toHaveLength(1);
    expect(cardText(cardsOf(sent)[0])).toContain(ids.accessId);
    expect((await h.stores.work.jobs()).find((j) => j.id === job.id)).toBeUndefined();
  });
});

describe('R2.2: a membership still in PMC is pointed to Partner Frontline', () => {
  it('no Activate button, and a forged Activate is refused and changes nothing', async () => {
    await h.stores.inventory.transact((inv) => {
      inv.organization.managedInPmc = true;
      return ok(undefined);
    });
    const list = await openTechnical(PEOPLE.globalAdmin);
    expect(list).not.toContain('[Activate]');
    expect(list).toContain('Partner Frontline');
    for (const locale of ['en-US', 'ja-JP']) {
      const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'activateTechnicalBenefit', { benefitId: SIGNATURE }, { locale }));
      expect(body.value).toContain('Partner Frontline');
    }
    expect(h.stores.inventory.current()!.benefits.technical.find((b) => b.id === SIGNATURE)!.activation).toBeUndefined();
    expect((await h.stores.work.jobs())).toHaveLength(0);
  });
});

describe('support requests (R6.4, R6.5)', () => {
  it('refused before activation, even with a forged button', async () => {
    expect(await openTechnical(PEOPLE.adminAgent)).not.toMatch(/\[Request support\][\s\S]*Signature/);
    const form = await h.post(execute(h.connector, PEOPLE.adminAgent, 'startSupportRequest', { benefitId: SIGNATURE }));
    expect(form.body.value).toMatch(/Signature Product Support is not active yet/);
    const submit = await h.post(execute(h.connector, PEOPLE.adminAgent, 'submitSupportRequest', { benefitId: SIGNATURE, productKind: 'cloud', description: 'Portal errors' }));
    expect(submit.body.value).toMatch(/not active yet/);
    expect(await h.stores.supportRequests.list({ limit: 10 })).toEqual([]);
  });

  it('on-premises break-fix on an active benefit: the form, then a request carrying the Access ID and Contract ID, using one incident', async () => {
    const form = await h.post(execute(h.connector, PEOPLE.adminAgent, 'startSupportRequest', { benefitId: PSI }));
    expect(validateCard(form.body.value)).toEqual([]);
    const formText = JSON.stringify(form.body.value);
    expect(formText).toContain('"value":"onPremises"');
    expect(formText).not.toContain('"value":"cloud"');
    expect(cardText(form.body.value)).toContain('Access ID and Contract ID');

    const submitted = await h.post(execute(h.connector, PEOPLE.adminAgent, 'submitSupportRequest', { benefitId: PSI, productKind: 'onPremises', description: 'SQL Server 2022 setup fails with 0x84B40000' }));
    expect(textsOf(submitted.replies).join()).toMatch(/Support request SR-20261125-[0-9A-F]{6} for Microsoft Product Support incidents is recorded, with Access ID ACC-4410-7781 and Contract ID CTR-2026-118204/);
    expect(cardText(submitted.body.value)).toContain('SQL Server 2022 setup fails');
    const [request] = await h.stores.supportRequests.list({ limit: 10 });
    expect(request).toMatchObject({ benefitId: PSI, supportKind: 'breakFix', productKind: 'onPremises', accessId: 'ACC-4410-7781', contractId: 'CTR-2026-118204', requester: { aadObjectId: PEOPLE.adminAgent.aadObjectId } });
    expect(h.stores.inventory.current()!.benefits.technical.find((b) => b.id === PSI)!.incidents).toEqual({ total: 5, used: 2 });
    expect(await openTechnical(PEOPLE.adminAgent)).toContain('Incidents: 3 of 5 left');
    const [audit] = await h.stores.audit.query({ action: 'requestSupport', limit: 1 });
    expect(audit).toMatchObject({ actor: { aadObjectId: PEOPLE.adminAgent.aadObjectId }, details: { request: request!.id, idsIncluded: true } });

    // listed, by command and in Japanese
    const listed = await h.post(message(h.connector, PEOPLE.userAdmin, 'サポート リクエスト', { locale: 'ja-JP' }));
    const listText = cardText(cardsOf(listed.replies)[0]);
    expect(listText).toContain(request!.id);
    expect(listText).toContain('アクセス ID: ACC-4410-7781');
  });

  it.each([
    ['a product the benefit does not cover', { productKind: 'cloud', description: 'x' }, /does not cover that kind of product/],
    ['no description', { productKind: 'onPremises', description: '  ' }, /Describe the problem/],
    ['no product', { description: 'x' }, /Choose the kind of product/],
    ['an unknown product (forged)', { productKind: 'mainframe', description: 'x' }, /That button sent something I cannot use/],
  ])('%s → a precise sentence, nothing recorded, no incident used', async (_case, data, sentence) => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'submitSupportRequest', { benefitId: PSI, ...data }));
    expect(body.value).toMatch(sentence);
    expect(await h.stores.supportRequests.list({ limit: 10 })).toEqual([]);
    expect(h.stores.inventory.current()!.benefits.technical.find((b) => b.id === PSI)!.incidents!.used).toBe(1);
  });

  it('presales and deployment once active: no product, no IDs (R6.4)', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'activateTechnicalBenefit', { benefitId: PRESALES }));
    advance(DAYS_3 + 1);
    await h.services.processor.tick();
    const form = await h.post(execute(h.connector, PEOPLE.userAdmin, 'startSupportRequest', { benefitId: PRESALES }));
    expect(JSON.stringify(form.body.value)).not.toContain('Input.ChoiceSet');
    await h.post(execute(h.connector, PEOPLE.userAdmin, 'submitSupportRequest', { benefitId: PRESALES, description: 'Hybrid AKS deployment advice' }));
    const [request] = await h.stores.supportRequests.list({ limit: 1 });
    expect(request).toMatchObject({ supportKind: 'presalesDeployment', description: 'Hybrid AKS deployment advice' });
    expect(request!.accessId).toBeUndefined();
  });
});
