import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { LowdbWorkStore } from '../../src/infra/store/lowdb-work-store.js';
import { nodeFileSystem, type FileSystem } from '../../src/infra/store/file-system.js';
import { Outbox, DEFAULT_OUTBOX_OPTIONS } from '../../src/app/notifications/outbox.js';
import { SlidingWindowLimiter, CONVERSATION_LIMITS, TENANT_LIMITS } from '../../src/app/notifications/rate-limiter.js';
import { createLogger } from '../../src/observability/logger.js';
import type { OutboxItem } from '../../src/ports/work-store.js';
import type { ConversationStore, StoredConversation } from '../../src/ports/conversation-store.js';
import type { OutgoingMessage, ProactiveSender } from '../../src/ports/proactive-sender.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'work-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const item = (id: string, recipient = 'r'): OutboxItem => ({ id, recipient, locale: 'en-US', content: { kind: 'k', params: { id } }, createdAt: '2026-11-25T00:00:00.000Z', attempts: 0, nextAttemptAt: '2026-11-25T00:00:00.000Z', state: 'pending' });
const journalLines = (file: string) => readFileSync(`${file}.journal`, 'utf8').split('\n').filter(Boolean).length;

describe('the work store: a snapshot plus a journal (a change costs one fsynced line, whatever the queue holds)', () => {
  it('a change is one journal line; the snapshot is not rewritten; a reopen replays the journal', async () => {
    const file = join(dir, 'work.json');
    const store = await LowdbWorkStore.open(file);
    for (let i = 0; i < 5; i++) await store.enqueue(item(`n${i}`));
    const snapshot = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    await store.delivered('n1');
    await store.reschedule('n2', { attempts: 1, nextAttemptAt: '2026-11-25T00:00:05.000Z', lastError: { status: 429 } });
    await store.fail('n3', { status: 400 });
    expect(journalLines(file)).toBe(8);
    expect(statSync(file, { throwIfNoEntry: false })?.mtimeMs).toBe(snapshot);
    await store.close();

    const reopened = await LowdbWorkStore.open(file);
    expect((await reopened.pendingNotifications()).map((i) => i.id)).toEqual(['n0', 'n4', 'n2']);
    expect((await reopened.pendingNotifications())[2]).toMatchObject({ attempts: 1, lastError: { status: 429 } });
    expect((await reopened.failedNotifications()).map((i) => i.id)).toEqual(['n3']);
    // The reopen folded the journal into the snapshot.
    expect(journalLines(file)).toBe(0);
    await reopened.close();
  });

  it('every `snapshotEvery` changes the snapshot is rewritten and the journal emptied; nothing is lost', async () => {
    const file = join(dir, 'work.json');
    const store = await LowdbWorkStore.open(file, { snapshotEvery: 4 });
    for (let i = 0; i < 10; i++) await store.enqueue(item(`n${i}`));
    await store.close();
    expect(journalLines(file)).toBe(2);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { outbox: unknown[]; journalSeq: number }).journalSeq).toBe(8);
    const reopened = await LowdbWorkStore.open(file);
    expect((await reopened.pendingNotifications())).toHaveLength(10);
    await reopened.close();
  });

  it('a line cut short by a crash (never acknowledged) is dropped on reopen; the acknowledged changes stay', async () => {
    const file = join(dir, 'work.json');
    const store = await LowdbWorkStore.open(file);
    await store.enqueue(item('a'));
    await store.enqueue(item('b'));
    await store.close();
    appendFileSync(`${file}.journal`, '{"seq":3,"o":{"op":"delivered","id":"a"');
    const reopened = await LowdbWorkStore.open(file);
    expect((await reopened.pendingNotifications()).map((i) => i.id)).toEqual(['a', 'b']);
    await reopened.delivered('b');
    await reopened.close();
    const again = await LowdbWorkStore.open(file);
    expect((await again.pendingNotifications()).map((i) => i.id)).toEqual(['a']);
    await again.close();
  });

  it('answers of the once-ever, nonce and job changes survive a reopen (replay is deterministic)', async () => {
    const file = join(dir, 'work.json');
    const store = await LowdbWorkStore.open(file);
    const now = new Date('2026-11-25T00:00:00Z');
    expect(await store.rememberNonce('x', new Date('2026-11-25T00:05:00Z'), now)).toBe(true);
    expect(await store.enqueueOnce('k', item('once'), '2026-12-25T00:00:00.000Z', now)).toBe(true);
    const job = { id: 'j1', kind: 'technical', targetId: 't', requestedBy: 'p', requestedAt: now.toISOString(), locale: 'en-US' };
    expect(await store.addJob(job)).toEqual(job);
    await store.close();
    const reopened = await LowdbWorkStore.open(file);
    expect(await reopened.rememberNonce('x', new Date('2026-11-25T00:05:00Z'), now)).toBe(false);
    expect(await reopened.enqueueOnce('k', item('once'), '2026-12-25T00:00:00.000Z', now)).toBe(false);
    expect((await reopened.job('technical', 't'))).toEqual(job);
    await reopened.close();
  });
});

describe('the work store writes changes that arrive together as one write and one fsync (group commit)', () => {
  /** The real disk, counting writes and fsyncs, and refusing the writes a test asks it to. */
  const counting = () => {
    const counts = { writes: 0, syncs: 0, refuse: 0 };
    const fs: FileSystem = {
      ...nodeFileSystem,
      write: (...args) => (counts.refuse > 0 ? (counts.refuse--, Promise.reject(Object.assign(new Error('ENOSPC (injected)'), { code: 'ENOSPC' }))) : (counts.writes++, nodeFileSystem.write(...args))),
      sync: (fd) => (counts.syncs++, nodeFileSystem.sync(fd)),
    };
    return { fs, counts };
  };

  it('20 follow-ups queued at once: each answered only once its line is on disk, in fewer writes than changes; a reopen has them all', async () => {
    const file = join(dir, 'work.json');
    const { fs, counts } = counting();
    const store = await LowdbWorkStore.open(file, { fs });
    const before = { ...counts };
    const onDisk = await Promise.all(Array.from({ length: 20 }, (_, i) => store.enqueue(item(`n${i}`)).then(() => readFileSync(`${file}.journal`, 'utf8').includes(`"id":"n${i}"`))));
    expect(onDisk.every(Boolean)).toBe(true);
    expect(journalLines(file)).toBe(20);
    expect(counts.syncs - before.syncs).toBeLessThan(20);
    expect(counts.writes - before.writes).toBe(counts.syncs - before.syncs);
    await store.close();
    const reopened = await LowdbWorkStore.open(file);
    expect((await reopened.pendingNotifications()).map((i) => i.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
    await reopened.close();
  });

  it('answers follow the order of the changes (the order replay applies them): of two nonces alike at once, the first is new, the second a replay', async () => {
    const store = await LowdbWorkStore.open(join(dir, 'work.json'));
    const now = new Date('2026-11-25T00:00:00Z');
    const until = new Date('2026-11-25T00:05:00Z');
    expect(await Promise.all([store.rememberNonce('x', until, now), store.rememberNonce('x', until, now), store.rememberNonce('y', until, now)])).toEqual([true, false, true]);
    await store.close();
  });

  it('a write the disk refuses rejects every change in it and applies none; the changes after it are written', async () => {
    const file = join(dir, 'work.json');
    const { fs, counts } = counting();
    const store = await LowdbWorkStore.open(file, { fs });
    await store.enqueue(item('first'));
    counts.refuse = 1;
    const [a, b] = await Promise.allSettled([store.enqueue(item('a')), store.enqueue(item('b'))]);
    expect(a.status).toBe('rejected');
    // Queued while the refused write was on its way: in the same write, or written by the next.
    const refused = [a, b].filter((r) => r.status === 'rejected').length;
    await store.enqueue(item('after'));
    const pending = (await store.pendingNotifications()).map((i) => i.id);
    expect(pending).toEqual(refused === 2 ? ['first', 'after'] : ['first', 'b', 'after']);
    await store.close();
    const reopened = await LowdbWorkStore.open(file);
    expect((await reopened.pendingNotifications()).map((i) => i.id)).toEqual(pending);
    await reopened.close();
  });
});

describe('the outbox holds back what its own throttle refuses without writing anything', () => {
  it('40 notifications for 40 conversations of one tenant at one instant: 30 go (30/s per tenant), 10 wait; only enqueues and deliveries are written', async () => {
    const file = join(dir, 'work.json');
    const store = await LowdbWorkStore.open(file);
    const conversations = new Map<string, StoredConversation>();
    for (let i = 0; i < 40; i++) conversations.set(`p${i}`, { conversationId: `a:${i}`, conversationType: 'personal', tenantId: 't', aadObjectId: `p${i}`, serviceUrl: 'http://x/', reference: {}, updatedAt: '' });
    const conversationStore: ConversationStore = { remember: async () => undefined, get: () => undefined, personalChatOf: (id) => conversations.get(id), rememberPerson: async () => undefined, personSeen: async () => undefined };
    const sent: string[] = [];
    const sender: ProactiveSender = {
      send: async (_c: StoredConversation, messages: OutgoingMessage[]) => {
        sent.push(...messages.map((m) => (m.kind === 'text' ? m.text : '')));
      },
    };
    const clock = { now: () => new Date('2026-11-25T00:00:00Z') };
    const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
    const renderer = { render: (_l: string, p: Record<string, string | number>) => [{ kind: 'text' as const, text: String(p.id) }], summary: () => '' };
    const outbox = new Outbox(store, sender, conversationStore, { k: renderer }, clock, silent, DEFAULT_OUTBOX_OPTIONS);
    for (let i = 0; i < 40; i++) await store.enqueue(item(`n${i}`, `p${i}`));

    expect(await outbox.drain()).toBe(30);
    expect(sent).toHaveLength(30);
    expect((await store.pendingNotifications()).map((i) => i.id)).toEqual(Array.from({ length: 10 }, (_, i) => `n${30 + i}`));
    expect((await store.pendingNotifications()).every((i) => i.attempts === 0)).toBe(true);
    expect(journalLines(file)).toBe(40 + 30);
    await store.close();
  });
});

describe('the limiter counts a send at the time it was answered', () => {
  it('a send reserved at t=0 and answered at t=40 keeps the 31st of the tenant out until t=1,041', () => {
    const l = new SlidingWindowLimiter();
    const keys = (c: string) => [{ key: `conversation:${c}`, windows: CONVERSATION_LIMITS }, { key: 'tenant:t', windows: TENANT_LIMITS }];
    expect(l.reserve(keys('c0'), 0)).toBe(0);
    l.settle(['conversation:c0', 'tenant:t'], 0, 40);
    for (let i = 1; i < 30; i++) expect(l.reserve(keys(`c${i}`), 50)).toBe(0);
    expect(l.waitFor('tenant:t', TENANT_LIMITS, 1_000)).toBe(41);
    expect(l.reserve(keys('c30'), 1_041)).toBe(0);
  });
});
