import { BENEFIT_GROUPS, type BenefitGroup } from '../domain/inventory.js';
import { LOCALES, t } from '../i18n/index.js';

/**
 * What a person can type, in either language; the command menu of the manifest offers the same words.
 * `argument` is what follows a command that takes one (e.g. "audit kenta").
 */
export interface Command {
  name: string;
  group?: BenefitGroup;
  argument?: string;
}

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
const prefixes = new Map<string, string>();
const add = (command: Command, ...names: string[]) => names.forEach((n) => table.set(normalize(n), command));
/** A command typed with an argument after it: "<prefix> <argument>" (the prefix alone also works). */
const addWithArgument = (name: string, ...names: string[]) =>
  names.forEach((n) => {
    prefixes.set(normalize(n), name);
    table.set(normalize(n), { name });
  });

add({ name: 'benefits' }, 'benefits', 'overview', 'benefits overview', 'show my benefits', '特典', '概要', '特典を表示', 'とくてん');
add({ name: 'help' }, 'help', '?', 'hello', 'hi', 'ヘルプ', 'へるぷ', '使い方', 'こんにちは');
for (const group of BENEFIT_GROUPS) {
  for (const locale of LOCALES) add({ name: 'group', group }, t(locale, `group.${group}`));
}
add({ name: 'group', group: 'visualStudio' }, 'visual studio', 'vs');
add({ name: 'group', group: 'technical' }, 'technical', 'support', '技術', 'サポート');
add({ name: 'group', group: 'goToMarket' }, 'go to market', 'gtm', 'offers', '市場投入', 'オファー');

// Software and cloud benefits, keys, audit trail
// Longer prefixes first: "audit trail kenta" is filtered by "kenta", not by "trail kenta".
addWithArgument('audit', 'audit trail', 'audit log', 'audit', '監査証跡', '監査ログ', '監査');

// Visual Studio subscriptions, people and roles
addWithArgument('people', 'people', 'users', 'person', 'ユーザー', 'ユーザー一覧', 'ユーザー検索');
add({ name: 'addPerson' }, 'add person', 'add user', 'add people', 'new person', 'ユーザーを追加', 'ユーザー追加', '新しいユーザーを追加');

// Technical benefits, processing, notifications
add({ name: 'supportRequests' }, 'support requests', 'support request', 'サポート リクエスト', 'サポートリクエスト');

// Go-To-Market offers and cancellations
add({ name: 'marketingContact' }, 'marketing contact', 'marketing', 'マーケティング担当者', 'マーケティング');
add({ name: 'cancel' }, 'cancel', 'cancellation', 'cancel a package', 'cancel package', 'refund', 'キャンセル', '特典のキャンセル', '返金');
add({ name: 'cancellationRequests' }, 'cancellation requests', 'cancellation request', 'cancellations', 'キャンセル リクエスト', 'キャンセルリクエスト', 'サービス要求');

// Requests, approvals and the digest
add({ name: 'request' }, 'request', 'ask', 'ask for a benefit', 'request a benefit', '申請', '特典を申請', '特典の申請');
add({ name: 'requests' }, 'requests', 'my requests', 'approvals', '申請一覧', '自分の申請', '承認待ち');
addWithArgument('digest', 'digest', 'ダイジェスト');
add({ name: 'approvalsHere' }, 'approvals here', 'approve here', '承認はここで', 'ここで承認');

// Teams tab and app package

export function parseCommand(raw: string): Command | undefined {
  const text = normalize(raw);
  const exact = table.get(text);
  if (exact) return exact;
  for (const [prefix, name] of prefixes) {
    if (text.startsWith(prefix + ' ')) return { name, argument: text.slice(prefix.length + 1).trim() };
  }
  return undefined;
}
