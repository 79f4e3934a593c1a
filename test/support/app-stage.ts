import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, AppDeps } from '../../src/app/use-case.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import type { Result } from '../../src/domain/errors.js';
import type { Inventory, Person } from '../../src/domain/inventory.js';
import type { NewActivation } from '../../src/ports/activation-queue.js';
import type { AuditEntry } from '../../src/ports/audit-trail.js';
import type { ActivationJob } from '../../src/ports/work-store.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { JsonlAuditTrail } from '../../src/infra/store/jsonl-audit-trail.js';
import { JsonlCancellationRequestLog } from '../../src/infra/store/jsonl-cancellation-requests.js';
import { JsonlSupportRequestLog } from '../../src/infra/store/jsonl-support-requests.js';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import { demoInventoryFile } from './demo.js';

/**
 * The stage of a use-case test: the demo company in the real stores (inventory snapshot + journal, the
 * JSONL audit trail, support and cancellation logs) on a temporary folder, a movable clock, and an
 * activation queue that keeps every request it is given without merging repeats, so that a test sees how
 * many times a use case asked.
 */
export interface AppStage {
  deps: AppDeps;
  inventory: LowdbInventoryRepository;
  /** The activations asked for, in order. */
  jobs: ActivationJob[];
  /** Moves the clock (the use cases read it through deps.clock). */
  setNow(now: Date): void;
  /** The demo person whose email starts with `local@`, as the store holds them now. */
  person(local: string): Person;
  /** That person acting from their 1:1 chat (or the conversation type given), in English (or the locale given). */
  actor(local: string | Person, conversationType?: string, locale?: string): Actor;
  /** Everything in the audit trail, newest first. */
  trail(): Promise<AuditEntry[]>;
  /** A change made behind the use cases' back (a role removed by someone else, a seat taken …). */
  change(edit: (inventory: Inventory) => void): Promise<void>;
  /** Every byte of every data file: equal before and after = nothing was written. */
  storeBytes(): string;
  close(): Promise<void>;
}

export const STAGE_NOW = new Date('2026-11-25T09:30:00Z');

export interface StageOptions {
  /** false: the stores are there but no inventory was ever imported (the bot before its first import). */
  imported?: boolean;
}

export async function openAppStage(now = STAGE_NOW, { imported = true }: StageOptions = {}): Promise<AppStage> {
  const dir = mkdtempSync(join(tmpdir(), 'use-case-'));
  const sealer = new AesGcmKeySealer(randomBytes(32));
  const inventory = await LowdbInventoryRepository.open(join(dir, 'inventory.json'));
  if (imported) await inventory.replace(sealInventory(demoInventoryFile(), sealer));
  const audit = JsonlAuditTrail.open(join(dir, 'audit.jsonl'));
  const supportRequests = JsonlSupportRequestLog.open(join(dir, 'support-requests.jsonl'));
  const cancellations = JsonlCancellationRequestLog.open(join(dir, 'cancellation-requests.jsonl'));
  let current = now;
  const clock = { now: () => current };
  const jobs: ActivationJob[] = [];
  const activations = {
    request: async (a: NewActivation): Promise<ActivationJob> => {
      const job = { id: randomUUID(), ...a, requestedAt: clock.now().toISOString() };
      jobs.push(job);
      return job;
    },
  };
  const deps: AppDeps = { inventory, sealer, clock, audit, activations, supportRequests, cancellations };
  const person = (local: string): Person => {
    const found = inventory.current()?.people.find((p) => p.email.startsWith(local + '@'));
    if (!found) throw new Error(`no demo person ${local}`);
    return found;
  };
  return {
    deps,
    inventory,
    jobs,
    setNow: (next) => void (current = next),
    person,
    actor: (who, conversationType = 'personal', locale = 'en-US') => {
      const p = typeof who === 'string' ? person(who) : who;
      return { person: p, where: { conversationId: `a:${conversationType}-${p.aadObjectId}`, conversationType }, locale };
    },
    trail: () => audit.query({ limit: 100_000 }),
    change: async (edit) => {
      const done: Result<void> = await inventory.transact((inv) => {
        edit(inv);
        return { ok: true, value: undefined };
      });
      if (!done.ok) throw new Error(done.error.code);
    },
    storeBytes: () =>
      readdirSync(dir)
        .sort()
        .map((name) => `${name}\n${readFileSync(join(dir, name), 'utf8')}`)
        .join('\n'),
    close: async () => {
      await inventory.close();
      audit.close();
      supportRequests.close();
      cancellations.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
