import { keysCard, renderKeysCard } from '../../src/chat/views/keys-card.js';
import { toJsonBody } from '../../src/chat/views/render-cache.js';
import { deepFreeze } from '../../src/lib/deep-freeze.js';
import type { Inventory, SoftwareBenefit } from '../../src/domain/inventory.js';
import { cardText } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';

const product: SoftwareBenefit = {
  id: 'sw-x',
  packageId: 'p',
  name: 'Contoso Studio',
  description: { 'en-US': 'd', 'ja-JP': 'd' },
  keys: [],
  downloads: [
    { language: 'en-US', os: 'x64', url: 'https://example.com/en/x64' },
    { language: 'ja-JP', os: 'arm64', url: 'https://example.com/ja/arm64' },
  ],
};
const inventory = { people: [] } as unknown as Inventory;

describe('the keys card (R3.2, R3.3)', () => {
  it('says when no download exists for the chosen language and OS, and lists those that do', () => {
    const card = keysCard('en-US', { group: 'software', benefit: product, keys: ['K-1'], inventory, activatedNow: false, choice: { language: 'ja-JP', os: 'x64' } });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('There is no download for Japanese (Japan) · 64-bit (x64). Available: English (United States) · 64-bit (x64), Japanese (Japan) · ARM64.');
    expect(JSON.stringify(card)).not.toContain('https://example.com');
  });

  it('starts the choices on the reader\'s language, and on the first OS when there is no x64', () => {
    const card = keysCard('ja-JP', { group: 'software', benefit: { ...product, downloads: [product.downloads[1]!] }, keys: [], inventory, activatedNow: false });
    const json = JSON.stringify(card);
    expect(json).toContain('"id":"language","label":"製品を表示する言語","style":"compact","value":"ja-JP"');
    expect(json).toContain('"id":"os","label":"ソフトウェアをインストールするコンピューターのオペレーティング システム (OS) の種類","style":"compact","value":"arm64"');
    expect(cardText(card)).toContain('この製品には製品キーがありません。');
  });

  it('says so when a product lists no download', () => {
    const card = keysCard('en-US', { group: 'software', benefit: { ...product, downloads: [] }, keys: ['K-1'], inventory, activatedNow: false });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('No download is listed for this product.');
    expect(JSON.stringify(card)).not.toContain('Input.ChoiceSet');
  });
});

describe('the keys card of a product revealed before: kept without its keys, the keys filled in per answer', () => {
  const frozen: SoftwareBenefit = deepFreeze({
    ...product,
    keys: ['sealed-1', 'sealed-2'] as unknown as SoftwareBenefit['keys'],
    activated: { by: 'p1', at: '2026-11-01T09:00:00.000Z' },
    specialInstructions: { 'en-US': 'Run *setup* first', 'ja-JP': '先に *setup* を実行' },
  });
  const people = deepFreeze({ people: [{ aadObjectId: 'p1', name: 'Ada_Admin', roles: [] }] }) as unknown as Inventory;

  it.each(['en-US', 'ja-JP'] as const)('%s: the same card as one rendered whole, each key escaped as any text is; another reveal shows its own keys', (locale) => {
    const input = { group: 'software' as const, benefit: frozen, inventory: people, activatedNow: false, choice: { language: 'en-US', os: 'x64' } };
    const first = keysCard(locale, { ...input, keys: ['AAAA-*BBBB*-1', '- 2222_x'] });
    expect(first).toEqual(renderKeysCard(locale, { ...input, keys: ['AAAA-*BBBB*-1', '- 2222_x'] }));
    expect(JSON.parse(toJsonBody(first).toString())).toEqual(first);
    expect(validateCard(first)).toEqual([]);
    const second = keysCard(locale, { ...input, keys: ['CCCC-3', 'DDDD-4'] });
    expect(second).toEqual(renderKeysCard(locale, { ...input, keys: ['CCCC-3', 'DDDD-4'] }));
    const text = toJsonBody(second).toString();
    expect(text).toContain('"CCCC-3"');
    expect(text).not.toContain('BBBB');
  });

  it('a product activated by this very reveal, or a benefit not frozen, is rendered whole', () => {
    const input = { group: 'software' as const, benefit: frozen, inventory: people, keys: ['K-1'] };
    expect(keysCard('en-US', { ...input, activatedNow: true })).toEqual(renderKeysCard('en-US', { ...input, activatedNow: true }));
    expect(keysCard('en-US', { ...input, benefit: { ...frozen }, activatedNow: false })).toEqual(renderKeysCard('en-US', { ...input, activatedNow: false }));
  });
});
