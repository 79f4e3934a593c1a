import { readdirSync, readFileSync } from 'node:fs';
import { projectPath } from '../../src/lib/paths.js';
import { enUS } from '../../src/i18n/locales/en-US.js';
import { jaJP } from '../../src/i18n/locales/ja-JP.js';
import { either, listOf, t } from '../../src/i18n/index.js';
import { languageName } from '../../src/i18n/language-names.js';

/** A rule number of benefits-rules.md: R1.4, R8.1, R3 (they belong in code and tests, not in what a person reads). */
const RULE_NUMBER = /\bR\d+(?:\.\d+)?\b/;
const JAPANESE = '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff]';

const sentences = (['en-US', 'ja-JP'] as const).flatMap((locale) => Object.entries(locale === 'en-US' ? enUS : jaJP).map(([key, s]) => [locale, key, s] as const));
const japanese = Object.entries(jaJP);

describe('no rule number in a sentence a person reads', () => {
  it.each(sentences)('%s %s', (_locale, _key, sentence) => {
    expect(sentence).not.toMatch(RULE_NUMBER);
  });

  it.each(readdirSync(projectPath('tab')).filter((f) => /\.(html|js)$/.test(f)))('tab/%s', (file) => {
    const text = readFileSync(projectPath('tab', file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    expect(text).not.toMatch(RULE_NUMBER);
  });

  it.each(readdirSync(projectPath('cards')))('cards/%s', (file) => {
    expect(readFileSync(projectPath('cards', file), 'utf8')).not.toMatch(RULE_NUMBER);
  });
});

describe('ja-JP sentences are natural Japanese', () => {
  it.each(japanese)('%s: no half-width space between an inserted word and Japanese', (_key, sentence) => {
    expect(sentence).not.toMatch(new RegExp(`${JAPANESE} \\{\\w+\\}|\\{\\w+\\} ${JAPANESE}`));
  });

  it.each(japanese)('%s: lists with 、, not ASCII ", "', (_key, sentence) => {
    expect(sentence).not.toContain(', ');
  });

  it.each(japanese)('%s: no colon left dangling before 。', (_key, sentence) => {
    expect(sentence.replace(/\([^()]*\)/g, '')).not.toMatch(/: [^。:]*。/);
  });

  it('Go-To-Market has one Japanese name per context: the group 市場進出, its offers 市場投入オファー', () => {
    expect(japanese.filter(([, s]) => s.includes('Go-To-Market')).map(([k]) => k)).toEqual([]);
    expect(japanese.filter(([, s]) => s.includes('市場進出オファー')).map(([k]) => k)).toEqual([]);
    expect(jaJP['group.goToMarket']).toBe('市場進出');
  });

  it.each([
    ['a Japanese word, no space', { roles: 'グローバル管理者', admins: '佐藤 美咲' }, 'この操作にはグローバル管理者のロールが必要です。グローバル管理者 (佐藤 美咲) にご確認ください。'],
    ['Latin letters spaced from kana as Partner Center does', { roles: 'MPN パートナー管理者', admins: 'Misaki Sato' }, 'この操作には MPN パートナー管理者のロールが必要です。グローバル管理者 (Misaki Sato) にご確認ください。'],
  ])('an inserted word: %s', (_case, params, expected) => {
    expect(t('ja-JP', 'error.forbidden', params)).toBe(expected);
  });

  it.each([
    ['ja-JP', ['グローバル管理者', 'MPN パートナー管理者'], 'グローバル管理者または MPN パートナー管理者', 'グローバル管理者、MPN パートナー管理者'],
    ['en-US', ['Global admin', 'MPN partner admin'], 'Global admin or MPN partner admin', 'Global admin, MPN partner admin'],
  ] as const)('%s: either and a list', (locale, items, or, list) => {
    expect(either(locale, items)).toBe(or);
    expect(listOf(locale, items)).toBe(list);
  });

  it.each([
    ['ja-JP', 'en-US', '英語 (米国)'],
    ['ja-JP', 'ja-JP', '日本語 (日本)'],
    ['en-US', 'ja-JP', 'Japanese (Japan)'],
    ['en-US', 'en-US', 'English (United States)'],
  ] as const)('%s reads %s as %s (as Microsoft writes language names)', (locale, tag, name) => {
    expect(languageName(locale, tag)).toBe(name);
  });
});

describe('no sentence holds text a chat would read as markup', () => {
  it.each(sentences)('%s %s: no <word> (Teams drops it as a tag)', (_locale, _key, sentence) => {
    expect(sentence).not.toMatch(/<[^>\s]+>/);
  });
});
