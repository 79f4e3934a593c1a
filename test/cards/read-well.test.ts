import { randomBytes } from 'node:crypto';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { overviewOf, withoutRequestedRefunds } from '../../src/app/overview/overview.js';
import { overviewCard } from '../../src/chat/views/overview-card.js';
import { groupListCard, groupView } from '../../src/chat/views/group-list-card.js';
import { BENEFIT_GROUPS, type Inventory } from '../../src/domain/inventory.js';
import { cardText } from '../support/bot-harness.js';
import { sentences } from '../../src/i18n/index.js';
import { cancellationOptionsCard } from '../../src/chat/views/cancellation-card.js';
import { cancellationOptionsOf } from '../../src/app/cancellation/cancellation.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const base: Inventory = sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const admin = base.people.find((p) => p.aadObjectId === PEOPLE.globalAdmin.aadObjectId)!;
const agent = base.people.find((p) => p.aadObjectId === PEOPLE.adminAgent.aadObjectId)!;
const now = new Date('2026-12-08T00:00:00Z');

describe('cards that read well', () => {
  it.each(['en-US', 'ja-JP'] as const)('%s: every fact of every group card has its title (a blank one read ": Incidents: …")', (locale) => {
    const facts: { title: string; value: string }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'FactSet') facts.push(...(o.facts as { title: string; value: string }[]));
      Object.values(o).forEach(walk);
    };
    for (const g of BENEFIT_GROUPS) walk(groupListCard(g, locale, groupView(g, locale, base, now, admin)));
    expect(facts.length).toBeGreaterThan(10);
    expect(facts.filter((f) => !f.title.trim())).toEqual([]);
    expect(facts).toEqual(expect.arrayContaining([{ title: locale === 'ja-JP' ? 'インシデント' : 'Incidents', value: locale === 'ja-JP' ? '残り 4 / 5 件' : '4 of 5 left' }]));
  });

  it.each([
    ['ja-JP', 'ソフトウェアの特典はアクティブ化済みです。30 日間の返金期間は終了しました。'],
    ['en-US', 'A software benefit is activated. The 30-day refund window closed.'],
  ] as const)('%s: sentences one after another, no half-width space after 。', (locale, joined) => {
    const parts = locale === 'ja-JP' ? ['ソフトウェアの特典はアクティブ化済みです。', '30 日間の返金期間は終了しました。'] : ['A software benefit is activated.', 'The 30-day refund window closed.'];
    expect(sentences(locale, parts)).toBe(joined);
    const cancel = cardText(cancellationOptionsCard(locale, cancellationOptionsOf(base, now, [])));
    expect(cancel).toContain(locale === 'ja-JP' ? 'です)。アクティブ化' : 'today is');
    expect(cancel).not.toMatch(/。 /);
  });

  it.each(['en-US', 'ja-JP'] as const)('%s: no card shows the yellow Warning colour (1.4:1 against white)', (locale) => {
    const cards = [overviewCard(locale, overviewOf(base, admin, now, 7)), ...BENEFIT_GROUPS.map((g) => groupListCard(g, locale, groupView(g, locale, base, now, admin)))];
    for (const card of cards) expect(JSON.stringify(card)).not.toContain('"color":"Warning"');
  });

  it('a group the company does not have offers no Open, and says it is not in the package', () => {
    const without: Inventory = { ...base, benefits: { ...base.benefits, technical: [] } };
    const card = overviewCard('en-US', overviewOf(without, admin, now));
    expect(JSON.stringify(card)).not.toContain('"group":"technical"');
    expect(cardText(card)).toContain('None in your packages');
  });

  it('the Go-To-Market line for roles that cannot manage it sits under the group, not in the narrow button column', () => {
    const card = overviewCard('en-US', overviewOf(base, agent, now)) as any;
    const gtm = card.body.find((n: any) => JSON.stringify(n).includes('Go-To-Market offers are managed by'));
    const row = gtm.items[0].columns;
    expect(JSON.stringify(row[0])).toContain('are managed by');
    expect(JSON.stringify(row[1] ?? {})).not.toContain('are managed by');
  });

  it.each(['en-US', 'ja-JP'] as const)('%s: a product without downloads has no Downloads line', (locale) => {
    const inventory: Inventory = structuredClone(base);
    inventory.benefits.software = [{ ...inventory.benefits.software[0]!, downloads: [] }];
    const text = cardText(groupListCard('software', locale, groupView('software', locale, inventory, now, admin)));
    expect(text).not.toMatch(/(Downloads|ダウンロード): ·/);
  });

  it.each(['en-US', 'ja-JP'] as const)('%s: software lists language names as the keys card does, not codes', (locale) => {
    const text = cardText(groupListCard('software', locale, groupView('software', locale, base, now, admin)));
    expect(text).not.toMatch(/ja-JP|en-US/);
    expect(text).toContain(locale === 'en-US' ? 'Japanese (Japan)' : '日本語 (日本)');
  });

  it('once a cancellation was requested, the overview no longer warns of that refund window nor offers the button', async () => {
    const warned = overviewOf(base, admin, now, 7);
    expect(warned.refundWarnings.map((w) => w.package.id)).toEqual(['pkg-action-pack']);
    const requested = await withoutRequestedRefunds(warned, { list: async ({ packageId }) => (packageId === 'pkg-action-pack' ? [{} as never] : []) });
    expect(requested.refundWarnings).toEqual([]);
    expect(cardText(overviewCard('en-US', requested))).not.toContain('refund window');
  });
});

describe('a membership still in PMC is pointed to the page the source links (R2.2)', () => {
  const pmc: Inventory = { ...base, organization: { ...base.organization, managedInPmc: true } };
  it.each([
    ['en-US', 'https://learn.microsoft.com/en-us/partner-center/partner-membership-center-tech-benefits-activate'],
    ['ja-JP', 'https://learn.microsoft.com/ja-jp/partner-center/partner-membership-center-tech-benefits-activate'],
  ] as const)('%s: the overview and the technical list link it', (locale, url) => {
    for (const card of [overviewCard(locale, overviewOf(pmc, admin, now)), groupListCard('technical', locale, groupView('technical', locale, pmc, now, admin))]) {
      expect(JSON.stringify(card)).toContain(`"url":"${url}"`);
    }
  });
});
