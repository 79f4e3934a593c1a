import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { fail, ok } from '../../src/domain/errors.js';
import { STARTED_FROM } from '../../src/domain/inventory.js';
import { findPersonById, readPersonById } from '../../src/domain/people.js';
import { demoInventoryFile } from '../support/demo.js';

let dir: string;
let file: string;
const demo = () => sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'repo-'));
  file = join(dir, 'inventory.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function fresh(snapshotEvery = 1000) {
  const repo = await LowdbInventoryRepository.open(file, { snapshotEvery });
  await repo.replace(demo());
  return repo;
}

const rename = (name: string) => (inv: { organization: { name: string } }) => {
  inv.organization.name = name;
  return ok(name);
};

describe('the inventory store: snapshot + journal', () => {
  it('an acknowledged change survives a reopen (replayed from the journal, then snapshotted)', async () => {
    const repo = await fresh();
    await repo.transact(rename('Renamed 1'));
    await repo.transact((inv) => {
      inv.people.push({ aadObjectId: 'new', name: 'New person', email: 'n@example.com', roles: [] });
      return ok(undefined);
    });
    expect(statSync(`${file}.journal`).size).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).inventory.organization.name).toBe('Fabrikam Japan 株式会社');
    // no close(): as after a crash
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()?.organization.name).toBe('Renamed 1');
    expect(again.current()?.people.at(-1)?.name).toBe('New person');
    expect(statSync(`${file}.journal`).size).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).inventory.organization.name).toBe('Renamed 1');
    await again.close();
  });

  it('a change that mutates and then returns an error leaves nothing behind', async () => {
    const repo = await fresh();
    const journalBefore = statSync(`${file}.journal`).size;
    const result = await repo.transact((inv) => {
      inv.organization.name = 'half-made';
      inv.people.length = 0;
      return fail('forbidden');
    });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(repo.current()?.organization.name).toBe('Fabrikam Japan 株式会社');
    expect(repo.current()?.people).toHaveLength(8);
    expect(statSync(`${file}.journal`).size).toBe(journalBefore);
    await repo.close();
  });

  it('hands back plain values from a change, and a state that cannot be changed outside transact', async () => {
    const repo = await fresh();
    const result = await repo.transact((inv) => ok(inv.people[0]!));
    expect(result.ok && result.value.name).toBe('佐藤 美咲 (Misaki Sato)');
    expect(() => {
      (repo.current()!.organization as { name: string }).name = 'sneaky';
    }).toThrow(TypeError);
    await repo.close();
  });

  it('a change sees the committed inventory it started from (STARTED_FROM), which is never stored', async () => {
    const repo = await fresh();
    const committed = repo.current()!;
    const last = committed.people.at(-1)!;
    const result = await repo.transact((inv) => {
      expect(inv[STARTED_FROM]).toBe(committed);
      // A read is the committed person itself; a find is the draft's, and what is done to it is kept.
      expect(readPersonById(inv, last.aadObjectId.toUpperCase())).toBe(last);
      const found = findPersonById(inv, last.aadObjectId)!;
      expect(found).not.toBe(last);
      found.roles.push('userAdmin');
      return ok(inv);
    });
    expect(result.ok && STARTED_FROM in result.value).toBe(false);
    expect(repo.current()![STARTED_FROM]).toBeUndefined();
    expect(repo.current()!.people.at(-1)!.roles).toEqual([...last.roles, 'userAdmin']);
    await repo.close();
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()!.people.at(-1)!.roles).toEqual([...last.roles, 'userAdmin']);
    await again.close();
  });

  it('serialises concurrent changes: none is lost', async () => {
    const repo = await fresh();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        repo.transact((inv) => {
          inv.people.push({ aadObjectId: `p${i}`, name: `P${i}`, email: `p${i}@example.com`, roles: [] });
          return ok(i);
        }),
      ),
    );
    expect(repo.current()?.people).toHaveLength(108);
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()?.people).toHaveLength(108);
    await again.close();
  });

  it('snapshots every N changes; a crash between the snapshot and emptying the journal applies nothing twice', async () => {
    const repo = await fresh(3);
    await repo.transact((inv) => {
      inv.people.push({ aadObjectId: 'a', name: 'A', email: 'a@example.com', roles: [] });
      return ok(1);
    });
    await repo.transact(rename('two'));
    copyFileSync(`${file}.journal`, join(dir, 'journal-before-snapshot'));
    await repo.transact(rename('three')); // the third change triggers a snapshot
    await repo.close();
    expect(statSync(`${file}.journal`).size).toBe(0);
    // As if the process died after the snapshot's rename but before the journal was emptied:
    copyFileSync(join(dir, 'journal-before-snapshot'), `${file}.journal`);
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()?.organization.name).toBe('three');
    expect(again.current()?.people.filter((p) => p.aadObjectId === 'a')).toHaveLength(1);
    await again.close();
  });

  it('drops a journal line cut short by a crash, keeping every whole one', async () => {
    const repo = await fresh();
    await repo.transact(rename('whole'));
    appendFileSync(`${file}.journal`, '{"seq":99,"patches":[{"op":"repl');
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()?.organization.name).toBe('whole');
    const after = await again.transact(rename('next'));
    expect(after.ok).toBe(true);
    await again.close();
    const third = await LowdbInventoryRepository.open(file);
    expect(third.current()?.organization.name).toBe('next');
    await third.close();
  });

  it('refuses a journal with no inventory under it, rather than inventing one', async () => {
    writeFileSync(`${file}.journal`, JSON.stringify({ seq: 1, patches: [] }) + '\n');
    await expect(LowdbInventoryRepository.open(file)).rejects.toThrow(/inventory\.json\.journal holds changes \(from entry 1\) made to an inventory that inventory\.json no longer holds: .*Restore inventory\.json from a backup\./);
  });
});

describe('snapshots in the background', () => {
  it('changes made while a snapshot is written are kept, and the covered segments are deleted', async () => {
    const repo = await fresh(5);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        repo.transact((inv) => {
          inv.people.push({ aadObjectId: `bg${i}`, name: `BG${i}`, email: `bg${i}@example.com`, roles: [] });
          return ok(i);
        }),
      ),
    );
    await repo.close();
    const leftovers = readdirSync(dir).filter((f) => /\.journal\.\d+$/.test(f));
    expect(leftovers).toEqual([]);
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()?.people.filter((p) => p.aadObjectId.startsWith('bg'))).toHaveLength(60);
    expect(LowdbInventoryRepository.readPersisted(file)?.people).toHaveLength(68);
    await again.close();
  });

  it('replays a closed segment that a crash left before its snapshot was written', async () => {
    const repo = await fresh();
    await repo.transact(rename('in a segment'));
    await repo.close();
    // As if the process died after closing the journal as a segment, before the snapshot was written:
    renameSync(`${file}.journal`, `${file}.journal.1`);
    writeFileSync(`${file}.journal`, '');
    expect(LowdbInventoryRepository.readPersisted(file)?.organization.name).toBe('in a segment');
    const again = await LowdbInventoryRepository.open(file);
    expect(again.current()?.organization.name).toBe('in a segment');
    await again.close();
    expect(readdirSync(dir).filter((f) => /\.journal\.\d+$/.test(f))).toEqual([]);
  });
});
