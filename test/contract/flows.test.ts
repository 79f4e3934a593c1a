import { finishFollowUps, changeWithRecords } from '../../src/app/follow-ups.js';
import { submitSupportRequest } from '../../src/app/technical/support-requests.js';
import { auditEntry, type Actor, type AppDeps } from '../../src/app/use-case.js';
import { recordKeyReveal, type KeyReveal } from '../../src/domain/keys-and-cloud.js';
import type { Person } from '../../src/domain/inventory.js';
import { PEOPLE } from '../support/demo.js';
import { FaultyDisk } from './disk.js';
import { DIR, DISK_ENGINES, demoInventory, testSealer, type Engine, type Stores } from './engines.js';

const NOW = new Date('2026-11-25T00:00:00Z');
const PSI = 'tb-product-support-incidents';
const SOFTWARE = 'sw-windows-server-2022';
const actor = (person: Person): Actor => ({ person, where: { conversationId: `a:personal-${person.aadObjectId}`, conversationType: 'personal' }, locale: 'en-US' });

const depsOf = (stores: Stores): AppDeps => ({
  inventory: stores.inventory,
  sealer: testSealer,
  clock: { now: () => NOW },
  audit: stores.audit,
  activations: { request: () => Promise.reject(new Error('not in these flows')) },
  supportRequests: stores.supportRequests,
  cancellations: stores.cancellations,
});

/** The two flows whose change spans stores, each as its port writes, and what must agree after a crash. */
const FLOWS = [
  {
    name: 'a support request (R6.4): the incident used, the request on record, its audit line',
    run: (deps: AppDeps) => submitSupportRequest(deps, actor(PEOPLE.adminAgent), { benefitId: PSI, productKind: 'onPremises', description: 'SQL Server setup fails' }),
    effects: async (stores: Stores) => ({
      used: stores.inventory.current()!.benefits.technical.find((b) => b.id === PSI)!.incidents!.used - 1,
      onRecord: (await stores.supportRequests.list({ benefitId: PSI, limit: 10 })).length,
      audited: (await stores.audit.query({ action: 'requestSupport', targetId: PSI, limit: 10 })).length,
    }),
  },
  {
    // What the keys flow writes before the keys leave the bot (R3.4: the first reveal activates).
    name: 'a first key reveal (R3.4): the benefit activated, the reveal in the audit trail',
    run: (deps: AppDeps) =>
      changeWithRecords<KeyReveal>(
        deps,
        (followUp) => deps.inventory.transact((inventory) => recordKeyReveal(inventory, 'software', SOFTWARE, PEOPLE.globalAdmin, NOW), followUp),
        ({ benefit, activatedNow }) => [{ to: 'audit', entry: auditEntry(actor(PEOPLE.globalAdmin), 'revealSoftwareKeys', { kind: 'software', id: benefit.id, name: benefit.name }, NOW, { keyCount: benefit.keys.length, activated: activatedNow }) }],
      ),
    effects: async (stores: Stores) => ({
      activated: stores.inventory.current()!.benefits.software.find((b) => b.id === SOFTWARE)!.activated ? 1 : 0,
      audited: (await stores.audit.query({ action: 'revealSoftwareKeys', targetId: SOFTWARE, limit: 10 })).filter((e) => e.details?.activated === true).length,
    }),
  },
];

async function runFlow(engine: Engine, flow: (typeof FLOWS)[number], crashAt: number | undefined) {
  const disk = new FaultyDisk();
  const stores = await engine.open(DIR, disk);
  await stores.inventory.replace(demoInventory());
  const start = disk.operations;
  if (crashAt !== undefined) disk.crashAfter(crashAt);
  const acknowledged = await flow.run(depsOf(stores)).then((r) => r.ok, () => false);
  if (crashAt === undefined) await stores.close();
  return { disk, acknowledged, operations: disk.operations - start };
}

/** Every effect the same count (0 or 1), and 1 when the flow had answered ok. */
function expectAgreed(effects: Record<string, number>, acknowledged: boolean, crashAt: number) {
  const counts = new Set(Object.values(effects));
  expect({ crashAt, agreed: counts.size === 1, effects }).toEqual({ crashAt, agreed: true, effects });
  if (acknowledged) expect({ crashAt, effects }).toEqual({ crashAt, effects: Object.fromEntries(Object.keys(effects).map((k) => [k, 1])) });
}

describe.each(DISK_ENGINES)('$name engine: a change that spans stores, cut by a crash between any two writes', (engine) => {
  describe.each(FLOWS)('$name', (flow) => {
    it.each(['process', 'power'] as const)('after a %s crash: at the next start every effect is there or none is, and each once', async (mode) => {
      const clean = await runFlow(engine, flow, undefined);
      expect(clean.acknowledged).toBe(true);
      for (let crashAt = 0; crashAt <= clean.operations; crashAt++) {
        const run = await runFlow(engine, flow, crashAt);
        let disk = run.disk.restart(mode);
        let stores = await engine.open(DIR, disk);
        await finishFollowUps(depsOf(stores));
        expect(stores.inventory.followUps()).toEqual([]);
        const effects = await flow.effects(stores);
        expectAgreed(effects, run.acknowledged, crashAt);
        await stores.close();
        // Finished once: the next start finds nothing to do, and nothing doubled.
        disk = disk.restart('power');
        stores = await engine.open(DIR, disk);
        expect(await finishFollowUps(depsOf(stores))).toBe(0);
        expect(await flow.effects(stores)).toEqual(effects);
        await stores.close();
      }
    });
  });

  it('records that cannot be finished at a start (a full disk) do not stop it, and are finished at the next', async () => {
    const flow = FLOWS[0]!;
    const clean = await runFlow(engine, flow, undefined);
    for (let crashAt = 0; crashAt <= clean.operations; crashAt++) {
      const run = await runFlow(engine, flow, crashAt);
      const full = run.disk.restart('power');
      const stores = await engine.open(DIR, full);
      const pending = stores.inventory.followUps().length;
      if (pending === 0) continue;
      full.fill(0);
      expect(await finishFollowUps(depsOf(stores))).toBe(0);
      expect(stores.inventory.followUps()).toHaveLength(pending);
      const roomy = full.restart('power');
      const after = await engine.open(DIR, roomy);
      expect(await finishFollowUps(depsOf(after))).toBe(1);
      expect(await flow.effects(after)).toEqual({ used: 1, onRecord: 1, audited: 1 });
      await after.close();
      return;
    }
    throw new Error('no crash point left records to finish');
  });

  it('a crash while the records are being finished is finished at the start after', async () => {
    const flow = FLOWS[0]!;
    const clean = await runFlow(engine, flow, undefined);
    let cut = 0;
    for (let first = 0; first <= clean.operations; first++) {
      const run = await runFlow(engine, flow, first);
      const interrupted = run.disk.restart('power');
      const stores = await engine.open(DIR, interrupted);
      if (stores.inventory.followUps().length === 0) continue;
      cut++;
      const start = interrupted.operations;
      await finishFollowUps(depsOf(stores));
      const finishing = interrupted.operations - start;
      for (let second = 0; second <= finishing; second++) {
        const disk = run.disk.restart('power');
        const again = await engine.open(DIR, disk);
        disk.crashAfter(second);
        await finishFollowUps(depsOf(again));
        const after = await engine.open(DIR, disk.restart('power'));
        await finishFollowUps(depsOf(after));
        const effects = await flow.effects(after);
        expect({ first, second, effects }).toEqual({ first, second, effects: { used: 1, onRecord: 1, audited: 1 } });
        await after.close();
      }
    }
    // Some crash points do leave records to finish (else this test would test nothing).
    expect(cut).toBeGreaterThan(0);
  });
});
