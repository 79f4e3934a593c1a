import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok } from '../../../src/domain/errors.js';
import type { Inventory } from '../../../src/domain/inventory.js';
import { assignSeat } from '../../../src/domain/visual-studio.js';
import { MoveRefused, moveLowdbToPostgres } from '../../../src/infra/move-stores.js';
import { openPostgresStores } from '../../../src/infra/postgres/postgres-stores.js';
import { dataFiles } from '../../../src/infra/store/data-files.js';
import { openEmbeddedStores } from '../../../src/infra/store/embedded-stores.js';
import { JsonlConversationStore } from '../../../src/infra/store/jsonl-conversation-store.js';
import { conversation } from '../../contract/conversation-engines.js';
import { demoInventory, quiet, testSealer } from '../../contract/engines.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';

let dir: string;
let db: TestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'move-store-'));
  db = await freshDatabase();
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

const audited = (i: number) => ({ at: `2026-11-25T00:00:${String(i).padStart(2, '0')}.000Z`, action: 'addPerson' as const, actor: { aadObjectId: `a${i % 2}`, name: 'A' }, target: { kind: 'person', id: `t${i}`, name: `名前 ${i}` }, where: { conversationId: 'c', conversationType: 'personal' } });

/** The demo company, used for a while on the embedded engine: every store holds something. */
async function useTheEmbeddedEngine() {
  const stores = await openEmbeddedStores(dir, { logger: quiet });
  await stores.inventory.replace(demoInventory());
  await stores.inventory.transact((inventory) => assignSeat(inventory, 'vs-professional', 'a1f0c6d2-0003-4c1e-9a11-3b5d7e9f1a03', 'a1f0c6d2-0001-4c1e-9a11-3b5d7e9f1a01', new Date('2026-11-25T00:00:00Z')));
  await stores.inventory.transact(() => ok(1), () => ({ key: 'cut-off', writes: [{ to: 'audit', entry: audited(99) }] }));
  for (let i = 0; i < 30; i++) await stores.audit.append(audited(i));
  for (let i = 1; i <= 3; i++) await stores.supportRequests.append({ id: `SR-${i}`, at: '2026-11-25T00:00:00.000Z', benefitId: 'tb', benefitName: 'TB', supportKind: 'presalesDeployment', description: `d${i}`, requester: { aadObjectId: 'a', name: 'A' } });
  await stores.cancellations.fileOnce({ id: 'CR-1', at: '2026-11-25T00:00:00Z', packageId: 'pkg-action-pack', program: 'actionPack', purchasedOn: '2026-11-10', refundLastDay: '2026-12-10', requester: { aadObjectId: 'a', name: 'A' }, reason: '', status: 'submitted' });
  await stores.close();
  const conversations = await JsonlConversationStore.open(dataFiles(dir).conversations);
  for (const id of ['a:1', 'a:2', '19:group']) await conversations.remember(conversation(id, id.startsWith('19:') ? { conversationType: 'groupChat' } : {}));
  await conversations.rememberPerson('aad-channel-only', { timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
  await conversations.close();
}

async function readEverything(stores: { inventory: { current(): unknown; followUps(): unknown }; audit: { query(q: { limit: number }): Promise<unknown> }; supportRequests: { list(q: { limit: number }): Promise<unknown> }; cancellations: { list(q: { limit: number }): Promise<unknown> } }) {
  return {
    inventory: stores.inventory.current(),
    followUps: stores.inventory.followUps(),
    audit: await stores.audit.query({ limit: 1000 }),
    supportRequests: await stores.supportRequests.list({ limit: 1000 }),
    cancellations: await stores.cancellations.list({ limit: 1000 }),
  };
}

describe('moving a company from lowdb to PostgreSQL (npm run move-store)', () => {
  it('every store reads back identical through the ports, product keys included, and the embedded files keep it all', async () => {
    await useTheEmbeddedEngine();
    const source = await openEmbeddedStores(dir, { logger: quiet });
    const before = await readEverything(source);
    await source.close();
    const moved = await moveLowdbToPostgres(dir, db.url, quiet);
    expect(moved).toEqual({ inventory: true, followUps: 1, auditEntries: 30, supportRequests: 3, cancellationRequests: 1, conversations: 3 });

    const target = await openPostgresStores(db.url, { logger: quiet });
    expect(await readEverything(target)).toEqual(before);
    // The keys are moved sealed, as they were, and the same encryption key opens them.
    const keys = (inventory: Inventory | undefined) => inventory!.benefits.software.flatMap((b) => b.keys.map((k) => testSealer.open(k)));
    expect(keys(target.inventory.current())).toEqual(keys(demoInventory()));
    expect(keys(demoInventory()).length).toBeGreaterThan(0);
    for (const id of ['a:1', 'a:2', '19:group']) expect(target.conversations.get(id)).toEqual(conversation(id, id.startsWith('19:') ? { conversationType: 'groupChat' } : {}));
    expect(target.conversations.personalChatOf('aad-a:2')?.conversationId).toBe('a:2');
    expect(await target.conversations.personSeen('aad-channel-only')).toEqual({ timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    // The trail numbers on after the moved lines.
    expect((await target.audit.append(audited(31))).seq).toBe(31);
    await target.close();
    // The embedded files still hold everything (opening folds their journals, which changes no content).
    const after = await openEmbeddedStores(dir, { logger: quiet });
    expect(await readEverything(after)).toEqual(before);
    await after.close();
  });

  it('a database that holds data already is refused with a sentence, and nothing is written to it', async () => {
    await useTheEmbeddedEngine();
    await moveLowdbToPostgres(dir, db.url, quiet);
    const again = moveLowdbToPostgres(dir, db.url, quiet);
    await expect(again).rejects.toBeInstanceOf(MoveRefused);
    await expect(moveLowdbToPostgres(dir, db.url, quiet)).rejects.toThrow(/holds data already .* a move goes into an empty database only/);
  });

  it('a running bot (the data folder locked) refuses the move', async () => {
    await useTheEmbeddedEngine();
    const { acquireDataFolderLock } = await import('../../../src/infra/store/data-folder-lock.js');
    const lock = acquireDataFolderLock(dir);
    try {
      await expect(moveLowdbToPostgres(dir, db.url, quiet)).rejects.toThrow();
    } finally {
      lock.release();
    }
  });
});
