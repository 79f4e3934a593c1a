import { MovableClock } from '../support/clock.js';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, execute, submit, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { inputs, actions } from '../support/card-parts.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { NAOKI, SAKURA, DAISUKE, stored, holders, search, NON_GLOBAL } from './people-and-seats.js';

/** A clock the tests move: days 89, 90, 91 of R5.4. */
const clock = new MovableClock(new Date('2026-11-25T00:00:00Z'));

describe('Visual Studio subscriptions over HTTP (R5)', () => {
  let h: Harness;
  beforeAll(async () => {
    clock.current = new Date('2026-11-25T00:00:00Z');
    h = await startHarness({}, { clock });
  });
  afterAll(async () => h.stop());

  it('the list shows seats used/total, who holds each seat since when, the reassignable-from date, and the buttons (R5.1)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'visualStudio' }));
    const text = cardText(body.value);
    expect(text).toContain('1 of 5 assigned');
    expect(text).toContain('渡辺 さくら (Sakura Watanabe), since Aug 20, 2026 · can be reassigned (since Nov 18, 2026, 12:00 AM UTC)');
    expect(text).toContain('山本 大輔 (Daisuke Yamamoto), since Nov 12, 2026 · can be reassigned from Feb 10, 2027, 12:00 AM UTC');
    const verbs = actions(body.value).map((a) => `${a.verb}:${a.data.subscriptionId ?? ''}`);
    expect(verbs).toEqual(expect.arrayContaining(['assignSeatForm:vs-enterprise', 'reassignSeatForm:vs-enterprise', 'assignSeatForm:vs-professional']));
  });

  it('Assign user: the form lists every candidate of a small company (no Data.Query, which some clients let hide them), Teams searches, the Global admin assigns (R5.2)', async () => {
    const form = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeatForm', { subscriptionId: 'vs-enterprise' }));
    expect(validateCard(form.body.value)).toEqual([]);
    const picker = inputs(form.body.value).personId;
    expect(picker).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered', isRequired: true });
    expect(picker['choices.data']).toBeUndefined();
    expect(picker.choices.map((c: any) => c.value)).toContain(NAOKI.aadObjectId);
    expect(picker.choices.map((c: any) => c.value)).not.toContain(SAKURA.aadObjectId); // already holds a seat

    const found = await h.post(search(h, PEOPLE.globalAdmin, 'people', 'naoki'));
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: [{ title: '伊藤 直樹 (Naoki Ito) <naoki.ito@fabrikam.co.jp>', value: NAOKI.aadObjectId }] },
    });

    const assigned = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: NAOKI.aadObjectId }));
    expect(assigned.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(assigned.body.value)).toContain('伊藤 直樹 (Naoki Ito), since Nov 25, 2026 · can be reassigned from Feb 23, 2027');
    expect(cardText(assigned.body.value)).toContain('2 of 5 assigned');
    expect(textsOf(assigned.replies).join()).toContain('伊藤 直樹 (Naoki Ito) now holds a seat of Visual Studio Enterprise');
    expect(holders(stored(h), 'vs-enterprise')).toEqual([SAKURA.aadObjectId, NAOKI.aadObjectId]);
    const [entry] = await h.stores.audit.query({ action: 'assignVisualStudioSeat', limit: 5 });
    expect(entry).toMatchObject({
      actor: { aadObjectId: PEOPLE.globalAdmin.aadObjectId },
      target: { kind: 'visualStudio', id: 'vs-enterprise' },
      details: { assignee: NAOKI.aadObjectId },
      where: { conversationId: `a:personal-${PEOPLE.globalAdmin.aadObjectId}` },
    });
  });

  it('assigning the same person twice is refused, to the clicker only, and changes nothing', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: NAOKI.aadObjectId }));
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toMatch(/already holds a seat of Visual Studio Enterprise/);
    expect(holders(stored(h), 'vs-enterprise')).toHaveLength(2);
  });

  it('the Action.Submit fallback (with the picked input in its value) assigns too', async () => {
    const { replies } = await h.post(submit(h.connector, PEOPLE.globalAndMpnAdmin, { verb: 'assignSeat', subscriptionId: 'vs-professional', personId: PEOPLE.userAdmin.aadObjectId }, { locale: 'ja-JP' }));
    expect(cardText(cardsOf(replies)[0])).toContain('高橋 由美 (Yumi Takahashi) (2026年11月25日から)');
    expect(textsOf(replies).join()).toContain('高橋 由美 (Yumi Takahashi) に Visual Studio Professional のシートを割り当てました');
  });

  it('the Reassign form lists each seat with the date it can be reassigned from (R5.4)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'reassignSeatForm', { subscriptionId: 'vs-enterprise' }));
    expect(validateCard(body.value)).toEqual([]);
    const seats = inputs(body.value).seat.choices.map((c: any) => c.title);
    expect(seats).toEqual([
      '渡辺 さくら (Sakura Watanabe) · since Aug 20, 2026 · can be reassigned',
      '伊藤 直樹 (Naoki Ito) · since Nov 25, 2026 · from Feb 23, 2027, 12:00 AM UTC',
    ]);
    expect(inputs(body.value).personId['choices.data']).toBeUndefined();
  });

  describe('R5.4 over HTTP, with the clock pinned around day 89, 90 and 91 of the original assignment (20 Aug 2026)', () => {
    it.each([
      ['en-US', 'Nov 18, 2026'],
      ['ja-JP', '2026年11月18日'],
    ])('day 89 (%s): refused, saying on which date it becomes possible', async (locale, date) => {
      clock.current = new Date('2026-11-17T23:59:00Z');
      const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'reassignSeat', { subscriptionId: 'vs-enterprise', seat: SAKURA.aadObjectId, personId: DAISUKE.aadObjectId }, { locale }));
      expect(body.type).toBe('application/vnd.microsoft.activity.message');
      expect(body.value).toContain(date);
      expect(body.value).toMatch(locale === 'ja-JP' ? /90 日/ : /90 days/);
      expect(holders(stored(h), 'vs-enterprise')).toContain(SAKURA.aadObjectId);
    });

    it('day 90: reassigned; the new subscriber has a new 90-day period; the audit trail has it', async () => {
      clock.current = new Date('2026-11-18T00:00:00Z');
      const { body, replies } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'reassignSeat', { subscriptionId: 'vs-enterprise', seat: SAKURA.aadObjectId, personId: DAISUKE.aadObjectId }));
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(textsOf(replies).join()).toContain('The seat of 渡辺 さくら (Sakura Watanabe) on Visual Studio Enterprise is now held by 山本 大輔 (Daisuke Yamamoto). It can be reassigned again from Feb 16, 2027');
      const seat = stored(h).benefits.visualStudio[0]!.assignments.find((a) => a.aadObjectId === DAISUKE.aadObjectId);
      expect(seat).toEqual({ aadObjectId: DAISUKE.aadObjectId, assignedAt: '2026-11-18T00:00:00.000Z', originalAssignedAt: '2026-11-18T00:00:00.000Z', assignedBy: PEOPLE.globalAdmin.aadObjectId });
      expect(holders(stored(h), 'vs-enterprise')).not.toContain(SAKURA.aadObjectId);
      const [entry] = await h.stores.audit.query({ action: 'reassignVisualStudioSeat', limit: 1 });
      expect(entry!.details).toMatchObject({ assignee: DAISUKE.aadObjectId, previousHolder: SAKURA.aadObjectId, previousOriginalAssignedAt: '2026-08-20T00:00:00Z' });
    });

    it('day 91 of the seat, day 1 of its new holder: reassigning it again is refused until 16 Feb 2027', async () => {
      clock.current = new Date('2026-11-19T00:00:00Z');
      const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'reassignSeat', { subscriptionId: 'vs-enterprise', seat: DAISUKE.aadObjectId, personId: SAKURA.aadObjectId }));
      expect(body.value).toMatch(/cannot be reassigned yet.*Feb 16, 2027/);
      clock.current = new Date('2027-02-16T00:00:00Z');
      const later = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'reassignSeat', { subscriptionId: 'vs-enterprise', seat: DAISUKE.aadObjectId, personId: SAKURA.aadObjectId }));
      expect(later.body.type).toBe('application/vnd.microsoft.card.adaptive');
      clock.current = new Date('2026-11-25T00:00:00Z');
    });
  });

  describe('only a Global admin assigns (R1.3); others are told whom to ask (R1.6)', () => {
    it.each(NON_GLOBAL)('%s: Assign user is refused and changes nothing', async (_role, person) => {
      const before = h.storeBytes();
      for (const [verb, data] of [
        ['assignSeatForm', { subscriptionId: 'vs-professional' }],
        ['assignSeat', { subscriptionId: 'vs-professional', personId: NAOKI.aadObjectId }],
        ['reassignSeat', { subscriptionId: 'vs-professional', seat: DAISUKE.aadObjectId, personId: NAOKI.aadObjectId }],
      ] as const) {
        const { body } = await h.post(execute(h.connector, person, verb, data));
        expect(body.type).toBe('application/vnd.microsoft.activity.message');
        expect(body.value).toMatch(/needs the Global admin role.*佐藤 美咲 \(Misaki Sato\), Emily Clark/);
      }
      expect(h.storeBytes()).toBe(before);
    });

    it('identity is the activity\'s: a card naming a Global admin does not make its sender one', async () => {
      const { body } = await h.post(execute(h.connector, PEOPLE.adminAgent, 'assignSeat', { subscriptionId: 'vs-professional', personId: NAOKI.aadObjectId, aadObjectId: PEOPLE.globalAdmin.aadObjectId, from: PEOPLE.globalAdmin }));
      expect(body.value).toMatch(/needs the Global admin role/);
    });
  });

  describe('forged or malformed card data gets a clear refusal and changes nothing', () => {
    it.each([
      ['an unknown subscription id', 'assignSeat', { subscriptionId: 'vs-ultimate-forged', personId: NAOKI.aadObjectId }, /Visual Studio subscription does not exist/],
      ['an unknown person id', 'assignSeat', { subscriptionId: 'vs-professional', personId: '0badf00d-0000-4000-8000-000000000000' }, /not in the list of people.*add person/],
      ['a person id that is not a GUID', 'assignSeat', { subscriptionId: 'vs-professional', personId: '../../etc/passwd' }, /cannot use/],
      ['a subscription id of the wrong shape', 'assignSeat', { subscriptionId: { $gt: '' }, personId: NAOKI.aadObjectId }, /cannot use/],
      ['no person picked', 'assignSeat', { subscriptionId: 'vs-professional', personId: '' }, /Select the user to assign/],
      ['a seat no one holds', 'reassignSeat', { subscriptionId: 'vs-professional', seat: NAOKI.aadObjectId, personId: PEOPLE.adminAgent.aadObjectId }, /no longer holds a seat/],
      ['an unknown subscription for the form', 'reassignSeatForm', { subscriptionId: 'nope' }, /does not exist/],
    ])('%s', async (_name, verb, data, expected) => {
      const before = h.storeBytes();
      const { status, body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, verb, data));
      expect(status).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.activity.message');
      expect(body.value).toMatch(expected);
      expect(h.storeBytes()).toBe(before);
    });
  });

  describe('the typeahead (application/search invoke)', () => {
    it('answers a User admin (who manages people), in name order, paged by top', async () => {
      const { body } = await h.post({ ...search(h, PEOPLE.userAdmin, 'people', ''), value: { queryText: '', dataset: 'people', queryOptions: { skip: 2, top: 3 } } });
      expect(body.value.results).toHaveLength(3);
    });

    it('refuses an Admin agent, an unknown dataset and a malformed request, with a sentence', async () => {
      const agent = await h.post(search(h, PEOPLE.adminAgent, 'people', 'sato'));
      expect(agent.status).toBe(403);
      expect(agent.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
      expect(agent.body.value.message).toMatch(/Global admin or User admin/);
      expect(JSON.stringify(agent.body)).not.toContain('misaki.sato@');
      const unknown = await h.post(search(h, PEOPLE.globalAdmin, 'secrets', 'x'));
      expect(unknown.status).toBe(404);
      const malformed = await h.post({ ...search(h, PEOPLE.globalAdmin, 'people', 'x'), value: 'people' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.value.message).toMatch(/cannot use/);
    });
  });
});

describe('two Global admins assigning the last free seat at the same moment', () => {
  let h: Harness;
  let seed = '';
  const extra = Array.from({ length: 30 }, (_, i) => ({
    aadObjectId: `d0d0d0d0-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Engineer ${i}`,
    email: `engineer${i}@fabrikam.co.jp`,
    roles: [] as string[],
  }));
  beforeAll(async () => {
    clock.current = new Date('2026-11-25T00:00:00Z');
    const file = demoInventoryFile();
    file.people.push(...(extra as typeof file.people));
    const pro = file.benefits.visualStudio.find((s) => s.id === 'vs-professional')!;
    pro.seats = 2; // one held by 山本 大輔: one free seat
    seed = join(tmpdir(), `benefits-seed-${process.pid}-${Date.now()}.json`);
    writeFileSync(seed, JSON.stringify(file));
    h = await startHarness({ INVENTORY_SEED_FILE: seed }, { clock });
  });
  afterAll(async () => {
    await h.stop();
    rmSync(seed, { force: true });
  });

  it('30 simultaneous requests over HTTP for 30 different people: exactly one succeeds, the others are told there is no free seat', async () => {
    const admins = [PEOPLE.globalAdmin, PEOPLE.globalAndMpnAdmin];
    const responses = await Promise.all(
      extra.map((p, i) => h.post(execute(h.connector, admins[i % 2]!, 'assignSeat', { subscriptionId: 'vs-professional', personId: p.aadObjectId }))),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const won = responses.filter((r) => r.body.type === 'application/vnd.microsoft.card.adaptive');
    const lost = responses.filter((r) => r.body.type === 'application/vnd.microsoft.activity.message');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(29);
    for (const r of lost) expect(r.body.value).toMatch(/Visual Studio Professional has no free seat: all 2 seats are assigned/);

    const seats = stored(h).benefits.visualStudio.find((s) => s.id === 'vs-professional')!.assignments;
    expect(seats).toHaveLength(2);
    const winner = seats.find((a) => a.aadObjectId !== DAISUKE.aadObjectId)!;
    expect(extra.map((p) => p.aadObjectId)).toContain(winner.aadObjectId);
    const entries = await h.stores.audit.query({ action: 'assignVisualStudioSeat', limit: 100 });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details?.assignee).toBe(winner.aadObjectId);
  });
});
