import { randomUUID } from 'node:crypto';
import type { Result } from '../domain/errors.js';
import type { AuditTrail, NewAuditEntry } from '../ports/audit-trail.js';
import type { FollowUp, RecordWrite } from '../ports/inventory-repository.js';
import type { AppDeps } from './use-case.js';

export type { RecordWrite };

/** How a change is run (changeAs, or a plain transact) with the follow-up to keep alongside it. */
export type KeepingFollowUp<T> = (followUp: (value: T, changed: boolean) => FollowUp | undefined) => Promise<Result<T>>;

/**
 * A change of the inventory and the records it calls for in other stores, made so that no crash can
 * leave one without the other. An engine whose stores share one database (`recordsInChange`,
 * PostgreSQL) writes the records in the change's own transaction: durable when the change is
 * acknowledged, nothing kept to settle. Elsewhere the records are kept in the change's own journal
 * line (one write), then written to their stores, then settled. A crash in between leaves them with
 * the inventory, and `finishFollowUps` writes them at the next start (each once: a request is keyed by
 * its id, an audit line by its time, actor, action and target). A change that changed nothing keeps
 * its records only when there are two (a crash between them is the case); a single record is one
 * write already. `keepSingle: false`: a single record of a change is written after it, not kept with
 * it (where the engine cannot write it in the change), as `record` does.
 */
export async function changeWithRecords<T>(deps: AppDeps, run: KeepingFollowUp<T>, records: (value: T) => RecordWrite[], options: { keepSingle?: boolean } = {}): Promise<Result<T>> {
  const key = randomUUID();
  const inChange = deps.inventory.recordsInChange === true;
  let writes: RecordWrite[] | undefined;
  let kept = false;
  const result = await run((value, changed) => {
    writes = records(value);
    kept = inChange ? writes.length > 0 : writes.length > 1 || (changed && writes.length > 0 && options.keepSingle !== false);
    return kept ? (inChange ? { key, writes: [], records: writes } : { key, writes }) : undefined;
  });
  if (!result.ok) return result;
  // Written with the change, in its transaction: there is nothing left to write or settle.
  if (inChange && kept) return result;
  for (const write of writes ?? records(result.value)) await perform(deps, write, false);
  // Everything is written: a settling the disk refuses only means the next start redoes it (a no-op).
  if (kept) await deps.inventory.settle(key).catch((error: unknown) => deps.logger?.warn({ followUp: key, error: (error as Error).message }, 'a change whose records are written could not be marked so: the next start checks them again'));
  return result;
}

type RecordDeps = Pick<AppDeps, 'inventory' | 'audit' | 'supportRequests' | 'logger'>;

/**
 * Writes the records of changes a crash cut off from them, and settles them: at start-up before any
 * turn, then every `FINISH_EVERY_MS` (what the disk refused at start, and, with instances sharing the
 * engine, what an instance that died left). One the disk refuses now (full, read-only) stays for the
 * next pass, which it does not stop. Returns how many changes it finished.
 */
export async function finishFollowUps(deps: RecordDeps): Promise<number> {
  try {
    return await deps.inventory.finishLeftBehind(async (followUp) => {
      deps.logger?.warn({ followUp: followUp.key }, 'a change whose records a crash cut off (before it was acknowledged): its records are written now');
      try {
        for (const write of followUp.writes as RecordWrite[]) await perform(deps, write, true);
        return true;
      } catch (error) {
        deps.logger?.warn({ followUp: followUp.key, error: (error as Error).message }, 'the records of a change cut off by a crash could not be written yet: tried again later');
        return false;
      }
    });
  } catch (error) {
    deps.logger?.warn({ error: (error as Error).message }, 'the records of changes cut off by a crash could not be looked for or marked written: tried again later');
    return 0;
  }
}

/** How often finishFollowUps runs after start-up. */
export const FINISH_EVERY_MS = 30_000;

/** Runs finishFollowUps every `everyMs`, one pass at a time, until the returned stop is called (and its pass ends). */
export function keepFinishingFollowUps(deps: RecordDeps, everyMs = FINISH_EVERY_MS): () => Promise<void> {
  let pass: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    pass = pass.then(() => finishFollowUps(deps));
  }, everyMs).unref();
  return async () => {
    clearInterval(timer);
    await pass;
  };
}

async function perform(deps: RecordDeps, write: RecordWrite, redo: boolean): Promise<void> {
  if (write.to === 'supportRequests') await deps.supportRequests.append(write.request);
  else if (!redo || !(await recorded(deps.audit, write.entry))) await deps.audit.append(write.entry);
}

/** Whether the trail holds this line already (it was written, and the crash came before the settling). */
async function recorded(audit: AuditTrail, entry: NewAuditEntry): Promise<boolean> {
  const same = await audit.query({ actor: entry.actor.aadObjectId, targetId: entry.target.id, action: entry.action, limit: 50 });
  return same.some((e) => e.at === entry.at);
}
