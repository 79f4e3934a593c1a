import { readdirSync } from 'node:fs';
import { validateCard } from '../support/adaptive-cards.js';
import { projectPath } from '../../src/lib/paths.js';
import { CARD_NAMES } from '../../src/cards/templates.js';
import { BENEFIT_GROUPS, type Inventory } from '../../src/domain/inventory.js';
import { LOCALES } from '../../src/i18n/index.js';
import { overviewCard } from '../../src/chat/views/overview-card.js';
import { groupListCard, groupView } from '../../src/chat/views/group-list-card.js';
import { helpCard, welcomeCard } from '../../src/chat/views/help-card.js';
import { supportRequestCard, supportRequestListCard } from '../../src/chat/views/support-request-card.js';
import { technicalActivationCompleted } from '../../src/chat/technical/notifications.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { cardText } from '../support/bot-harness.js';
import { randomBytes } from 'node:crypto';
import { assignSeatCard, reassignSeatCard } from '../../src/chat/views/visual-studio-seat-card.js';
import { addPersonCard, peopleCard, personCard, removeRoleCard } from '../../src/chat/views/people-card.js';
import { peopleIndex } from '../../src/domain/people-search.js';
import { keysCard, refundLossCard } from '../../src/chat/views/keys-card.js';
import { auditTrailCard } from '../../src/chat/views/audit-trail-card.js';
import type { AuditEntry } from '../../src/ports/audit-trail.js';
import { marketingContactCard } from '../../src/chat/views/marketing-contact-card.js';
import { cancellationFormCard, cancellationOptionsCard, cancellationRequestListCard } from '../../src/chat/views/cancellation-card.js';
import { refundEligibility } from '../../src/domain/cancellation.js';
import { overviewOf } from '../../src/app/overview/overview.js';
import { cancellationOptionsOf } from '../../src/app/cancellation/cancellation.js';
import { goToMarketActivationCompleted, goToMarketExpiryReminder } from '../../src/chat/go-to-market/notifications.js';

const inventory: Inventory = sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const now = new Date('2026-11-25T00:00:00Z');
const person = inventory.people.find((p) => p.aadObjectId === PEOPLE.globalAdmin.aadObjectId)!;
const withContact: Inventory = { ...inventory, marketingContact: { aadObjectId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP', assigned: { by: person.aadObjectId, at: now.toISOString() } } };

const software = inventory.benefits.software[2]!;
const license = inventory.benefits.cloud.find((c) => c.kind === 'licenseBased')!;
const mpnAdmin = inventory.people.find((p) => p.aadObjectId === PEOPLE.mpnPartnerAdmin.aadObjectId)!;
const entry = (seq: number, details?: AuditEntry['details']): AuditEntry => ({
  seq,
  at: '2026-11-20T03:04:05Z',
  action: 'revealSoftwareKeys',
  actor: { aadObjectId: person.aadObjectId, name: person.name },
  target: { kind: 'software', id: software.id, name: software.name },
  where: { conversationId: 'a:1', conversationType: 'groupChat' },
  ...(details ? { details } : {}),
});

const cases = LOCALES.flatMap((locale) => [
  [locale, 'overview', () => overviewCard(locale, overviewOf(inventory, person, now))],
  ...BENEFIT_GROUPS.map((g) => [locale, `list of ${g}`, () => groupListCard(g, locale, groupView(g, locale, inventory, now))] as const),
  [locale, 'help', () => helpCard(locale, inventory.organization.name)],
  [locale, 'help for unknown text', () => helpCard(locale, undefined, '${injected} "}]')],
  [locale, 'welcome', () => welcomeCard(locale)],
  [locale, 'assign user (R5.2)', () => assignSeatCard(locale, inventory, inventory.benefits.visualStudio[0]!)],
  [locale, 'reassign a seat (R5.4)', () => reassignSeatCard(locale, inventory, inventory.benefits.visualStudio[0]!, now)],
  [locale, 'people', () => peopleCard(locale, inventory, '', peopleIndex(inventory.people).search('', 0, 20))],
  [locale, 'people, searched, with nothing found', () => peopleCard(locale, inventory, 'nobody', peopleIndex(inventory.people).search('nobody', 0, 20))],
  [locale, 'a person and their roles', () => personCard(locale, person, { person, inventory }, 'notice')],
  [locale, 'a person, as someone who may not change roles', () => personCard(locale, person, { person: mpnAdmin, inventory })],
  [locale, 'asked before removing a Global admin role', () => removeRoleCard(locale, inventory, person, 'globalAdmin', true)],
  [locale, 'asked before keys forfeit a refund', () => refundLossCard(locale, 'software', inventory.benefits.software[0]!, refundEligibility(inventory, inventory.organization.packages[0]!, now))],
  [locale, 'add person', () => addPersonCard(locale)],
  [locale, 'add person, refused', () => addPersonCard(locale, { name: 'x', email: 'bad', aadObjectId: '1' }, [{ field: 'email', problem: 'invalidEmail' }, { field: 'aadObjectId', problem: 'invalidGuid' }])],
  ...inventory.benefits.technical.map((b) => [locale, `support request form for ${b.kind}`, () => supportRequestCard(locale, b)] as const),
  [locale, 'support request list', () => supportRequestListCard(locale, [{ id: 'SR-1', at: now.toISOString(), benefitId: 'b', benefitName: 'Microsoft Product Support incidents', supportKind: 'breakFix', productKind: 'onPremises', description: 'Setup fails', requester: { aadObjectId: 'x', name: 'Kenta' }, accessId: 'ACC-1', contractId: 'CTR-1' }], 'Microsoft Product Support incidents')],
  [locale, 'support request list, empty', () => supportRequestListCard(locale, [])],
  [locale, 'technical activation notification', () => (technicalActivationCompleted.render(locale, { name: 'Signature Product Support', accessId: 'ACC-1', contractId: 'CTR-1' })[0] as unknown as { card: never }).card],
  // The lists with the buttons of each role, the keys card, the audit trail
  ...(['software', 'cloud'] as const).flatMap((g) => [
    [locale, `list of ${g} for a Global admin`, () => groupListCard(g, locale, groupView(g, locale, inventory, now, person))] as const,
    [locale, `list of ${g} for an MPN partner admin`, () => groupListCard(g, locale, groupView(g, locale, inventory, now, mpnAdmin))] as const,
  ]),
  [locale, 'keys of a software product', () => keysCard(locale, { group: 'software', benefit: software, keys: ['AAAAA-1', 'BBBBB-2'], inventory, activatedNow: false })],
  [locale, 'keys with download links', () => keysCard(locale, { group: 'software', benefit: software, keys: ['AAAAA-1'], inventory, activatedNow: true, choice: { language: 'ja-JP', os: 'x86' } })],
  [locale, 'keys of a license-based subscription', () => keysCard(locale, { group: 'cloud', benefit: license, keys: ['CCCCC-3'], inventory, activatedNow: true })],
  [locale, 'audit trail', () => auditTrailCard(locale, { entries: [entry(2, { activated: true, sentToPersonalChat: true, language: 'ja-JP', os: 'x64' }), entry(1)], applied: ['x'], notices: ['y'], typed: { person: 'kenta', product: '' } })],
  [locale, 'empty audit trail', () => auditTrailCard(locale, { entries: [], applied: [], notices: [], typed: { person: '', product: '' } })],
  [locale, 'Go-To-Market list with its marketing contact header, for a Global admin', () => groupListCard('goToMarket', locale, groupView('goToMarket', locale, withContact, now, person))],
  [locale, 'marketing contact form (R7.3)', () => marketingContactCard(locale, inventory, 'add', { personId: '', email: '', phone: '', preferredLanguage: '' })],
  [locale, 'marketing contact form, refused field by field', () => marketingContactCard(locale, inventory, 'change', { personId: 'x', email: 'partnercenter@fabrikam.co.jp', phone: 'abc', preferredLanguage: 'xx' }, [{ field: 'personId', problem: 'personNotFound' }, { field: 'email', problem: 'sameAsPartnerCenter' }, { field: 'phone', problem: 'invalidPhone' }, { field: 'preferredLanguage', problem: 'unknownLanguage' }])],
  [locale, 'overview warning of a refund window closing (R8.1)', () => overviewCard(locale, overviewOf(inventory, person, new Date('2026-12-08T00:00:00Z'), 7))],
  [locale, 'cancellation options (R8.1)', () => cancellationOptionsCard(locale, cancellationOptionsOf(inventory, now, []))],
  [locale, 'cancellation form (R8.2)', () => cancellationFormCard(locale, refundEligibility(inventory, inventory.organization.packages[0]!, now))],
  [locale, 'cancellation requests', () => cancellationRequestListCard(locale, [{ id: 'CR-1', at: now.toISOString(), packageId: 'pkg-action-pack', program: 'actionPack', purchasedOn: '2026-11-10', refundLastDay: '2026-12-10', requester: { aadObjectId: 'x', name: 'Misaki' }, reason: 'Bought twice', status: 'submitted' }])],
  [locale, 'Go-To-Market activation notification', () => (goToMarketActivationCompleted.render(locale, { name: 'Gold Core', expiresOn: '2027-11-28', contactEmail: 'm@example.com' })[0] as unknown as { card: never }).card],
  [locale, 'Go-To-Market expiry reminder', () => (goToMarketExpiryReminder.render(locale, { name: 'Gold Core', expiresOn: '2027-11-28' })[0] as unknown as { card: never }).card],
] as const);

describe('every card template, bound with demo data, validates with the adaptivecards SDK', () => {
  it('covers every template file in cards/', () => {
    const files = readdirSync(projectPath('cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...CARD_NAMES].sort());
  });

  it.each(cases)('%s %s', (_locale, _name, build) => {
    const card = build();
    expect(card.version).toBe('1.5');
    expect(validateCard(card, { literalDollarAllowed: _name === 'help for unknown text' })).toEqual([]);
  });

  it('binds hostile text as literal text, not as template or JSON', () => {
    const text = cardText(helpCard('en-US', undefined, '${injected} "}]'));
    expect(text).toContain('"${injected} "}]"');
  });

  it('shows Partner Center labels in Japanese for ja-JP (R2.3)', () => {
    const text = cardText(overviewCard('ja-JP', overviewOf(inventory, person, now)));
    for (const label of ['ソフトウェア', 'クラウド', 'Visual Studio サブスクリプション', '技術関連の特典', '市場進出']) expect(text).toContain(label);
  });
});

describe('the validator itself', () => {
  it('reports what is wrong in a broken card, so that the checks above can fail', () => {
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }], actions: [{ type: 'Action.OpenUrl', title: 'x' }] };
    expect(validateCard(broken).length).toBeGreaterThanOrEqual(2);
  });
});

describe('long lists are paged, so that a card stays small', () => {
  const big: Inventory = structuredClone(inventory);
  const template = big.benefits.software[0]!;
  big.benefits.software = Array.from({ length: 25 }, (_, i) => ({ ...template, id: `sw-${i}`, name: `Product ${i}` }));
  const view = groupView('software', 'en-US', big, now);
  const actions = (card: object) => JSON.stringify(card).match(/"title":"(Next page|Previous page)"/g) ?? [];

  it.each([
    [0, 'Product 0', 'Product 9', ['"title":"Next page"']],
    [1, 'Product 10', 'Product 19', ['"title":"Previous page"', '"title":"Next page"']],
    [2, 'Product 20', 'Product 24', ['"title":"Previous page"']],
    [7, 'Product 20', 'Product 24', ['"title":"Previous page"']],
  ])('page %s shows %s … %s', (page, first, last, pagers) => {
    const card = groupListCard('software', 'en-US', view, page);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain(first);
    expect(text).toContain(last);
    expect(text).not.toContain(`Product ${Number(last.split(' ')[1]) + 1}\n`);
    expect(text).toContain(`Page ${Math.min(page, 2) + 1} of 3 (25 in all)`);
    expect([...new Set(actions(card))]).toEqual(pagers);
  });
});

describe('a page is built from its own rows only', () => {
  it.each([0, 1, 2, 9])('page %s of 25 products: the same card as paging the whole list', async (page) => {
    const { groupPageView } = await import('../../src/chat/views/group-list-card.js');
    const big: Inventory = structuredClone(inventory);
    const template = big.benefits.software[0]!;
    big.benefits.software = Array.from({ length: 25 }, (_, i) => ({ ...template, id: `sw-${i}`, name: `Product ${i}` }));
    const paged = groupListCard('software', 'en-US', groupPageView('software', 'en-US', big, now, person, page), page);
    const whole = groupListCard('software', 'en-US', groupView('software', 'en-US', big, now, person), page);
    expect(paged).toEqual(whole);
  });
});
