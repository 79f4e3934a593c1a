import { MovableClock } from '../support/clock.js';
import { startHarness, execute, message, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { actions } from '../support/card-parts.js';
import { PEOPLE } from '../support/demo.js';
import { refreshUserIds, USER_SPECIFIC_VIEWS_MAX } from '../../src/chat/views/request-card.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { demoInventoryFile } from '../support/demo.js';

const clock = new MovableClock(new Date('2026-12-01T09:00:00Z'));
const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:benefits-team@thread.v2' };
const buttons = (card: any) => actions(card).filter((a) => a !== card.refresh?.action).map((a) => a.verb);
const said = (r: { body: any; replies: any[] }) => textsOf(r.replies).join() + (typeof r.body?.value === 'string' ? r.body.value : '');

describe('one request card in a group chat shows each viewer what their role allows (refresh.userIds)', () => {
  let h: Harness;
  let requestId = '';
  let posted: any;
  beforeAll(async () => {
    h = await startHarness({}, { clock });
    // Misaki has decided before, so the bot knows her Teams user id; Emily has not.
    await h.post(message(h.connector, PEOPLE.globalAdmin, 'digest monday'));
  });
  afterAll(async () => h.stop());

  it('asked in the group: the card names who asked and who can approve, with no buttons for the requester', async () => {
    const asked = await h.post(execute(h.connector, PEOPLE.noRole, 'askForBenefit', { kind: 'visualStudio', benefitId: 'vs-professional' }, GROUP));
    posted = asked.body.value;
    requestId = posted.refresh.action.data.requestId;
    expect(posted.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'requestCard' });
    expect(posted.refresh.userIds).toEqual([`29:${PEOPLE.noRole.aadObjectId}`, `29:${PEOPLE.globalAdmin.aadObjectId}`]);
    expect(cardText(posted)).toContain('Can approve: 佐藤 美咲 (Misaki Sato), Emily Clark');
    expect(buttons(posted)).toEqual([]);
  });

  it.each([
    ['a Global admin', PEOPLE.globalAdmin, ['approveRequest', 'declineRequest']],
    ['an MPN partner admin (a seat needs Global admin, R1.3)', PEOPLE.mpnPartnerAdmin, []],
    ['an Admin agent', PEOPLE.adminAgent, []],
    ['the requester', PEOPLE.noRole, []],
  ])('the refresh for %s', async (_who, who, expected) => {
    const view = await h.post(execute(h.connector, who, 'requestCard', { requestId }, GROUP));
    expect(buttons(view.body.value)).toEqual(expected);
    expect(cardText(view.body.value)).toContain('Waiting for approval');
  });

  it('the request is not shown elsewhere to someone it does not concern, nor to another tenant', async () => {
    const elsewhere = await h.post(execute(h.connector, PEOPLE.adminAgent, 'requestCard', { requestId }));
    expect(said(elsewhere)).toMatch(/This request was not found/);
    const foreign = await h.post(execute(h.connector, PEOPLE.noRole, 'requestCard', { requestId }, { ...GROUP, tenantId: '99999999-9999-4999-8999-999999999999' }));
    expect(said(foreign)).not.toContain('Visual Studio');
  });

  it('approved from the group: the requester\'s refresh shows the outcome; a forged id is refused by its shape', async () => {
    const approved = await h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'approveRequest', { requestId }, { ...GROUP, locale: 'ja-JP' }));
    expect(cardText(approved.body.value)).toContain('Emily Clark が 2026/12/01 9:00 に承認しました。');
    expect(said(approved)).toContain('伊藤 直樹 (Naoki Ito) の Visual Studio Professional の申請を承認しました。');
    const view = await h.post(execute(h.connector, PEOPLE.noRole, 'requestCard', { requestId }, GROUP));
    expect(cardText(view.body.value)).toContain('Approved by Emily Clark');
    expect(view.body.value.refresh.userIds).toContain(`29:${PEOPLE.globalAndMpnAdmin.aadObjectId}`);
    const forged = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'approveRequest', { requestId: '../../etc' }, GROUP));
    expect(said(forged)).toContain('That button sent something I cannot use');
  });
});

describe('refresh.userIds names at most 60 people', () => {
  it('70 approvers the bot knows: 60 names', () => {
    const inventory = structuredClone(demoInventoryFile()) as unknown as Inventory;
    for (let n = 0; n < 70; n++) {
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      inventory.people.push({ aadObjectId: id, name: `Admin ${n}`, email: `a${n}@example.com`, roles: ['globalAdmin'] });
      (inventory.settings ??= []).push({ aadObjectId: id, userId: `29:${id}` });
    }
    const request = { id: 'RQ-20261201-00000000', kind: 'visualStudio' as const, benefitId: 'vs-enterprise', requester: PEOPLE.noRole.aadObjectId, locale: 'en-US', createdAt: '2026-12-01T00:00:00Z', state: 'pending' as const };
    expect(refreshUserIds(inventory, request)).toHaveLength(USER_SPECIFIC_VIEWS_MAX);
  });
});
