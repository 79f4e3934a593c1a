import { digestNow, setDigestDay } from '../../app/requests/digest-settings.js';
import { normalize, type Command } from '../commands.js';
import type { PersonTurn } from '../context.js';
import { refuse } from '../refusals.js';
import { text, type TurnReply } from '../turn.js';
import { t, type Locale } from '../../i18n/index.js';
import { digestCard } from '../views/digest-card.js';

/** Weekdays as people type them, in both languages: index 0 is Sunday. */
const DAYS: readonly string[][] = [
  ['sunday', 'sun', '日曜日', '日曜', '日'],
  ['monday', 'mon', '月曜日', '月曜', '月'],
  ['tuesday', 'tue', '火曜日', '火曜', '火'],
  ['wednesday', 'wed', '水曜日', '水曜', '水'],
  ['thursday', 'thu', '木曜日', '木曜', '木'],
  ['friday', 'fri', '金曜日', '金曜', '金'],
  ['saturday', 'sat', '土曜日', '土曜', '土'],
];
const OFF = ['off', 'stop', 'none', 'オフ', '停止', 'なし'];

/** The day a person typed after "digest", 'off', or undefined when it is neither. */
export function parseDigestDay(argument: string): number | 'off' | undefined {
  const word = normalize(argument);
  if (OFF.includes(word)) return 'off';
  const day = DAYS.findIndex((names) => names.includes(word));
  return day >= 0 ? day : undefined;
}

/** A weekday's name in the reader's language (2026-11-29 was a Sunday). */
export function weekdayName(locale: Locale, day: number): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 29 + day)));
}

/**
 * "digest": the digest as it reads now and its day; "digest friday" / "ダイジェスト 金曜日" moves it;
 * "digest off" stops it. Global admins and MPN partner admins only (receiveDigest).
 */
export async function digestCommand(ctx: PersonTurn, command: Command): Promise<TurnReply> {
  const { locale, correlationId } = ctx.turn;
  const preview = digestNow(ctx.deps, ctx.actor, ctx.deps.requestOptions);
  if (!preview.ok) return refuse(locale, preview.error, correlationId);
  if (command.argument) {
    const day = parseDigestDay(command.argument);
    if (day === undefined) return { messages: [text(usage(locale, preview.value.day))] };
    const set = await setDigestDay(ctx.deps, ctx.actor, day);
    if (!set.ok) return refuse(locale, set.error, correlationId);
    return { messages: [text(day === 'off' ? t(locale, 'digest.off') : t(locale, 'digest.set', { day: weekdayName(locale, day) }))] };
  }
  const { inventory, date, lines, day } = preview.value;
  return { card: digestCard(locale, inventory, date, lines), messages: [text(usage(locale, day))] };
}

function usage(locale: Locale, day: number | 'off'): string {
  return day === 'off' ? t(locale, 'digest.usageOff') : t(locale, 'digest.usage', { day: weekdayName(locale, day) });
}
