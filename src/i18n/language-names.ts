import type { Locale } from '../domain/locale.js';

/**
 * Language tags by their names in the reader's language, as Microsoft writes them in its ja-JP and en-US
 * pages: "日本語 (日本)", "英語 (米国)", "English (United States)". One formatter per locale: a new
 * Intl.DisplayNames per name showed in the key reveal's profile.
 */
const displayNames: Partial<Record<Locale, Intl.DisplayNames>> = {};
/** Made on first use: making both (ICU loading its names) was ~15 ms of every start. */
const namesIn = (locale: Locale) => (displayNames[locale] ??= new Intl.DisplayNames([locale], { type: 'language', languageDisplay: 'standard' }));

/** Where Microsoft's Japanese names a region otherwise than CLDR does. */
const MICROSOFT_REGIONS: Record<Locale, Record<string, string>> = {
  'en-US': {},
  'ja-JP': { 'アメリカ合衆国': '米国', 'イギリス': '英国' },
};

export function languageName(locale: Locale, tag: string): string {
  let name: string;
  try {
    name = namesIn(locale).of(tag) ?? tag;
  } catch {
    return tag;
  }
  return name.replace(/\(([^()]+)\)$/, (whole, region: string) => (MICROSOFT_REGIONS[locale][region] ? `(${MICROSOFT_REGIONS[locale][region]})` : whole));
}
