import { assignSeat, findSubscription, seatCount } from '../../src/domain/visual-studio.js';
import type { CancellationRequest } from '../../src/domain/cancellation.js';
import { FaultyDisk } from './disk.js';
import { DIR, ENGINES, demoInventory, type Stores } from './engines.js';

const NOW = new Date('2026-11-25T00:00:00Z');
const VS = 'vs-professional';
const ADMIN = 'a1f0c6d2-0001-4c1e-9a11-3b5d7e9f1a01';
const cancellation = (id: string, packageId: string): CancellationRequest => ({
  id, at: '2026-11-25T00:00:00Z', packageId, program: 'actionPack', purchasedOn: '2026-11-10', refundLastDay: '2026-12-10', requester: { aadObjectId: id, name: id }, reason: '', status: 'submitted',
});

/** The rules that must hold exactly when many turns act at once, on every engine, through the ports. */
describe.each(ENGINES)('$name engine: concurrent changes through the ports', (engine) => {
  let disk: FaultyDisk;
  let stores: Stores;
  beforeEach(async () => {
    disk = new FaultyDisk();
    stores = await engine.open(DIR, disk);
    await stores.inventory.replace(demoInventory());
  });
  afterEach(() => stores.close());

  it('R5.1: everyone asks for the last seats at once: exactly as many get one as were free, the rest are told none is left', async () => {
    const free = seatCount(findSubscription(stores.inventory.current()!, VS)!).free;
    const people = stores.inventory.current()!.people.filter((p) => !findSubscription(stores.inventory.current()!, VS)!.assignments.some((a) => a.aadObjectId === p.aadObjectId));
    expect(people.length).toBeGreaterThan(free);
    const results = await Promise.all(people.map((p) => stores.inventory.transact((inventory) => assignSeat(inventory, VS, p.aadObjectId, ADMIN, NOW))));
    expect(results.filter((r) => r.ok)).toHaveLength(free);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(people.length - free).fill('noFreeSeat'));
    expect(seatCount(findSubscription(stores.inventory.current()!, VS)!)).toMatchObject({ free: 0 });
  });

  it('R8.2: two admins file a cancellation of one package at once: one request on record, the other told of it', async () => {
    const outcomes = await Promise.all([stores.cancellations.fileOnce(cancellation('CR-1', 'pkg-a')), stores.cancellations.fileOnce(cancellation('CR-2', 'pkg-a'))]);
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    const refused = outcomes.find((o) => !o.created);
    expect(refused && !refused.created && refused.existing.packageId).toBe('pkg-a');
    expect((await stores.cancellations.list({ limit: 10 })).map((r) => r.packageId)).toEqual(['pkg-a']);
  });

  it('R8.2: overviews asking at once whether each package\'s cancellation was requested each get their own package\'s answer', async () => {
    await stores.cancellations.fileOnce(cancellation('CR-1', 'pkg-a'));
    await stores.cancellations.fileOnce(cancellation('CR-2', 'pkg-b'));
    const asked = ['pkg-a', 'pkg-c', 'pkg-b', 'pkg-a', 'pkg-c'];
    const answers = await Promise.all(asked.map((packageId) => stores.cancellations.list({ packageId, limit: 1 })));
    expect(answers.map((list) => list.map((r) => r.id))).toEqual([['CR-1'], [], ['CR-2'], ['CR-1'], []]);
    expect(await stores.cancellations.list({ packageId: 'pkg-a', limit: 0 })).toEqual([]);
  });

  it('audit lines appended at once are all kept, numbered without reuse, and queried newest first by actor, target and action', async () => {
    const line = (i: number) => ({ at: `2026-11-25T00:00:${String(i).padStart(2, '0')}.000Z`, action: i % 2 ? ('grantRole' as const) : ('addPerson' as const), actor: { aadObjectId: `actor-${i % 3}`, name: 'A' }, target: { kind: 'person', id: `t${i % 4}`, name: 'T' }, where: { conversationId: 'c', conversationType: 'personal' } });
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => stores.audit.append(line(i))));
    expect(new Set(appended.map((e) => e.seq)).size).toBe(40);
    const byActor = await stores.audit.query({ actor: 'actor-1', limit: 100 });
    expect(byActor.every((e) => e.actor.aadObjectId === 'actor-1')).toBe(true);
    expect(byActor.map((e) => e.seq)).toEqual([...byActor.map((e) => e.seq)].sort((a, b) => b - a));
    const narrowed = await stores.audit.query({ actor: 'actor-1', targetId: 't1', action: 'grantRole', limit: 2 });
    expect(narrowed.length).toBeLessThanOrEqual(2);
    expect(narrowed.every((e) => e.actor.aadObjectId === 'actor-1' && e.target.id === 't1' && e.action === 'grantRole')).toBe(true);
    expect(await stores.audit.query({ limit: 5 })).toHaveLength(5);
  });

  it('a person filter finds what the person did and what was done to them (a seat, a role, an addition), in any case of the id', async () => {
    const where = { conversationId: 'c', conversationType: 'personal' };
    await stores.audit.append({ at: '2026-11-25T00:00:01.000Z', action: 'addPerson', actor: { aadObjectId: 'admin', name: 'A' }, target: { kind: 'person', id: 'Naoki', name: 'N' }, where });
    await stores.audit.append({ at: '2026-11-25T00:00:02.000Z', action: 'assignVisualStudioSeat', actor: { aadObjectId: 'admin', name: 'A' }, target: { kind: 'visualStudio', id: 'vs-ent', name: 'VS' }, where, details: { assignee: 'naoki' } });
    await stores.audit.append({ at: '2026-11-25T00:00:03.000Z', action: 'grantRole', actor: { aadObjectId: 'admin', name: 'A' }, target: { kind: 'person', id: 'misaki', name: 'M' }, where });
    await stores.audit.append({ at: '2026-11-25T00:00:04.000Z', action: 'requestSupport', actor: { aadObjectId: 'NAOKI', name: 'N' }, target: { kind: 'technical', id: 'tb', name: 'TB' }, where });
    const naoki = await stores.audit.query({ person: 'naoki', limit: 10 });
    expect(naoki.map((e) => e.action)).toEqual(['requestSupport', 'assignVisualStudioSeat', 'addPerson']);
    expect((await stores.audit.query({ person: 'misaki', action: 'grantRole', limit: 10 })).map((e) => e.target.id)).toEqual(['misaki']);
    expect(await stores.audit.query({ person: 'nobody', limit: 10 })).toEqual([]);
  });
});
