import { randomBytes } from 'node:crypto';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { assignCloudSubscriptionToSelf, recordKeyReveal } from '../../src/domain/keys-and-cloud.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const sealer = new AesGcmKeySealer(randomBytes(32));
const fresh = (): Inventory => sealInventory(demoInventoryFile(), sealer);
const person = (p: { aadObjectId: string }, inv: Inventory) => inv.people.find((x) => x.aadObjectId === p.aadObjectId)!;
const T1 = new Date('2026-11-20T00:00:00Z');
const T2 = new Date('2026-11-21T00:00:00Z');

describe('revealing keys activates the benefit, the first time only (R3.4, R4.3)', () => {
  it.each([
    ['software', 'sw-windows-server-2022'],
    ['cloud', 'cl-m365-e5'],
  ] as const)('%s %s: first reveal stamps who and when; a later one keeps it', (group, id) => {
    const inv = fresh();
    const first = recordKeyReveal(inv, group, id, person(PEOPLE.mpnPartnerAdmin, inv), T1);
    expect(first).toMatchObject({ ok: true, value: { activatedNow: true } });
    const again = recordKeyReveal(inv, group, id, person(PEOPLE.globalAdmin, inv), T2);
    expect(again).toMatchObject({ ok: true, value: { activatedNow: false } });
    const list: { id: string; activated?: unknown }[] = inv.benefits[group];
    expect(list.find((b) => b.id === id)!.activated).toEqual({ by: PEOPLE.mpnPartnerAdmin.aadObjectId, at: T1.toISOString() });
  });

  it('keeps an activation imported with the inventory', () => {
    const inv = fresh();
    const r = recordKeyReveal(inv, 'software', 'sw-office-ltsc-2021', person(PEOPLE.mpnPartnerAdmin, inv), T1);
    expect(r).toMatchObject({ ok: true, value: { activatedNow: false, benefit: { activated: { at: '2026-04-03T01:12:00Z' } } } });
  });

  it.each([
    ['an unknown id', 'software', 'nope', 'notFound'],
    ['a cloud id in software', 'software', 'cl-m365-e5', 'notFound'],
    ['a usage-based subscription (no keys, R4.2)', 'cloud', 'cl-azure-credits', 'invalidPayload'],
  ] as const)('%s: an error, and nothing changed', (_name, group, id, code) => {
    const inv = fresh();
    const before = JSON.stringify(inv);
    expect(recordKeyReveal(inv, group, id, person(PEOPLE.globalAdmin, inv), T1)).toEqual({ ok: false, error: { code } });
    expect(JSON.stringify(inv)).toBe(before);
  });
});

describe('a Global admin assigns themself to a usage-based subscription (R4.2)', () => {
  it('assigns and activates once; a second assignment (by anyone) changes nothing', () => {
    const inv = fresh();
    const first = assignCloudSubscriptionToSelf(inv, 'cl-azure-credits', person(PEOPLE.globalAdmin, inv), T1);
    expect(first).toMatchObject({ ok: true, value: { assignedNow: true } });
    const stamp = { by: PEOPLE.globalAdmin.aadObjectId, at: T1.toISOString() };
    const before = JSON.stringify(inv);
    const second = assignCloudSubscriptionToSelf(inv, 'cl-azure-credits', person(PEOPLE.globalAndMpnAdmin, inv), T2);
    expect(second).toMatchObject({ ok: true, value: { assignedNow: false, benefit: { assignedTo: stamp, activated: stamp } } });
    expect(JSON.stringify(inv)).toBe(before);
  });

  it.each([
    ['an unknown id', 'nope', 'notFound'],
    ['a license-based subscription (R4.3)', 'cl-m365-e5', 'invalidPayload'],
  ])('%s: an error, and nothing changed', (_name, id, code) => {
    const inv = fresh();
    const before = JSON.stringify(inv);
    expect(assignCloudSubscriptionToSelf(inv, id, person(PEOPLE.globalAdmin, inv), T1)).toEqual({ ok: false, error: { code } });
    expect(JSON.stringify(inv)).toBe(before);
  });
});
