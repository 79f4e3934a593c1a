import { enUS } from '../../src/i18n/locales/en-US.js';
import { jaJP } from '../../src/i18n/locales/ja-JP.js';
import { localeOf, t } from '../../src/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every sentence exists in en-US and ja-JP', () => {
  const keys = Object.keys(enUS) as (keyof typeof enUS)[];
  it('both catalogs have the same keys', () => {
    expect(Object.keys(jaJP).sort()).toEqual([...keys].sort());
  });
  it.each(keys)('%s: non-empty in both, same placeholders', (key) => {
    expect(jaJP[key].trim()).not.toBe('');
    expect(enUS[key].trim()).not.toBe('');
    expect(placeholders(jaJP[key])).toEqual(placeholders(enUS[key]));
  });
  it('Japanese sentences are Japanese (not copied English)', () => {
    const same = keys.filter((k) => jaJP[k] === enUS[k] && /[a-z]{4,} [a-z]{4,}/.test(enUS[k]));
    expect(same).toEqual([]);
  });
});

describe('the Teams locale chooses the language', () => {
  it.each([
    ['ja-JP', 'ja-JP'], ['ja-jp', 'ja-JP'], ['ja', 'ja-JP'], ['en-US', 'en-US'], ['en-GB', 'en-US'], ['fr-FR', 'en-US'], [undefined, 'en-US'], ['jam', 'en-US'],
  ])('%s → %s', (teams, locale) => expect(localeOf(teams)).toBe(locale));

  it('fills placeholders', () => {
    expect(t('ja-JP', 'error.internal', { correlationId: 'abc' })).toBe('問題が発生しました。何も変更されていません。参照番号: abc');
  });
});
