import { readdirSync } from 'node:fs';
import { validateCard } from '../support/adaptive-cards.js';
import { projectPath } from '../../src/paths.js';
import { CARD_NAMES } from '../../src/cards/templates.js';
import { BENEFIT_GROUPS, type Inventory } from '../../src/domain/inventory.js';
import { LOCALES } from '../../src/i18n/index.js';
import { overviewCard } from '../../src/chat/views/overview-card.js';
import { groupListCard, groupView } from '../../src/chat/views/group-list-card.js';
import { helpCard, welcomeCard } from '../../src/chat/views/help-card.js';
import { supportRequestCard, supportRequestListCard } from '../../src/chat/views/support-request-card.js';
import { technicalActivationCompleted } from '../../src/chat/notifications/technical-activation.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { cardText } from '../support/bot-harness.js';
import { randomBytes } from 'node:crypto';

const inventory: Inventory = sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const now = new Date('2026-11-25T00:00:00Z');
const person = inventory.people.find((p) => p.aadObjectId === PEOPLE.globalAdmin.aadObjectId)!;

const cases = LOCALES.flatMap((locale) => [
  [locale, 'overview', () => overviewCard(locale, inventory, person)],
  ...BENEFIT_GROUPS.map((g) => [locale, `list of ${g}`, () => groupListCard(g, locale, groupView(g, locale, inventory, now))] as const),
  [locale, 'help', () => helpCard(locale, inventory.organization.name)],
  [locale, 'help for unknown text', () => helpCard(locale, undefined, '${injected} "}]')],
  [locale, 'welcome', () => welcomeCard(locale)],
  // issue 5
  ...inventory.benefits.technical.map((b) => [locale, `support request form for ${b.kind}`, () => supportRequestCard(locale, b)] as const),
  [locale, 'support request list', () => supportRequestListCard(locale, [{ id: 'SR-1', at: now.toISOString(), benefitId: 'b', benefitName: 'Microsoft Product Support incidents', supportKind: 'breakFix', productKind: 'onPremises', description: 'Setup fails', requester: { aadObjectId: 'x', name: 'Kenta' }, accessId: 'ACC-1', contractId: 'CTR-1' }], 'Microsoft Product Support incidents')],
  [locale, 'support request list, empty', () => supportRequestListCard(locale, [])],
  [locale, 'technical activation notification', () => (technicalActivationCompleted.render(locale, { name: 'Signature Product Support', accessId: 'ACC-1', contractId: 'CTR-1' })[0] as unknown as { card: never }).card],
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
    const text = cardText(overviewCard('ja-JP', inventory, person));
    for (const label of ['ソフトウェア', 'クラウド', 'Visual Studio サブスクリプション', '技術関連の特典', '市場進出']) expect(text).toContain(label);
  });
});

describe('the validator itself', () => {
  it('reports what is wrong in a broken card, so that the checks above can fail', () => {
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }], actions: [{ type: 'Action.OpenUrl', title: 'x' }] };
    expect(validateCard(broken).length).toBeGreaterThanOrEqual(2);
  });
});
