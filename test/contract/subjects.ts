import type { CancellationRequest } from '../../src/domain/cancellation.js';
import type { SupportRequest } from '../../src/domain/technical.js';
import type { NewAuditEntry } from '../../src/ports/audit-trail.js';
import type { OutboxItem } from '../../src/ports/work-store.js';
import { ok } from '../../src/domain/errors.js';
import { demoInventory, type Stores } from './engines.js';

/**
 * Each store as the fault suites see it: the i-th write (acknowledged when its promise resolves) and
 * the writes that are there, read back through the port. `journal` is the file its writes go to.
 */
export interface Subject {
  name: string;
  journal: string;
  setUp(stores: Stores): Promise<void>;
  write(stores: Stores, i: number): Promise<unknown>;
  seen(stores: Stores): Promise<number[]>;
}

const numbered = (prefix: string, ids: string[]) =>
  ids.filter((id) => id.startsWith(prefix)).map((id) => Number(id.slice(prefix.length))).sort((a, b) => a - b);

const audited = (i: number): NewAuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 25, 0, 0, i)).toISOString(),
  action: 'addPerson',
  actor: { aadObjectId: 'admin', name: 'Admin' },
  target: { kind: 'person', id: `t${i}`, name: `Person ${i}` },
  where: { conversationId: 'a:c', conversationType: 'personal' },
});

const item = (i: number): OutboxItem => ({
  id: `n${i}`, recipient: 'r', locale: 'en-US', content: { kind: 'k', params: { i } }, createdAt: '2026-11-25T00:00:00.000Z', attempts: 0, nextAttemptAt: '2026-11-25T00:00:00.000Z', state: 'pending',
});

const supportRequest = (i: number): SupportRequest => ({
  id: `SR-${i}`, at: '2026-11-25T00:00:00.000Z', benefitId: 'tb', benefitName: 'TB', supportKind: 'breakFix', productKind: 'cloud', description: `request ${i}`, requester: { aadObjectId: 'a', name: 'A' },
});

const cancellation = (i: number): CancellationRequest => ({
  id: `CR-${i}`, at: '2026-11-25T00:00:00Z', packageId: `p${i}`, program: 'actionPack', purchasedOn: '2026-11-10', refundLastDay: '2026-12-10', requester: { aadObjectId: 'a', name: 'A' }, reason: '', status: 'submitted',
});

const none = async () => undefined;

export const SUBJECTS: Subject[] = [
  {
    name: 'inventory journal',
    journal: 'inventory.json.journal',
    setUp: (stores) => stores.inventory.replace(demoInventory()),
    write: (stores, i) =>
      stores.inventory.transact((inventory) => {
        inventory.people.push({ aadObjectId: `p${i}`, name: `P${i}`, email: `p${i}@example.com`, roles: [] });
        return ok(i);
      }),
    seen: async (stores) => numbered('p', stores.inventory.current()?.people.map((p) => p.aadObjectId) ?? []),
  },
  {
    name: 'audit trail',
    journal: 'audit.jsonl',
    setUp: none,
    write: (stores, i) => stores.audit.append(audited(i)),
    seen: async (stores) => numbered('t', (await stores.audit.query({ limit: 10_000 })).map((e) => e.target.id)),
  },
  {
    name: 'work store',
    journal: 'work.json.journal',
    setUp: none,
    write: (stores, i) => stores.work.enqueue(item(i)),
    seen: async (stores) => numbered('n', (await stores.work.pendingNotifications()).map((n) => n.id)),
  },
  {
    name: 'support requests',
    journal: 'support-requests.jsonl',
    setUp: none,
    write: (stores, i) => stores.supportRequests.append(supportRequest(i)),
    seen: async (stores) => numbered('SR-', (await stores.supportRequests.list({ limit: 10_000 })).map((r) => r.id)),
  },
  {
    name: 'cancellation requests',
    journal: 'cancellation-requests.jsonl',
    setUp: none,
    write: (stores, i) => stores.cancellations.fileOnce(cancellation(i)),
    seen: async (stores) => numbered('CR-', (await stores.cancellations.list({ limit: 10_000 })).map((r) => r.id)),
  },
];

/** Every line of a journal parses: no torn or joined line was left behind. */
export const wholeLines = (bytes: Buffer | undefined): boolean =>
  (bytes?.toString('utf8') ?? '').split('\n').filter((l) => l.trim()).every((l) => {
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  });
