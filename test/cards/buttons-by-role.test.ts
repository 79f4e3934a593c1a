import { randomBytes } from 'node:crypto';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { groupListCard, groupView } from '../../src/chat/views/group-list-card.js';
import { personCard } from '../../src/chat/views/people-card.js';
import type { Action } from '../../src/domain/policy.js';
import type { BenefitGroup, Inventory } from '../../src/domain/inventory.js';
import { cardText } from '../support/bot-harness.js';
import { demoInventoryFile } from '../support/demo.js';
import { ONE_PER_ROLE, tableAllows } from '../support/roles-table.js';

/**
 * Each person sees what they may do (R1.3, R1.4, R1.7): a button only for the roles the R1 table allows
 * (the hand-written ROLES_TABLE, not the code's), and in its place for everyone else who does it and
 * whom to ask (R1.6), in both languages.
 */
const inventory: Inventory = sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const now = new Date('2026-11-25T09:30:00Z');
const withRole = ONE_PER_ROLE.filter(([, p]) => p.roles.length > 0);
const personOf = (aadObjectId: string) => inventory.people.find((p) => p.aadObjectId === aadObjectId)!;

const verbsOf = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"verb":"(\w+)"/g)].map((m) => m[1]!);

const BUTTONS: [BenefitGroup, Action, string[], { 'en-US': string; 'ja-JP': string }][] = [
  ['software', 'revealSoftwareKeys', ['getSoftwareKeys'], { 'en-US': 'can get keys', 'ja-JP': 'キーの取得は' }],
  ['cloud', 'assignBenefit', ['assignCloudToSelf'], { 'en-US': 'can activate it by assigning themself', 'ja-JP': '自分をユーザーとして割り当ててアクティブ化できるのは' }],
  ['visualStudio', 'assignBenefit', ['assignSeatForm', 'reassignSeatForm'], { 'en-US': 'can assign and reassign Visual Studio subscriptions', 'ja-JP': 'Visual Studio サブスクリプションの割り当てと再割り当ては' }],
  ['technical', 'activateBenefit', ['activateTechnicalBenefit'], { 'en-US': 'can activate technical benefits', 'ja-JP': '技術関連の特典のアクティブ化は' }],
];

const rows = (['en-US', 'ja-JP'] as const).flatMap((locale) => withRole.flatMap(([role, p]) => BUTTONS.map(([group, action, verbs, line]) => [locale, role, group, action, p.aadObjectId, verbs, line[locale]] as const)));

describe('a list offers a button only to the roles the R1 table allows; others read who does it (R1.6)', () => {
  it.each(rows)('%s %s: %s (%s)', (locale, _role, group, action, id, verbs, line) => {
    const person = personOf(id);
    const card = groupListCard(group, locale, groupView(group, locale, inventory, now, person));
    const allowed = tableAllows(action, person.roles);
    const offered = verbsOf(card).filter((v) => verbs.includes(v));
    expect(offered.length > 0).toBe(allowed);
    expect(cardText(card).includes(line)).toBe(!allowed);
  });
});

describe('a person card offers Grant and Remove to a Global admin only (R1.7)', () => {
  it.each((['en-US', 'ja-JP'] as const).flatMap((locale) => withRole.map(([role, p]) => [locale, role, p.aadObjectId] as const)))('%s %s', (locale, _role, id) => {
    const viewer = personOf(id);
    const card = personCard(locale, personOf(ONE_PER_ROLE[2][1].aadObjectId), { person: viewer, inventory });
    const allowed = tableAllows('grantRoles', viewer.roles);
    expect(verbsOf(card).some((v) => v === 'grantRole' || v === 'removeRole')).toBe(allowed);
    expect(cardText(card).includes(locale === 'en-US' ? 'Only a Global admin can grant and remove roles' : 'ロールの割り当てと削除はグローバル管理者のみが行えます')).toBe(!allowed);
  });
});
