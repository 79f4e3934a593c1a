import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlAuditTrail } from '../../src/infra/store/jsonl-audit-trail.js';

describe('the audit trail writes concurrent appends together (group commit), each acknowledged once on disk', () => {
  it('20 appends at once: numbered 1..20 in the order made, every one in the file when its promise resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-group-'));
    const file = join(dir, 'audit.jsonl');
    const trail = JsonlAuditTrail.open(file);
    const entry = (i: number) => ({ at: '2026-11-25T00:00:00.000Z', action: 'revealSoftwareKeys' as const, actor: { aadObjectId: `p${i}`, name: `P${i}` }, target: { kind: 'software' as const, id: 'sw', name: 'SW' }, where: { conversationId: 'a:c', conversationType: 'personal' as const } });
    const acknowledged = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        trail.append(entry(i)).then((e) => ({ seq: e.seq, actor: e.actor.aadObjectId, onDisk: readFileSync(file, 'utf8').includes(`"seq":${e.seq},`) })),
      ),
    );
    expect(acknowledged.map((a) => a.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(acknowledged.map((a) => a.actor)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`));
    expect(acknowledged.every((a) => a.onDisk)).toBe(true);
    expect((await trail.query({ limit: 1 }))[0]).toMatchObject({ seq: 20, actor: { aadObjectId: 'p19' } });
    trail.close();
    const reopened = JsonlAuditTrail.open(file);
    expect((await reopened.append(entry(99))).seq).toBe(21);
    reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
