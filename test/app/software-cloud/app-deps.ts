import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Actor, AppDeps } from '../../../src/app/use-case.js';
import { sealInventory } from '../../../src/app/inventory-file.js';
import type { Person } from '../../../src/domain/inventory.js';
import { AesGcmKeySealer } from '../../../src/infra/crypto/aes-gcm-key-sealer.js';
import { JsonlAuditTrail } from '../../../src/infra/store/jsonl-audit-trail.js';
import { LowdbInventoryRepository } from '../../../src/infra/store/lowdb-inventory-repository.js';
import { demoInventoryFile } from '../../support/demo.js';

export const NOW = new Date('2026-11-25T09:30:00Z');

/** A port these use cases must not touch: using it fails the test. */
const untouched = (port: string) =>
  new Proxy({}, { get: (_t, name) => () => Promise.reject(new Error(`${port}.${String(name)} was not expected here`)) }) as never;

export interface TestApp {
  deps: AppDeps;
  /** Every file of the inventory store (snapshot, journal), to tell whether anything was written. */
  storeBytes(): string;
  close(): Promise<void>;
}

/** The demo company in a real store (lowdb snapshot + journal, JSONL audit trail) on a temp dir. */
export async function openApp(now = NOW): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'use-case-'));
  const sealer = new AesGcmKeySealer(randomBytes(32));
  const inventory = await LowdbInventoryRepository.open(join(dir, 'inventory.json'));
  await inventory.replace(sealInventory(demoInventoryFile(), sealer));
  const audit = JsonlAuditTrail.open(join(dir, 'audit.jsonl'));
  const deps: AppDeps = {
    inventory,
    sealer,
    audit,
    clock: { now: () => now },
    activations: untouched('activations'),
    supportRequests: untouched('supportRequests'),
    cancellations: untouched('cancellations'),
  };
  return {
    deps,
    storeBytes: () =>
      readdirSync(dir)
        .filter((name) => name !== 'audit.jsonl')
        .sort()
        .map((name) => `${name}\n${readFileSync(join(dir, name), 'utf8')}`)
        .join('\n'),
    async close() {
      await inventory.close();
      audit.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The person as the use cases take them, acting from a 1:1 chat unless told otherwise. */
export function actor(person: Person, conversationType = 'personal'): Actor {
  return { person, where: { conversationId: `conv-${conversationType}`, conversationType }, locale: 'en-US' };
}

/** Everything in the trail, newest first. */
export const trail = (deps: AppDeps) => deps.audit.query({ limit: 1000 });
