import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateAudit, generateInventory, personId } from '../../bench/generate.js';
import { importInventory } from '../../src/app/inventory-file.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import { JsonlAuditTrail } from '../../src/infra/store/jsonl-audit-trail.js';

/** Smoke test of the benchmark's generator (bench/generate.ts): what it makes, the bot can import and read. */
describe('the bench generator', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes an inventory that imports (schema and semantic checks), with the people and benefits asked for', async () => {
    const repo = await LowdbInventoryRepository.open(join(dir, 'inventory.json'));
    const imported = await importInventory(JSON.stringify(generateInventory(60, 25)), repo, new AesGcmKeySealer(randomBytes(32)));
    expect(imported).toMatchObject({ ok: true });
    const inventory = repo.current()!;
    expect(inventory.people).toHaveLength(60);
    expect(Object.values(inventory.benefits).reduce((n, list) => n + list.length, 0)).toBe(25);
    expect(inventory.people[0]).toMatchObject({ aadObjectId: personId(0), roles: ['globalAdmin', 'mpnPartnerAdmin'] });
    expect(inventory.benefits.visualStudio.every((s) => s.seats === 1000 && s.assignments.length === 0)).toBe(true);
    await repo.close();
  });

  it('writes an audit trail the bot reads, newest first', async () => {
    const file = join(dir, 'audit.jsonl');
    generateAudit(file, 25_000, 60);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(25_000);
    const trail = JsonlAuditTrail.open(file);
    const [newest] = await trail.query({ limit: 1 });
    expect(newest).toMatchObject({ seq: 25_000, action: 'assignVisualStudioSeat' });
    trail.close();
  });
});
