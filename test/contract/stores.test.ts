import { ok } from '../../src/domain/errors.js';
import { StoreFileDamaged } from '../../src/infra/store/journal-file.js';
import type { SupportRequest } from '../../src/domain/technical.js';
import { FaultyDisk } from './disk.js';
import { DIR, DISK_ENGINES, ENGINES, demoInventory, type Stores } from './engines.js';

const request = (id: string, description = 'd'): SupportRequest => ({
  id, at: '2026-11-25T00:00:00.000Z', benefitId: 'tb', benefitName: 'TB', supportKind: 'presalesDeployment', description, requester: { aadObjectId: 'a', name: 'A' },
});
const rename = (name: string) => (inventory: { organization: { name: string } }) => {
  inventory.organization.name = name;
  return ok(name);
};

describe.each(DISK_ENGINES)('$name engine: snapshots and journals, by their ports', (engine) => {
  let disk: FaultyDisk;
  let stores: Stores;
  const reopen = async (how: 'close' | 'crash' = 'close') => {
    if (how === 'close') await stores.close();
    disk = disk.restart('process');
    stores = await engine.open(DIR, disk);
  };
  beforeEach(async () => {
    disk = new FaultyDisk();
    stores = await engine.open(DIR, disk);
  });
  afterEach(async () => {
    if (!disk.crashed) await stores.close().catch(() => undefined);
  });

  it.each(['inventory.json', 'work.json'])('an empty or damaged %s does not open: the error names it (no bare SyntaxError)', async (name) => {
    await stores.inventory.replace(demoInventory());
    await stores.work.rememberNonce('n', new Date('2027-01-01'), new Date('2026-01-01'));
    await reopen(); // the work journal folded into its snapshot
    await stores.close();
    for (const [bytes, says] of [['', 'is empty'], ['{"schemaVersion":1,"inv', 'is damaged: it is not valid JSON']] as const) {
      disk = disk.restart('process');
      disk.overwrite(`${DIR}/${name}`, Buffer.from(bytes));
      const opening = engine.open(DIR, disk);
      await expect(opening).rejects.toThrow(StoreFileDamaged);
      await expect(opening).rejects.toThrow(`${DIR}/${name} ${says}`);
      await expect(opening).rejects.toThrow(/Restore .* from a backup/);
    }
    disk.crashAfter(0);
  });

  it('a snapshot is written whole, fsynced, renamed into place, then its folder fsynced', async () => {
    const from = disk.operations;
    await stores.inventory.replace(demoInventory());
    const ops = disk.log.slice(from).filter((op) => /inventory\.json($|\.tmp)| data$/.test(op));
    const at = (op: string) => ops.indexOf(op);
    expect(ops.filter((op) => op.startsWith('write'))).not.toEqual([]);
    expect(ops.filter((op) => op.startsWith('write')).every((op) => at(op) < at('sync .inventory.json.tmp'))).toBe(true);
    expect(at('sync .inventory.json.tmp')).toBeLessThan(at('rename .inventory.json.tmp inventory.json'));
    expect(at('rename .inventory.json.tmp inventory.json')).toBeLessThan(ops.lastIndexOf('syncFolder data'));
  });

  it('journals longer than a read (lines across chunks, one line over a megabyte) are read whole, and damage is placed by its line', async () => {
    const long = 'x'.repeat(1_500_000);
    for (let i = 1; i <= 1500; i++) await stores.supportRequests.append(request(`SR-${i}`, i === 700 ? long : `request ${i} `.repeat(40)));
    await reopen();
    const listed = await stores.supportRequests.list({ limit: 5000 });
    expect(listed).toHaveLength(1500);
    expect(listed.find((r) => r.id === 'SR-700')?.description).toHaveLength(long.length);
    await stores.close();
    disk = disk.restart('process');
    const path = `${DIR}/support-requests.jsonl`;
    const lines = disk.bytes(path)!.toString('utf8').split('\n');
    lines[1199] = '{"id":"SR-1200","at":"20';
    disk.overwrite(path, Buffer.from(lines.join('\n')));
    await expect(engine.open(DIR, disk)).rejects.toThrow(`${path}, line 1200, is damaged`);
    disk.crashAfter(0);
  });

  it('the audit trail checks every line on opening without parsing each (its numbering from the last), across chunks', async () => {
    const entry = (i: number) => ({ at: `2026-11-25T00:00:00.${String(i % 1000).padStart(3, '0')}Z`, action: 'addPerson' as const, actor: { aadObjectId: 'a', name: 'A' }, target: { kind: 'person', id: `t${i}`, name: 'x'.repeat(200) }, where: { conversationId: 'c', conversationType: 'personal' } });
    await Promise.all(Array.from({ length: 8000 }, (_, i) => stores.audit.append(entry(i))));
    await reopen();
    expect((await stores.audit.append(entry(8000))).seq).toBe(8001);
    await stores.close();
    disk = disk.restart('process');
    const path = `${DIR}/audit.jsonl`;
    const lines = disk.bytes(path)!.toString('utf8').split('\n');
    expect(Buffer.byteLength(lines.slice(0, 6000).join('\n'))).toBeGreaterThan(1024 * 1024);
    lines[5999] = lines[5999]!.slice(0, 40);
    disk.overwrite(path, Buffer.from(lines.join('\n')));
    await expect(engine.open(DIR, disk)).rejects.toThrow(`${path}, line 6000, is damaged`);
    disk.crashAfter(0);
  });

  it('a log written before, with empty lines between requests, opens whole', async () => {
    await stores.close();
    disk = disk.restart('process');
    disk.overwrite(`${DIR}/support-requests.jsonl`, Buffer.from(['', JSON.stringify(request('SR-1')), '', JSON.stringify(request('SR-2')), ''].join('\n')));
    stores = await engine.open(DIR, disk);
    expect((await stores.supportRequests.list({ limit: 10 })).map((r) => r.id)).toEqual(['SR-2', 'SR-1']);
    await stores.supportRequests.append(request('SR-3'));
    await reopen();
    expect((await stores.supportRequests.list({ limit: 10 })).map((r) => r.id)).toEqual(['SR-3', 'SR-2', 'SR-1']);
  });
});

describe.each(ENGINES)('$name engine: follow-ups and records, by their ports', (engine) => {
  let disk: FaultyDisk;
  let stores: Stores;
  /** A crash: the embedded engine's process dies with its files open; a database engine's connections are dropped. */
  const reopen = async (how: 'close' | 'crash' = 'close') => {
    if (how === 'close' || engine.faults === 'database') await stores.close();
    disk = disk.restart('process');
    stores = await engine.open(DIR, disk);
  };
  beforeEach(async () => {
    disk = new FaultyDisk();
    stores = await engine.open(DIR, disk);
  });
  afterEach(async () => {
    if (!disk.crashed) await stores.close().catch(() => undefined);
  });

  it('a follow-up is kept with its change until settled, across a crash; nothing is written for no change and no follow-up', async () => {
    await stores.inventory.replace(demoInventory());
    const before = await engine.inventoryWrites(disk);
    await stores.inventory.transact(() => ok(1), () => undefined);
    expect(await engine.inventoryWrites(disk)).toBe(before);
    await stores.inventory.transact(rename('changed'), (value, changed) => ({ key: 'k1', writes: [{ value, changed }] }));
    await stores.inventory.transact(() => ok(2), (value, changed) => ({ key: 'k2', writes: [{ value, changed }] }));
    expect(stores.inventory.followUps()).toEqual([{ key: 'k1', writes: [{ value: 'changed', changed: true }] }, { key: 'k2', writes: [{ value: 2, changed: false }] }]);
    await reopen('crash');
    expect(stores.inventory.current()?.organization.name).toBe('changed');
    expect(stores.inventory.followUps().map((f) => f.key)).toEqual(['k1', 'k2']);
    await stores.inventory.settle('k1');
    await stores.inventory.settle('unknown');
    await reopen();
    expect(stores.inventory.followUps().map((f) => f.key)).toEqual(['k2']);
  });

  it('a support request whose id is on record already is not appended again, after a reopen too', async () => {
    await stores.supportRequests.append(request('SR-1'));
    await stores.supportRequests.append(request('SR-1'));
    await reopen('crash');
    await stores.supportRequests.append(request('SR-1'));
    expect((await stores.supportRequests.list({ limit: 10 })).map((r) => r.id)).toEqual(['SR-1']);
  });

});
