import { openAppStage, type AppStage } from '../../support/app-stage.js';
import { DEFAULT_REQUEST_OPTIONS } from '../../../src/app/requests/request-notices.js';
import { RequestSweep } from '../../../src/app/requests/request-sweep.js';
import type { NotifyRequest } from '../../../src/app/notifications/outbox.js';
import { createLogger } from '../../../src/observability/logger.js';

const T0 = new Date('2026-12-01T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function sweepOf(stage: AppStage) {
  const keys = new Set<string>();
  const queued: NotifyRequest[] = [];
  // The outbox's once-keys, as the work store keeps them.
  const notifier = { notifyOnce: async (key: string, request: NotifyRequest) => (keys.has(key) ? false : (keys.add(key), queued.push(request), true)) };
  return { queued, sweep: new RequestSweep(stage.inventory, stage.deps.audit, notifier, stage.deps.clock, createLogger('silent'), { ...DEFAULT_REQUEST_OPTIONS, intervalMs: 3_600_000 }) };
}

describe('the request sweep', () => {
  let stage: AppStage;
  beforeEach(async () => {
    stage = await openAppStage(T0);
    // A request kept, and a crash before its approval cards were queued (no queuedAt).
    await stage.change((inv) => {
      inv.requests = [{ id: 'RQ-20261201-0000000A', kind: 'visualStudio', benefitId: 'vs-enterprise', requester: stage.person('naoki.ito').aadObjectId, locale: 'ja-JP', createdAt: T0.toISOString(), state: 'pending' }];
    });
  });
  afterEach(async () => stage.close());

  it('queues what a crash left out, once, to each Global admin (R1.3), and never again', async () => {
    const { queued, sweep } = sweepOf(stage);
    expect((await sweep.sweep()).approvals).toBe(2);
    expect(queued.map((q) => [q.content.kind, q.locale])).toEqual([['requestApproval', 'ja-JP'], ['requestApproval', 'ja-JP']]);
    expect(stage.inventory.current()!.requests![0]!.queuedAt?.ask).toBe(T0.toISOString());
    const bytes = stage.storeBytes();
    expect(await sweep.sweep()).toEqual({ approvals: 0, reminders: 0, expired: 0, outcomes: 0, pruned: 0, digests: 0 });
    expect(stage.storeBytes()).toBe(bytes);
  });

  it('day 14: expires it with its audit line, tells the requester once; pruned 90 days later', async () => {
    const { queued, sweep } = sweepOf(stage);
    stage.setNow(day(14));
    const counts = await sweep.sweep();
    expect(counts).toMatchObject({ expired: 1, outcomes: 1 });
    expect(queued.filter((q) => q.content.kind === 'requestExpired').map((q) => q.recipient)).toEqual([stage.person('naoki.ito').aadObjectId]);
    const [line] = (await stage.trail()).filter((e) => e.action === 'requestExpired');
    expect(line).toMatchObject({ actor: { aadObjectId: 'system' }, target: { kind: 'request', id: 'RQ-20261201-0000000A' } });
    expect(stage.inventory.followUps()).toEqual([]);
    stage.setNow(day(14 + 89));
    expect((await sweep.sweep()).pruned).toBe(0);
    stage.setNow(day(14 + 90));
    expect((await sweep.sweep()).pruned).toBe(1);
    expect(stage.inventory.current()!.requests).toEqual([]);
  });
});
