import { DEFAULT_DIGEST_DAY, digestLines, localDay, type DigestLine } from '../../domain/digest.js';
import { fail, ok, type Result } from '../../domain/errors.js';
import type { Inventory } from '../../domain/inventory.js';
import { rememberSettings, settingsOf } from '../../domain/person-settings.js';
import { allow, changeAs, type Actor, type AppDeps } from '../use-case.js';
import type { RequestOptions } from './request-notices.js';

export interface DigestSetting {
  day: number | 'off';
}

/** The digest's day (0 Sunday … 6 Saturday) or off, for a Global admin or MPN partner admin (receiveDigest). */
export async function setDigestDay(deps: AppDeps, actor: Actor, day: number | 'off'): Promise<Result<DigestSetting>> {
  return changeAs(deps, actor, 'receiveDigest', (inventory) => {
    const settings = rememberSettings(inventory, actor.person.aadObjectId, { locale: actor.locale, ...(actor.userId ? { userId: actor.userId } : {}), ...(actor.timeZone ? { timeZone: actor.timeZone } : {}) });
    settings.digestDay = day;
    return ok({ day });
  });
}

export interface DigestPreview extends DigestSetting {
  /** The person's local date now. */
  date: string;
  lines: DigestLine[];
  inventory: Inventory;
}

/** The digest as it would read now, and its day: what "digest" typed alone shows. */
export function digestNow(deps: AppDeps, actor: Actor, options: RequestOptions): Result<DigestPreview> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'receiveDigest', inventory);
  if (!allowed.ok) return allowed;
  const settings = settingsOf(inventory, actor.person.aadObjectId);
  const now = deps.clock.now();
  return ok({
    day: settings?.digestDay ?? DEFAULT_DIGEST_DAY,
    date: localDay(now, actor.timeZone ?? settings?.timeZone).date,
    lines: digestLines(inventory, actor.person, now, options.digest),
    inventory,
  });
}
