import { requestRenderers } from '../../../src/chat/requests/notifications.js';
import { DEFAULT_REQUEST_OPTIONS } from '../../../src/app/requests/request-notices.js';
import type { Inventory } from '../../../src/domain/inventory.js';
import { approveRequest, openRequest } from '../../../src/domain/requests.js';
import { cardText } from '../../support/bot-harness.js';
import { validateCard } from '../../support/adaptive-cards.js';
import { actions } from '../../support/card-parts.js';
import { demoInventoryFile, PEOPLE } from '../../support/demo.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const buttons = (card: any) => actions(card).filter((a) => a !== card.refresh?.action).map((a) => a.verb);

describe('request notifications are drawn when delivered, from the inventory as it is then', () => {
  const inventory = structuredClone(demoInventoryFile()) as unknown as Inventory;
  const renderers = requestRenderers({ current: () => inventory }, { now: () => NOW }, DEFAULT_REQUEST_OPTIONS);
  const naoki = inventory.people.find((p) => p.aadObjectId === PEOPLE.noRole.aadObjectId)!;
  const admin = inventory.people.find((p) => p.aadObjectId === PEOPLE.globalAdmin.aadObjectId)!;
  openRequest(inventory, { kind: 'visualStudio', benefitId: 'vs-enterprise', note: '**urgent** <b>now</b>' }, naoki, NOW, 'RQ-20261201-0000000A', 'ja-JP');
  const params = { requestId: 'RQ-20261201-0000000A', viewer: PEOPLE.globalAndMpnAdmin.aadObjectId };

  it.each(['en-US', 'ja-JP'] as const)('an approver\'s card while it waits (%s): Approve and Decline, the note as literal text', (locale) => {
    const [message] = renderers.requestApproval!.render(locale, params) as any[];
    expect(validateCard(message.card)).toEqual([]);
    expect(buttons(message.card)).toEqual(['approveRequest', 'declineRequest']);
    expect(cardText(message.card)).toContain('\\*\\*urgent\\*\\* <b>now</b>');
    expect(cardText(message.card)).toContain(locale === 'ja-JP' ? '承認待ちの申請があります' : 'A request waits for your approval');
  });

  it('the same card delivered after another admin decided: the outcome, no buttons', () => {
    approveRequest(inventory, 'RQ-20261201-0000000A', admin, NOW, 'SR-1');
    const [message] = renderers.requestApproval!.render('en-US', params) as any[];
    expect(buttons(message.card)).toEqual([]);
    expect(cardText(message.card)).toContain('Approved by 佐藤 美咲 (Misaki Sato) on Dec 1, 2026');
    const [told] = renderers.requestDecided!.render('ja-JP', { requestId: 'RQ-20261201-0000000A' }) as any[];
    expect(cardText(told.card)).toContain('Visual Studio Enterprise の申請が佐藤 美咲 (Misaki Sato) によって承認されました。');
    expect(renderers.requestDecided!.summary('en-US', { requestId: 'RQ-20261201-0000000A' })).toBe('Request: Visual Studio Enterprise: Approved');
  });

  it('a request pruned meanwhile is said so, not drawn', () => {
    expect(renderers.requestApproval!.render('en-US', { requestId: 'RQ-20261201-FFFFFFFF' })).toEqual([{ kind: 'text', text: expect.stringContaining('This request was not found') }]);
  });
});
