import { Writable } from 'node:stream';
import { DEFAULT_OUTBOX_OPTIONS, Outbox } from '../../src/app/notifications/outbox.js';
import { CONVERSATION_LIMITS, TENANT_LIMITS } from '../../src/app/notifications/rate-limiter.js';
import { createLogger } from '../../src/observability/logger.js';
import { systemClock } from '../../src/ports/clock.js';
import type { ConversationStore, StoredConversation } from '../../src/ports/conversation-store.js';
import type { OutgoingMessage, ProactiveSender } from '../../src/ports/proactive-sender.js';
import type { OutboxItem, WorkStore } from '../../src/ports/work-store.js';
import { WORK_ENGINES } from '../contract/work-engines.js';

const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
const renderer = { render: (_l: string, p: Record<string, string | number>) => [{ kind: 'text' as const, text: String(p.id) }], summary: () => '' };
const item = (id: string, recipient: string): OutboxItem => ({ id, recipient, locale: 'en-US', content: { kind: 'k', params: { id } }, createdAt: new Date().toISOString(), attempts: 0, nextAttemptAt: new Date().toISOString(), state: 'pending' });

/** One personal chat per person p0…pN-1, all in one tenant. */
function conversations(n: number): ConversationStore {
  const byPerson = new Map<string, StoredConversation>();
  for (let i = 0; i < n; i++) byPerson.set(`p${i}`, { conversationId: `a:${i}`, conversationType: 'personal', tenantId: 't', aadObjectId: `p${i}`, serviceUrl: 'http://x/', reference: {}, updatedAt: '' });
  return { remember: async () => undefined, get: () => undefined, personalChatOf: (id) => byPerson.get(id), rememberPerson: async () => undefined, personSeen: async () => undefined };
}

/** A connector stand-in: what arrived (text, conversation, when), and a conversation that never answers. */
function connector(hangOn?: string) {
  const arrived: { text: string; conversationId: string; at: number }[] = [];
  let unhang: () => void = () => undefined;
  const hung = new Promise<void>((resolve) => (unhang = resolve));
  const sender: ProactiveSender = {
    send: async (c: StoredConversation, messages: OutgoingMessage[]) => {
      if (c.conversationId === hangOn) await hung;
      await new Promise((resolve) => setTimeout(resolve, 5)); // a request takes a little while
      for (const m of messages) arrived.push({ text: m.kind === 'text' ? m.text : '', conversationId: c.conversationId, at: Date.now() });
    },
  };
  return { sender, arrived, unhang };
}

const until = async (condition: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

/** The most sends seen in any window of `ms`, over the times given. */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe.each(WORK_ENGINES)('the outbox on the $name work store', (engine) => {
  it('a conversation whose connector never answers holds only itself: every other notification goes meanwhile', async () => {
    const subject = await engine.open();
    const { sender, arrived, unhang } = connector('a:0');
    const outbox = new Outbox(subject.store, sender, conversations(20), { k: renderer }, systemClock, silent, { ...DEFAULT_OUTBOX_OPTIONS, instanceId: 'one' });
    for (let i = 0; i < 40; i++) await subject.store.enqueue(item(`n${i}`, `p${i % 20}`));
    outbox.start();
    await until(() => arrived.length >= 38);
    expect(arrived.map((a) => a.conversationId)).not.toContain('a:0');
    expect(arrived).toHaveLength(38);
    unhang();
    await until(() => arrived.length >= 40);
    await outbox.stop();
    expect(new Set(arrived.map((a) => a.text)).size).toBe(40);
    await subject.close();
  });
});

describe('two instances on one PostgreSQL work store', () => {
  const engine = WORK_ENGINES.find((e) => e.name === 'postgres')!;

  it("deliver each notification once between them, within Teams' limits for the tenant and each conversation", async () => {
    const subject = await engine.open();
    const second = await subject.another!();
    const { sender, arrived } = connector();
    const people = conversations(10);
    const outboxes = [subject.store, second].map((store: WorkStore, i) => new Outbox(store, sender, people, { k: renderer }, systemClock, silent, { ...DEFAULT_OUTBOX_OPTIONS, instanceId: `instance-${i}`, pollMs: 200 }));
    outboxes.forEach((o) => o.start());
    // Queued through both, as turns on either instance would queue them.
    const count = 75;
    for (let i = 0; i < count; i++) await outboxes[i % 2]!.notify({ id: `n${i}`, recipient: `p${i % 10}`, locale: 'en-US', content: { kind: 'k', params: { id: `n${i}` } } });
    await until(() => arrived.length >= count, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more arrives
    await Promise.all(outboxes.map((o) => o.stop()));
    expect(arrived).toHaveLength(count);
    expect(new Set(arrived.map((a) => a.text)).size).toBe(count);
    for (const w of TENANT_LIMITS) expect(busiest(arrived.map((a) => a.at), w.ms)).toBeLessThanOrEqual(w.limit);
    for (let c = 0; c < 10; c++) {
      const times = arrived.filter((a) => a.conversationId === `a:${c}`).map((a) => a.at);
      for (const w of CONVERSATION_LIMITS) expect(busiest(times, w.ms)).toBeLessThanOrEqual(w.limit);
    }
    expect(await subject.store.pendingNotifications()).toEqual([]);
    await subject.close();
  });

  it('when the sender stops, the other instance takes its role over and delivers', async () => {
    const subject = await engine.open();
    const second = await subject.another!();
    const { sender, arrived } = connector();
    const people = conversations(2);
    const options = { ...DEFAULT_OUTBOX_OPTIONS, pollMs: 200, takeoverMs: 100 };
    const first = new Outbox(subject.store, sender, people, { k: renderer }, systemClock, silent, { ...options, instanceId: 'first' });
    const other = new Outbox(second, sender, people, { k: renderer }, systemClock, silent, { ...options, instanceId: 'other' });
    first.start();
    await first.notify({ id: 'n1', recipient: 'p0', locale: 'en-US', content: { kind: 'k', params: { id: 'n1' } } });
    await until(() => arrived.length >= 1);
    other.start();
    await first.stop();
    await (subject.store as WorkStore & { close(): Promise<void> }).close(); // its connections end: the lock is free
    await second.enqueue(item('n2', 'p1'));
    await until(() => arrived.length >= 2);
    await other.stop();
    expect(arrived.map((a) => a.text)).toEqual(['n1', 'n2']);
    await subject.close();
  });
});
