import { enUS, type MessageKey } from './locales/en-US.js';
import { jaJP } from './locales/ja-JP.js';

export type { MessageKey };
import { LOCALES, type Locale } from '../domain/locale.js';

export { LOCALES, type Locale };

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'en-US': enUS, 'ja-JP': jaJP };

/** Teams sends locales such as "ja-JP", "ja-jp" or "ja"; anything not Japanese gets English. */
export function localeOf(teamsLocale: string | undefined): Locale {
  return teamsLocale && /^ja(\b|[-_])/i.test(teamsLocale) ? 'ja-JP' : 'en-US';
}

export type Params = Record<string, string | number>;

/**
 * The sentence for `key` in `locale`, with `{name}` placeholders filled from `params`. A count takes the
 * ICU plural form `{count, plural, one {# key} other {# keys}}`: the branch is chosen by the locale's
 * plural rules (Japanese has one form, so its sentences need none) and `#` is the number.
 */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  return catalogs[locale][key]
    .replace(PLURAL, (whole, name: string, branches: string) => (name in params ? pluralBranch(locale, Number(params[name]), branches) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `{name, plural, one {…} other {…}}`, its branches holding no braces of their own but `{placeholders}`. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
const pluralRules: Record<Locale, Intl.PluralRules> = { 'en-US': new Intl.PluralRules('en-US'), 'ja-JP': new Intl.PluralRules('ja-JP') };

function pluralBranch(locale: Locale, count: number, branches: string): string {
  const forms = new Map<string, string>();
  for (const [, selector, text] of branches.matchAll(BRANCH)) forms.set(selector!, text!);
  const chosen = forms.get(`=${count}`) ?? forms.get(pluralRules[locale].select(count)) ?? forms.get('other') ?? '';
  return chosen.replace(/#/g, String(count));
}

/** A date (ISO) as a person of that locale reads it, in UTC so that every reader sees one day. */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return dateFormat[locale].format(date);
}

/** One formatter per locale: building an Intl.DateTimeFormat per date was a visible share of a turn. */
const dateFormat: Record<Locale, Intl.DateTimeFormat> = {
  'en-US': new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
  'ja-JP': new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
};

/** "A or B" in the locale's words. */
export function either(locale: Locale, items: string[]): string {
  return items.join(t(locale, 'common.or'));
}
