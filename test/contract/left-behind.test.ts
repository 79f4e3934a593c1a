import { ok } from '../../src/domain/errors.js';
import type { FollowUp } from '../../src/ports/inventory-repository.js';
import { FaultyDisk } from './disk.js';
import { DIR, ENGINES, demoInventory, type Stores } from './engines.js';

/**
 * The follow-ups a crash cut off from their change (src/app/follow-ups.ts finishes them): each engine
 * hands them over to be finished, and each is finished once. An engine one process owns (the folder
 * lock) hands over what it found at open; an engine instances share leaves a follow-up to the instance
 * that made it for a while, then to whichever instance asks first.
 */
const rename = (name: string) => (inventory: { organization: { name: string } }) => {
  inventory.organization.name = name;
  return ok(name);
};
const keep = (key: string) => (): FollowUp => ({ key, writes: [key] });
const shared = (e: (typeof ENGINES)[number]) => e.faults === 'database';

describe.each(ENGINES)('$name engine: follow-ups left behind, by their port', (engine) => {
  let disk: FaultyDisk;
  let stores: Stores;
  const opened: Stores[] = [];
  const open = async (leftAfterMs?: number) => {
    const s = await engine.open(DIR, disk, leftAfterMs === undefined ? {} : { followUpsLeftAfterMs: leftAfterMs });
    opened.push(s);
    return s;
  };
  /** The instance that made the changes stops before their records are written (a crash, for this port). */
  const crashThenOpen = async (leftAfterMs?: number) => {
    if (shared(engine)) await stores.close();
    disk = disk.restart('process');
    stores = await open(leftAfterMs);
  };
  beforeEach(async () => {
    disk = new FaultyDisk();
    stores = await open();
    await stores.inventory.replace(demoInventory());
    await stores.inventory.transact(rename('a'), keep('k1'));
    await stores.inventory.transact(rename('b'), keep('k2'));
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  });

  it('each is handed over until finished, then settled for good (after a restart too)', async () => {
    await crashThenOpen(0);
    const handed: string[] = [];
    expect(await stores.inventory.finishLeftBehind(async (f) => (handed.push(f.key), f.key === 'k1'))).toBe(1);
    expect(handed).toEqual(['k1', 'k2']);
    // k2's records could not be written: the next pass is handed it again.
    expect(await stores.inventory.finishLeftBehind(async (f) => (handed.push(f.key), true))).toBe(1);
    expect(handed).toEqual(['k1', 'k2', 'k2']);
    expect(await stores.inventory.finishLeftBehind(async () => true)).toBe(0);
    await stores.close();
    disk = disk.restart('process');
    stores = await open(0);
    expect(await stores.inventory.finishLeftBehind(async () => true)).toBe(0);
    expect(stores.inventory.followUps()).toEqual([]);
    expect(stores.inventory.current()?.organization.name).toBe('b');
  });

  it('two passes at once finish each follow-up once', async () => {
    await crashThenOpen(0);
    const other = shared(engine) ? await open(0) : stores;
    const handed: string[] = [];
    const slow = async (f: FollowUp) => {
      handed.push(f.key);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return true;
    };
    const [a, b] = await Promise.all([stores.inventory.finishLeftBehind(slow), other.inventory.finishLeftBehind(slow)]);
    expect(a + b).toBe(2);
    expect(handed.sort()).toEqual(['k1', 'k2']);
  });

  it('a follow-up its own instance is still writing is not handed over', async () => {
    // The engine one process owns: a change this process made is its own to finish, at any age.
    // The engine instances share: another instance leaves it alone for the while given (here the default minute).
    const asker = shared(engine) ? await open() : stores;
    await stores.inventory.transact(rename('c'), keep('k3'));
    const handed: string[] = [];
    expect(await asker.inventory.finishLeftBehind(async (f) => (handed.push(f.key), true))).toBe(0);
    expect(handed).toEqual([]);
  });
});
