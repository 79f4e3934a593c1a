import { Writable } from 'node:stream';
import { ActivationProcessor, type ActivationKind } from '../../src/app/activations/activation-processor.js';
import { DEFAULT_OUTBOX_OPTIONS, Outbox } from '../../src/app/notifications/outbox.js';
import { ok } from '../../src/domain/errors.js';
import { createLogger } from '../../src/observability/logger.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import type { WorkStore } from '../../src/ports/work-store.js';
import { MovableClock } from '../support/clock.js';
import { WORK_ENGINES } from '../contract/work-engines.js';

const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
const nowhere: ConversationStore = { remember: async () => undefined, get: () => undefined, personalChatOf: () => undefined, rememberPerson: async () => undefined, personSeen: async () => undefined };
const T0 = new Date('2026-11-25T00:00:00.000Z');
const LEASE = 60_000;

/** A kind whose "inventory" is a set of pending targets: applying a completion twice changes nothing the second time. */
function kind(pending: Set<string>, applied: string[]): ActivationKind<string> {
  return {
    kind: 'technical',
    apply: async (targetId) => {
      applied.push(targetId);
      const changed = pending.delete(targetId);
      return ok({ changed, requestedBy: 'p', notification: { kind: 'k', params: { targetId } } });
    },
    simulate: (job) => job.targetId,
    pendingTargets: () => [],
  };
}

function processor(store: WorkStore, clock: MovableClock, instanceId: string, pending: Set<string>, applied: string[]) {
  const outbox = new Outbox(store, { send: async () => undefined }, nowhere, {}, clock, silent, { ...DEFAULT_OUTBOX_OPTIONS, instanceId });
  const p = new ActivationProcessor(store, outbox, clock, silent, { mode: 'embedded', delayMs: 1_000, pollMs: 60_000, instanceId, leaseMs: LEASE });
  p.register(kind(pending, applied));
  return p;
}

describe.each(WORK_ENGINES)('activation jobs on the $name work store, with several processors', (engine) => {
  it('two processors completing due jobs at once: each job completed and told once', async () => {
    const subject = await engine.open();
    const second = subject.another ? await subject.another() : subject.store; // one instance per folder: two processors in it
    const clock = new MovableClock(T0);
    const targets = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const pending = new Set(targets);
    const applied: string[] = [];
    const [a, b] = [processor(subject.store, clock, 'a', pending, applied), processor(second, clock, 'b', pending, applied)];
    for (const t of targets) await a.request({ kind: 'technical', targetId: t, requestedBy: 'p', locale: 'en-US' });
    clock.set(new Date(T0.getTime() + 1_000));
    const done = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(done.reduce((x, y) => x + y, 0)).toBe(20);
    expect(applied.sort()).toEqual([...targets].sort());
    expect(await subject.store.jobs()).toEqual([]);
    expect((await subject.store.pendingNotifications()).map((n) => n.content.params.targetId).sort()).toEqual([...targets].sort());
    await subject.close();
  });

  it('a job claimed by an instance that died is completed by another once the claim runs out', async () => {
    const subject = await engine.open();
    const clock = new MovableClock(T0);
    const pending = new Set(['t']);
    const applied: string[] = [];
    const alive = processor(subject.store, clock, 'alive', pending, applied);
    await alive.request({ kind: 'technical', targetId: 't', requestedBy: 'p', locale: 'en-US' });
    const due = new Date(T0.getTime() + 1_000);
    expect(await subject.store.claimDueJobs('dead', due, LEASE, 10)).toHaveLength(1); // then it died
    clock.set(due);
    expect(await alive.tick()).toBe(0);
    clock.set(new Date(due.getTime() + LEASE));
    expect(await alive.tick()).toBe(1);
    expect(applied).toEqual(['t']);
    expect(await subject.store.pendingNotifications()).toHaveLength(1);
    await subject.close();
  });
});
