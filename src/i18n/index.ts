import { enUS, type MessageKey } from './locales/en-US.js';
import { jaJP } from './locales/ja-JP.js';

export type { MessageKey };
import { readerTimeZone, utcSaid, UTC } from './time-zone.js';
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
  const sentence = catalogs[locale][key].replace(PLURAL, (whole, name: string, branches: string) => (name in params ? pluralBranch(locale, Number(params[name]), branches) : whole));
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string, at: number) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return locale === 'ja-JP' ? spacedInJapanese(sentence[at - 1], value, sentence[at + whole.length]) : value;
  });
}

/** Kana and kanji (not the Japanese punctuation 、。「」, which takes no space). */
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN_OR_DIGIT = /[A-Za-z0-9()]/;

/**
 * An inserted word as Partner Center's ja-JP pages space it: a half-width space only where Latin letters
 *, digits or parentheses meet kana or kanji ("Visual Studio Enterprise のキー", "30 日"), none between Japanese words
 * ("グローバル管理者のロール"). Japanese sentences therefore never carry a space beside a placeholder.
 */
export function spacedInJapanese(before: string | undefined, value: string, after: string | undefined): string {
  if (!value) return value;
  const lead = before && JAPANESE.test(before) && LATIN_OR_DIGIT.test(value[0]!) ? ' ' : '';
  const trail = after && JAPANESE.test(after) && LATIN_OR_DIGIT.test(value[value.length - 1]!) ? ' ' : '';
  return `${lead}${value}${trail}`;
}

/** Words one after another with `separator` between them, spaced in Japanese as `t` spaces inserted words. */
function joined(locale: Locale, items: readonly string[], separator: string): string {
  if (locale !== 'ja-JP') return items.join(separator);
  const last = items.length - 1;
  return items.map((item, i) => spacedInJapanese(i > 0 ? separator[separator.length - 1] : undefined, item, i < last ? separator[0] : undefined)).join(separator);
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

/**
 * A date as a person of that locale reads it. A calendar date ("2026-12-10": a purchase, a last refund
 * day, an expiry, which the rules count in UTC days) is that day for everyone; an instant (an activation,
 * an assignment) is its day in the reader's time zone (src/i18n/time-zone.ts).
 */
export function formatDate(locale: Locale, iso: string): string {
  if (iso.length === 10) return formatter(locale, UTC, false).format(new Date(`${iso}T00:00:00Z`));
  const text = formatter(locale, readerTimeZone(), false).format(new Date(iso));
  return utcSaid() ? `${text} (UTC)` : text;
}

/** An instant with its time of day, in the reader's time zone; "UTC" is said only when that is the zone. */
export function formatDateTime(locale: Locale, iso: string): string {
  const zone = readerTimeZone();
  const text = formatter(locale, zone, true).format(new Date(iso));
  return zone === UTC ? `${text} UTC` : text;
}

/** One formatter per locale and zone: building an Intl.DateTimeFormat per date was a visible share of a turn. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    const date = { year: 'numeric', month: locale === 'ja-JP' ? 'long' : 'short', day: 'numeric' } as const;
    format = new Intl.DateTimeFormat(locale, { ...date, ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}), timeZone });
    formatters.set(key, format);
  }
  return format;
}

/** "A or B" in the locale's words. */
export function either(locale: Locale, items: readonly string[]): string {
  return joined(locale, items, t(locale, 'common.or'));
}

/** A list in the locale's way of writing one: "A, B" / "A、B". */
export function listOf(locale: Locale, items: readonly string[]): string {
  return joined(locale, items, t(locale, 'common.list'));
}

/** Sentences one after another: a space between English ones, none after a Japanese 。. */
export function sentences(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'ja-JP' ? '' : ' ');
}
