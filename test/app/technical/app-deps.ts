import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppDeps, Actor } from '../../../src/app/use-case.js';
import { sealInventory } from '../../../src/app/inventory-file.js';
import type { Inventory, Person } from '../../../src/domain/inventory.js';
import type { Result } from '../../../src/domain/errors.js';
import type { NewActivation } from '../../../src/ports/activation-queue.js';
import type { AuditEntry, NewAuditEntry } from '../../../src/ports/audit-trail.js';
import type { SupportRequest } from '../../../src/domain/technical.js';
import type { ActivationJob } from '../../../src/ports/work-store.js';
import { LowdbInventoryRepository } from '../../../src/infra/store/lowdb-inventory-repository.js';
import { AesGcmKeySealer } from '../../../src/infra/crypto/aes-gcm-key-sealer.js';
import { demoInventoryFile } from '../../support/demo.js';

/**
 * What the use cases of these tests run on: the real inventory store (its transactions, and a refused
 * change thrown away) on a temporary directory with the demo inventory, a pinned clock, and in-memory
 * logs. The activation queue keeps every request it is given, without merging repeats, so that a test
 * sees how many times a use case asked.
 */
export interface TestApp {
  deps: AppDeps;
  inventory: LowdbInventoryRepository;
  audit: AuditEntry[];
  jobs: ActivationJob[];
  supportRequests: SupportRequest[];
  change(edit: (inventory: Inventory) => void): Promise<void>;
  close(): Promise<void>;
}

export const NOW = new Date('2026-11-25T00:00:00Z');

export async function openTestApp(): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  const sealer = new AesGcmKeySealer(randomBytes(32));
  const inventory = await LowdbInventoryRepository.open(join(dir, 'inventory.json'));
  await inventory.replace(sealInventory(demoInventoryFile(), sealer));
  const audit: AuditEntry[] = [];
  const jobs: ActivationJob[] = [];
  const supportRequests: SupportRequest[] = [];
  const clock = { now: () => NOW };
  const deps: AppDeps = {
    inventory,
    sealer,
    clock,
    audit: {
      append: async (entry: NewAuditEntry) => {
        const stored = { seq: audit.length + 1, ...entry };
        audit.push(stored);
        return stored;
      },
      query: async (q) => audit.filter((e) => (!q.action || e.action === q.action) && (!q.targetId || e.target.id === q.targetId)).reverse().slice(0, q.limit),
    },
    activations: {
      request: async (a: NewActivation) => {
        const job = { id: randomUUID(), ...a, requestedAt: clock.now().toISOString() };
        jobs.push(job);
        return job;
      },
    },
    supportRequests: {
      append: async (r) => void supportRequests.push(r),
      list: async (q) => supportRequests.filter((r) => !q.benefitId || r.benefitId === q.benefitId).reverse().slice(0, q.limit),
    },
    cancellations: {
      fileOnce: async () => {
        throw new Error('not used here');
      },
      list: async () => [],
    },
  };
  return {
    deps,
    inventory,
    audit,
    jobs,
    supportRequests,
    change: async (edit) => {
      const done: Result<void> = await inventory.transact((inv) => {
        edit(inv);
        return { ok: true, value: undefined };
      });
      if (!done.ok) throw new Error(done.error.code);
    },
    close: async () => {
      await inventory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A person acting from their 1:1 chat with the bot. */
export const actorOf = (person: Person, locale = 'en-US'): Actor => ({ person, where: { conversationId: `a:personal-${person.aadObjectId}`, conversationType: 'personal' }, locale });
