import { BENEFIT_GROUPS } from '../../domain/inventory.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';

function commands(locale: Locale) {
  return [
    { name: t(locale, 'overview.title'), text: t(locale, 'help.cmd.benefits') },
    { name: BENEFIT_GROUPS.map((g) => t(locale, `group.${g}`)).join(' / '), text: t(locale, 'help.cmd.group') },
    { name: locale === 'ja-JP' ? 'ユーザー' : 'people', text: t(locale, 'help.cmd.people') }, // R1.7
    { name: locale === 'ja-JP' ? 'サポート リクエスト' : 'support requests', text: t(locale, 'help.cmd.supportRequests') },
    // Go-To-Market and cancellation (R7.3, R8)
    { name: locale === 'ja-JP' ? 'マーケティング担当者' : 'marketing contact', text: t(locale, 'help.cmd.marketingContact') },
    { name: locale === 'ja-JP' ? 'キャンセル' : 'cancel', text: t(locale, 'help.cmd.cancel') },
    { name: locale === 'ja-JP' ? 'キャンセル リクエスト' : 'cancellation requests', text: t(locale, 'help.cmd.cancellationRequests') },
    { name: locale === 'ja-JP' ? '監査' : 'audit', text: t(locale, 'help.cmd.audit') }, // R1.3
    // Requests (anyone of the company), approvals and the digest
    { name: locale === 'ja-JP' ? '特典を申請' : 'request', text: t(locale, 'help.cmd.request') },
    { name: locale === 'ja-JP' ? '申請一覧' : 'my requests', text: t(locale, 'help.cmd.requests') },
    { name: locale === 'ja-JP' ? 'ダイジェスト' : 'digest', text: t(locale, 'help.cmd.digest') },
    { name: locale === 'ja-JP' ? 'ヘルプ' : 'help', text: t(locale, 'help.cmd.help') },
  ];
}

export function helpCard(locale: Locale, company: string | undefined, notUnderstood?: string): AdaptiveCard {
  return renderCard('help', {
    notUnderstood: notUnderstood === undefined ? undefined : t(locale, 'help.notUnderstood', { text: notUnderstood.slice(0, 100) }),
    title: t(locale, 'help.title'),
    intro: company ? t(locale, 'help.intro', { company }) : t(locale, 'help.anon.intro'),
    commandsTitle: t(locale, 'help.commands'),
    commands: commands(locale),
    startLabel: t(locale, 'welcome.start'),
  });
}

export function welcomeCard(locale: Locale): AdaptiveCard {
  return renderCard('welcome', {
    title: t(locale, 'welcome.title'),
    body: t(locale, 'welcome.body'),
    commands: commands(locale),
    startLabel: t(locale, 'welcome.start'),
  });
}
