import { enUS } from '../../src/i18n/locales/en-US.js';
import { jaJP } from '../../src/i18n/locales/ja-JP.js';
import { localeOf, t } from '../../src/i18n/index.js';
import { ERROR_CODES } from '../../src/domain/errors.js';

/** The parameters a sentence uses: `{name}`, and the counts of `{name, plural, …}` forms. */
const placeholders = (s: string) => [...new Set([...s.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

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

describe('every coded error of the catalog (ERROR_CODES) has its sentence in both languages', () => {
  it.each([...ERROR_CODES])('error.%s', (code) => {
    const key = `error.${code}`;
    expect(Object.keys(enUS)).toContain(key);
    expect(Object.keys(jaJP)).toContain(key);
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

describe('counts read right in English (ICU plural forms), and Japanese needs none', () => {
  it.each([
    ['software.keyCount', { count: 1 }, '1 key', 'キー 1 件'],
    ['software.keyCount', { count: 0 }, '0 keys', 'キー 0 件'],
    ['software.keyCount', { count: 2 }, '2 keys', 'キー 2 件'],
    ['people.subtitle', { count: 1, company: 'X' }, '1 person in X', null],
    ['people.subtitle', { count: 8, company: 'X' }, '8 people in X', null],
    ['people.matching', { total: 1, count: 8, query: 'q' }, '1 of 8 people matches "q"', '8 人中 1 人が「q」に一致'],
    ['people.matching', { total: 3, count: 8, query: 'q' }, '3 of 8 people match "q"', null],
    ['group.visualStudio.holds', { total: 1, used: 0, seats: 1 }, '1 subscription · 0 of 1 seat assigned', null],
    ['group.software.holds', { total: 4, active: 1 }, '4 products · keys revealed for 1', null],
  ] as const)('%s %j', (key, params, english, japanese) => {
    expect(t('en-US', key, params)).toBe(english);
    if (japanese) expect(t('ja-JP', key, params)).toBe(japanese);
  });

  const plurals = (['en-US', 'ja-JP'] as const).flatMap((locale) => Object.entries(locale === 'en-US' ? enUS : jaJP).filter(([, s]) => s.includes(', plural,')).map(([key, s]) => [locale, key, s] as const));
  it.each(plurals)('%s %s: each plural form has an "other" branch and renders whole', (locale, key, sentence) => {
    const names = placeholders(sentence);
    const rendered = [0, 1, 2, 5].map((n) => t(locale, key as keyof typeof enUS, Object.fromEntries(names.map((name) => [name, n]))));
    for (const block of sentence.match(/\{\w+, plural,/g) ?? []) expect(sentence.slice(sentence.indexOf(block))).toMatch(/other\s*\{/);
    for (const text of rendered) expect(text).not.toMatch(/plural|#|\{|\}/);
  });
});
