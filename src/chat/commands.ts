import { BENEFIT_GROUPS, type BenefitGroup } from '../domain/inventory.js';
import { LOCALES, t } from '../i18n/index.js';

/** What a person can type, in either language; the command menu of the manifest offers the same words. */
export type Command = { name: 'benefits' } | { name: 'help' } | { name: 'group'; group: BenefitGroup };

/** Teams wraps an @mention of the bot in <at>…</at>; full-width letters and case do not matter. */
export function normalize(raw: string): string {
  return raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const table = new Map<string, Command>();
const add = (command: Command, ...names: string[]) => names.forEach((n) => table.set(normalize(n), command));

add({ name: 'benefits' }, 'benefits', 'overview', 'benefits overview', 'show my benefits', '特典', '概要', '特典を表示', 'とくてん');
add({ name: 'help' }, 'help', '?', 'hello', 'hi', 'ヘルプ', 'へるぷ', '使い方', 'こんにちは');
for (const group of BENEFIT_GROUPS) {
  for (const locale of LOCALES) add({ name: 'group', group }, t(locale, `group.${group}`));
}
add({ name: 'group', group: 'visualStudio' }, 'visual studio', 'vs');
add({ name: 'group', group: 'technical' }, 'technical', 'support', '技術', 'サポート');
add({ name: 'group', group: 'goToMarket' }, 'go to market', 'gtm', 'offers', '市場投入', 'オファー');

export function parseCommand(raw: string): Command | undefined {
  return table.get(normalize(raw));
}
