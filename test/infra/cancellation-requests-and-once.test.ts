import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlCancellationRequestLog } from '../../src/infra/store/jsonl-cancellation-requests.js';
import { LowdbWorkStore } from '../../src/infra/store/lowdb-work-store.js';
import type { CancellationRequest } from '../../src/domain/cancellation.js';
import type { OutboxItem } from '../../src/ports/work-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cancellations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = (id: string, packageId: string): CancellationRequest => ({
  id, at: '2026-11-25T00:00:00Z', packageId, program: 'actionPack', purchasedOn: '2026-11-10', refundLastDay: '2026-12-10',
  requester: { aadObjectId: 'a', name: 'A' }, reason: '', status: 'submitted',
});

describe('cancellation service requests (R8.2), as JSON lines', () => {
  it('one per package, kept across a reopen, a line cut short by a crash skipped', async () => {
    const file = join(dir, 'cancellation-requests.jsonl');
    let log = JsonlCancellationRequestLog.open(file);
    expect(await log.fileOnce(request('CR-1', 'p1'))).toMatchObject({ created: true });
    appendFileSync(file, '{"id":"CR-cut","packageId":"p2","at":');
    log.close();
    log = JsonlCancellationRequestLog.open(file);
    expect(await log.fileOnce(request('CR-2', 'p1'))).toMatchObject({ created: false, existing: { id: 'CR-1' } });
    expect(await log.fileOnce(request('CR-3', 'p2'))).toMatchObject({ created: true });
    expect((await log.list({ limit: 10 })).map((r) => r.id)).toEqual(['CR-3', 'CR-1']);
    expect((await log.list({ packageId: 'p2', limit: 10 })).map((r) => r.id)).toEqual(['CR-3']);
    log.close();
  });
});

describe('the work store queues a notification once ever (expiry reminders)', () => {
  const item = (id: string): OutboxItem => ({ id, recipient: 'r', locale: 'en-US', content: { kind: 'k', params: {} }, createdAt: '', attempts: 0, nextAttemptAt: '', state: 'pending' });

  it('queued and recorded in one write; not again after delivery or a reopen; forgotten after its date', async () => {
    const file = join(dir, 'work.json');
    let store = await LowdbWorkStore.open(file);
    const now = new Date('2027-10-29T00:00:00Z');
    expect(await store.enqueueOnce('key', item('n1'), '2027-12-28T00:00:00.000Z', now)).toBe(true);
    await store.delivered('n1');
    expect(await store.enqueueOnce('key', item('n1'), '2027-12-28T00:00:00.000Z', now)).toBe(false);
    store = await LowdbWorkStore.open(file);
    expect(await store.enqueueOnce('key', item('n1'), '2027-12-28T00:00:00.000Z', now)).toBe(false);
    expect((await store.pendingNotifications())).toEqual([]);
    expect(await store.enqueueOnce('key', item('n1'), '2028-01-01T00:00:00.000Z', new Date('2027-12-29T00:00:00Z'))).toBe(true);
  });
});
