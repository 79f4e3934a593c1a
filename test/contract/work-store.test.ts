import type { ActivationJob, OutboxItem, WorkStore } from '../../src/ports/work-store.js';
import { WORK_ENGINES, type WorkSubject } from './work-engines.js';

const T0 = new Date('2026-11-25T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const job = (id: string, target = id, dueMs = 0): ActivationJob => ({ id, kind: 'technical', targetId: target, requestedBy: 'p', requestedAt: T0.toISOString(), locale: 'en-US', dueAt: at(dueMs).toISOString() });
const item = (id: string, dueMs = 0, recipient = 'p'): OutboxItem => ({
  id, recipient, locale: 'ja-JP', content: { kind: 'k', params: { id, n: 1 } }, createdAt: T0.toISOString(), attempts: 0, nextAttemptAt: at(dueMs).toISOString(), state: 'pending',
});
const ids = (list: { id: string }[]) => list.map((x) => x.id);
const LEASE = 60_000;

describe.each(WORK_ENGINES)('$name work store: the contract every engine keeps', (engine) => {
  let subject: WorkSubject;
  let store: WorkStore;
  beforeEach(async () => {
    subject = await engine.open();
    store = subject.store;
  });
  afterEach(async () => subject.close());

  describe('jobs', () => {
    it('one job per kind and target, also when twenty ask at once; kept across a restart', async () => {
      const added = await Promise.all(Array.from({ length: 20 }, (_, i) => store.addJob(job(`j${i}`, 'target'))));
      expect(new Set(ids(added)).size).toBe(1);
      store = await subject.reopen();
      expect(ids(await store.jobs())).toEqual([added[0]!.id]);
      expect(await store.job('technical', 'target')).toEqual(added[0]);
      expect(await store.job('technical', 'other')).toBeUndefined();
    });

    it('only due jobs are claimed, the earliest first; a live claim is not given twice; a lapsed one is taken over', async () => {
      await store.addJob(job('late', 'late', 5_000));
      await store.addJob(job('b', 'b', 200));
      await store.addJob(job('a', 'a', 100));
      expect(await store.nextJobDue()).toBe(at(100).toISOString());
      expect(ids(await store.claimDueJobs('one', at(1_000), LEASE, 10))).toEqual(['a', 'b']);
      expect(await store.claimDueJobs('two', at(1_000), LEASE, 10)).toEqual([]);
      expect(ids(await store.claimDueJobs('two', at(1_000 + LEASE), LEASE, 10))).toEqual(['a', 'b', 'late']);
    });

    it('a job completed twice queues its notification once, even after that one was delivered', async () => {
      await store.addJob(job('j'));
      expect(await store.completeJob('j', item('activation:j'))).toBe(true);
      await store.delivered('activation:j');
      expect(await store.completeJob('j', item('activation:j'))).toBe(false);
      expect(await store.pendingNotifications()).toEqual([]);
      expect(await store.jobs()).toEqual([]);
    });

    it('completed at once from two places: one of them ends it and one notification is queued', async () => {
      await store.addJob(job('j'));
      const done = await Promise.all([store.completeJob('j', item('activation:j')), store.completeJob('j', item('activation:j'))]);
      expect(done.filter(Boolean)).toHaveLength(1);
      expect(ids(await store.pendingNotifications())).toEqual(['activation:j']);
    });
  });

  describe('the outbox', () => {
    it('queues once per id; pending the earliest due first; what an item says survives a restart', async () => {
      await store.enqueue(item('b', 200));
      await store.enqueue(item('a', 100));
      await store.enqueue(item('a', 999));
      store = await subject.reopen();
      expect(await store.pendingNotifications()).toEqual([item('a', 100), item('b', 200)]);
    });

    it('claims what is due, not what a live claim holds; a release or a lapse gives it back', async () => {
      for (const [id, due] of [['n1', 0], ['n2', 10], ['n3', 5_000]] as const) await store.enqueue(item(id, due));
      expect(ids(await store.claimNotifications('one', at(100), LEASE, 10))).toEqual(['n1', 'n2']);
      expect(await store.nextNotificationDue(at(100))).toBe(at(5_000).toISOString());
      expect(await store.claimNotifications('two', at(100), LEASE, 10)).toEqual([]);
      await store.releaseNotifications(['n2'], 'two'); // not theirs: nothing
      await store.releaseNotifications(['n2'], 'one');
      expect(ids(await store.claimNotifications('two', at(100), LEASE, 10))).toEqual(['n2']);
      expect(ids(await store.claimNotifications('two', at(99 + LEASE), LEASE, 10))).toEqual(['n3']);
      expect(ids(await store.claimNotifications('two', at(100 + LEASE), LEASE, 10))).toEqual(['n1', 'n2']);
    });

    it('an attempt ends the claim: rescheduled (keeping its last error), failed (kept, bounded), delivered (gone)', async () => {
      for (const id of ['r', 'f', 'd']) await store.enqueue(item(id));
      await store.claimNotifications('one', at(0), LEASE, 10);
      await store.reschedule('r', { attempts: 1, nextAttemptAt: at(1_000).toISOString(), lastError: { status: 429, code: 'Throttled' } });
      await store.reschedule('r', { attempts: 2, nextAttemptAt: at(2_000).toISOString() });
      await store.fail('f', { status: 400 });
      await store.delivered('d');
      expect(await store.pendingNotifications()).toEqual([{ ...item('r'), attempts: 2, nextAttemptAt: at(2_000).toISOString(), lastError: { status: 429, code: 'Throttled' } }]);
      expect(await store.failedNotifications()).toEqual([{ ...item('f'), state: 'failed', lastError: { status: 400 } }]);
      expect(ids(await store.claimNotifications('two', at(2_000), LEASE, 10))).toEqual(['r']);
    });

    it('undeliverable: the item goes, the conversation is marked (not for NoConversation), the recipient keeps a notice', async () => {
      await store.enqueue(item('x', 0, 'kenta'));
      await store.enqueue(item('y', 0, 'kenta'));
      await store.undeliverable('x', 'BotNotInConversationRoster', 'a:chat');
      await store.undeliverable('y', 'NoConversation', 'a:other');
      await store.undeliverable('gone', 'NoConversation');
      expect(await store.pendingNotifications()).toEqual([]);
      expect(await store.unreachable('a:chat')).toMatchObject({ reason: 'BotNotInConversationRoster' });
      expect(await store.unreachable('a:other')).toBeUndefined();
      const notices = await store.notices('kenta');
      expect(notices.map((n) => [n.id, n.reason, n.content])).toEqual([['x', 'BotNotInConversationRoster', item('x').content], ['y', 'NoConversation', item('y').content]]);
      expect(await store.notices('someone else')).toEqual([]);
      store = await subject.reopen();
      expect(await store.clearNotices(['x', 'unknown'])).toEqual(['x']);
      expect(await store.clearNotices(['x'])).toEqual([]);
      await store.markReachable('a:chat');
      expect(ids(await store.notices('kenta'))).toEqual(['y']);
      expect(await store.unreachable('a:chat')).toBeUndefined();
    });

    it('a turn that arrives marks its conversation reachable and answers its person\'s notices', async () => {
      await store.enqueue(item('x', 0, 'kenta'));
      await store.undeliverable('x', 'BotNotInConversationRoster', 'a:chat');
      expect(await store.unreachable('a:chat')).toBeDefined();
      const cases: [string | undefined, string | undefined, string[]][] = [
        [undefined, 'someone else', []],
        [undefined, undefined, []],
        ['a:chat', 'kenta', ['x']],
      ];
      for (const [conversation, person, expected] of cases) expect(ids(await store.arrived(conversation, person))).toEqual(expected);
      expect(await store.unreachable('a:chat')).toBeUndefined();
    });

    it('turns arriving at once each get their own person\'s notices, and each conversation is reachable again', async () => {
      for (const [id, person, conversation] of [['k1', 'kenta', 'a:kenta'], ['k2', 'kenta', 'a:kenta'], ['m1', 'mika', 'a:mika']] as const) {
        await store.enqueue(item(id, 0, person));
        await store.undeliverable(id, 'BotNotInConversationRoster', conversation);
      }
      const turns: [string, string][] = [['a:kenta', 'kenta'], ['a:mika', 'mika'], ['a:other', 'someone else'], ['a:kenta', 'kenta'], ['a:group', 'mika']];
      const answered = await Promise.all(turns.map(([conversation, person]) => store.arrived(conversation, person)));
      expect(answered.map(ids)).toEqual([['k1', 'k2'], ['m1'], [], ['k1', 'k2'], ['m1']]);
      expect(await store.unreachable('a:kenta')).toBeUndefined();
      expect(await store.unreachable('a:mika')).toBeUndefined();
    });

    it('a notice cleared by two turns at once is cleared by one of them', async () => {
      await store.enqueue(item('x'));
      await store.undeliverable('x', 'NoConversation');
      const cleared = await Promise.all(Array.from({ length: 5 }, () => store.clearNotices(['x'])));
      expect(cleared.flat()).toEqual(['x']);
    });

    it('a person keeps their 20 newest notices', async () => {
      for (let i = 0; i < 25; i++) {
        await store.enqueue(item(`n${i}`));
        await store.undeliverable(`n${i}`, 'NoConversation');
      }
      expect(ids(await store.notices('p'))).toEqual(Array.from({ length: 20 }, (_, i) => `n${i + 5}`));
    });
  });

  describe('nonces and once-keys, exact under concurrency', () => {
    it('a nonce: twenty at once, one is fresh; a replay before it expires is refused, after it is taken', async () => {
      const fresh = await Promise.all(Array.from({ length: 20 }, () => store.rememberNonce('n', at(1_000), at(0))));
      expect(fresh.filter(Boolean)).toHaveLength(1);
      store = await subject.reopen();
      expect(await store.rememberNonce('n', at(2_000), at(999))).toBe(false);
      expect(await store.rememberNonce('n', at(3_000), at(1_000))).toBe(true);
    });

    it('enqueueOnce: twenty at once queue one; the key is forgotten after its date', async () => {
      const queued = await Promise.all(Array.from({ length: 20 }, () => store.enqueueOnce('reminder', item('r1'), at(10_000).toISOString(), at(0))));
      expect(queued.filter(Boolean)).toHaveLength(1);
      await store.delivered('r1');
      expect(await store.enqueueOnce('reminder', item('r1'), at(10_000).toISOString(), at(5_000))).toBe(false);
      expect(await store.pendingNotifications()).toEqual([]);
      expect(await store.enqueueOnce('reminder', item('r2'), at(20_000).toISOString(), at(10_001))).toBe(true);
      expect(ids(await store.pendingNotifications())).toEqual(['r2']);
    });
  });

  describe('several instances on one store', () => {
    const shared = () => {
      if (!subject.another) return undefined;
      return subject.another();
    };

    it('two instances claiming at once never get the same item, and between them get every one', async () => {
      const second = await shared();
      const other = second ?? store;
      for (let i = 0; i < 60; i++) await store.enqueue(item(`n${String(i).padStart(2, '0')}`));
      const rounds = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).claimNotifications(`owner-${i}`, at(0), LEASE, 7)));
      const claimed = rounds.flatMap(ids);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(ids(await store.pendingNotifications()).sort());
    });

    it('one sender at a time; when it stops, another takes its role over', async () => {
      const second = await shared();
      expect(await store.holdSenderRole('one')).toBe(true);
      expect(await store.holdSenderRole('one')).toBe(true);
      if (!second) return; // one instance per folder: it is always the sender
      expect(await second.holdSenderRole('two')).toBe(false);
      await (store as WorkStore & { close(): Promise<void> }).close();
      expect(await second.holdSenderRole('two')).toBe(true);
    });

    it('work queued by one instance wakes the others', async () => {
      const second = await shared();
      if (!second) return; // nobody else to wake
      let woken = 0;
      second.onWork(() => void woken++);
      await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN is in place
      await store.enqueue(item('n1'));
      await store.addJob(job('j1'));
      const deadline = Date.now() + 5_000;
      while (woken < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(woken).toBe(2);
    });
  });
});
