import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlAuditTrail } from '../../src/infra/store/jsonl-audit-trail.js';
import type { NewAuditEntry } from '../../src/ports/audit-trail.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'audit-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (i: number, actor = 'a', targetId = `t${i % 3}`): NewAuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
  action: 'revealSoftwareKeys',
  actor: { aadObjectId: actor, name: `Person ${actor}` },
  target: { kind: 'software', id: targetId, name: `Product ${targetId}` },
  where: { conversationId: 'c', conversationType: 'personal' },
});

describe('the audit trail (append-only JSON lines)', () => {
  it('numbers entries, keeps them across a reopen, and answers newest first with filters', async () => {
    const file = join(dir, 'audit.jsonl');
    const trail = JsonlAuditTrail.open(file);
    for (let i = 1; i <= 2000; i++) await trail.append(entry(i, i % 2 ? 'odd' : 'even'));
    trail.close();
    const again = JsonlAuditTrail.open(file);
    const next = await again.append(entry(2001));
    expect(next.seq).toBe(2001);
    expect((await again.query({ limit: 3 })).map((e) => e.seq)).toEqual([2001, 2000, 1999]);
    expect((await again.query({ actor: 'even', limit: 2 })).map((e) => e.seq)).toEqual([2000, 1998]);
    expect((await again.query({ targetId: 't0', actor: 'odd', limit: 2 })).map((e) => e.seq)).toEqual([1995, 1989]);
    expect(await again.query({ actor: 'nobody', limit: 5 })).toEqual([]);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2001);
    again.close();
  });

  it('skips a line cut short by a crash and goes on appending after it', async () => {
    const file = join(dir, 'audit.jsonl');
    const trail = JsonlAuditTrail.open(file);
    await trail.append(entry(1));
    await trail.append(entry(2));
    trail.close();
    appendFileSync(file, '{"seq":3,"at":"2026-11-0');
    const reopened = JsonlAuditTrail.open(file);
    const next = await reopened.append(entry(4));
    expect(next.seq).toBe(3);
    expect((await reopened.query({ limit: 10 })).map((e) => e.seq)).toEqual([3, 2, 1]);
    reopened.close();
  });

  // The scan the bot's start makes on another thread (journal-check.ts) stands for the file at the size it read.
  it.each([
    ['the size it scanned: its last entry is where numbering goes on', 0, 42],
    ['another size (the file changed since): scanned again, numbering from the file', 1, 3],
  ])('a scan handed over for %s', async (_case, sizeOff, nextSeq) => {
    const file = join(dir, 'audit.jsonl');
    const trail = JsonlAuditTrail.open(file);
    await trail.append(entry(1));
    await trail.append(entry(2));
    trail.close();
    const size = statSync(file).size;
    const scanned = { size: size + sizeOff, goodLength: size, last: { seq: 41, ...entry(41) } };
    const reopened = JsonlAuditTrail.open(file, { scanned });
    expect((await reopened.append(entry(3))).seq).toBe(nextSeq);
    reopened.close();
  });
});
