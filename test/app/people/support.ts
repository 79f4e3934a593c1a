import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sealInventory } from '../../../src/app/inventory-file.js';
import type { Actor, AppDeps } from '../../../src/app/use-case.js';
import type { Person } from '../../../src/domain/inventory.js';
import type { AuditEntry, AuditTrail, NewAuditEntry } from '../../../src/ports/audit-trail.js';
import { AesGcmKeySealer } from '../../../src/infra/crypto/aes-gcm-key-sealer.js';
import { LowdbInventoryRepository } from '../../../src/infra/store/lowdb-inventory-repository.js';
import { demoInventoryFile } from '../../support/demo.js';

/** The use cases' ports over the demo inventory in a lowdb store on a temp dir; the audit trail kept in memory. */
export interface PeopleStage {
  deps: AppDeps;
  repo: LowdbInventoryRepository;
  audit: AuditEntry[];
  /** The person with this email's local part as the store holds them now, as an actor. */
  actor(local: string): Actor;
  person(local: string): Person;
  close(): Promise<void>;
}

const unused = (port: string) => () => {
  throw new Error(`people and roles do not use ${port}`);
};

export async function stage(): Promise<PeopleStage> {
  const dir = mkdtempSync(join(tmpdir(), 'people-'));
  const sealer = new AesGcmKeySealer(randomBytes(32));
  const repo = await LowdbInventoryRepository.open(join(dir, 'inventory.json'));
  await repo.replace(sealInventory(demoInventoryFile(), sealer));
  const audit: AuditEntry[] = [];
  const trail = {
    append: async (entry: NewAuditEntry) => {
      const saved = { seq: audit.length + 1, ...entry };
      audit.push(saved);
      return saved;
    },
  } as unknown as AuditTrail;
  const deps: AppDeps = {
    inventory: repo,
    sealer,
    clock: { now: () => new Date('2025-04-01T09:00:00Z') },
    audit: trail,
    activations: { request: unused('activations') },
    supportRequests: { append: unused('support requests'), list: unused('support requests') },
    cancellations: { fileOnce: unused('cancellations'), list: unused('cancellations') },
  };
  const person = (local: string): Person => {
    const found = repo.current()!.people.find((p) => p.email.startsWith(local + '@'));
    if (!found) throw new Error(`no demo person ${local}`);
    return found;
  };
  return {
    deps,
    repo,
    audit,
    person,
    actor: (local) => ({ person: person(local), where: { conversationId: 'conv-1', conversationType: 'personal' }, locale: 'en-US' }),
    close: async () => {
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
