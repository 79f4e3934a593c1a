import { randomBytes } from 'node:crypto';
import type { Inventory, Person, TechnicalKind } from '../../src/domain/inventory.js';
import {
  completeTechnicalActivation,
  fileSupportRequest,
  PRODUCT_KINDS,
  requestTechnicalActivation,
  type ProductKind,
} from '../../src/domain/technical.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const now = new Date('2026-11-25T00:00:00Z');
const fresh = (): Inventory => sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const personOf = (inv: Inventory, p: { aadObjectId: string }): Person => inv.people.find((x) => x.aadObjectId === p.aadObjectId)!;
const benefitOfKind = (inv: Inventory, kind: TechnicalKind) => inv.benefits.technical.find((b) => b.kind === kind)!;
const activate = (inv: Inventory, kind: TechnicalKind) => {
  const b = benefitOfKind(inv, kind);
  b.activation = { state: 'active', requested: { by: PEOPLE.globalAdmin.aadObjectId, at: '2026-11-01T00:00:00Z' }, completedAt: '2026-11-03T00:00:00Z', accessId: 'ACC-1', contractId: 'CTR-1' };
  return b;
};

describe('R6.2 / R2.2: Activate a technical benefit', () => {
  it.each([
    ['not activated, Partner Center membership', false, undefined, 'ok'],
    ['not activated, membership still in PMC (R2.2)', true, undefined, 'managedInPmc'],
    ['already pending', false, 'pending', 'activationPending'],
    ['already active', false, 'active', 'alreadyActive'],
  ] as const)('%s → %s', (_case, pmc, state, expected) => {
    const inv = fresh();
    inv.organization.managedInPmc = pmc;
    const b = benefitOfKind(inv, 'signatureProductSupport');
    if (state) b.activation = { state, requested: { by: PEOPLE.mpnPartnerAdmin.aadObjectId, at: '2026-11-20T00:00:00Z' }, ...(state === 'active' ? { accessId: 'A', contractId: 'C' } : {}) };
    const before = JSON.stringify(inv);
    const result = requestTechnicalActivation(inv, b.id, personOf(inv, PEOPLE.globalAdmin), now);
    if (expected === 'ok') {
      expect(result.ok).toBe(true);
      expect(b.activation).toEqual({ state: 'pending', requested: { by: PEOPLE.globalAdmin.aadObjectId, at: now.toISOString() } });
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: expected } });
      expect(JSON.stringify(inv)).toBe(before);
    }
  });

  it('an unknown benefit id is notFound and changes nothing', () => {
    const inv = fresh();
    const before = JSON.stringify(inv);
    expect(requestTechnicalActivation(inv, 'no-such', personOf(inv, PEOPLE.globalAdmin), now)).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect(JSON.stringify(inv)).toBe(before);
  });
});

describe('R6.3: completion brings the Access ID and Contract ID, once', () => {
  it('pending → active with the IDs; the same IDs again change nothing; other IDs are a conflict', () => {
    const inv = fresh();
    const b = benefitOfKind(inv, 'signatureProductSupport');
    requestTechnicalActivation(inv, b.id, personOf(inv, PEOPLE.mpnPartnerAdmin), now);
    const first = completeTechnicalActivation(inv, b.id, { accessId: 'ACC-9', contractId: 'CTR-9' }, now);
    expect(first).toMatchObject({ ok: true, value: { changed: true, requestedBy: PEOPLE.mpnPartnerAdmin.aadObjectId } });
    expect(b.activation).toMatchObject({ state: 'active', accessId: 'ACC-9', contractId: 'CTR-9', completedAt: now.toISOString() });
    expect(completeTechnicalActivation(inv, b.id, { accessId: 'ACC-9', contractId: 'CTR-9' }, now)).toMatchObject({ ok: true, value: { changed: false } });
    const before = JSON.stringify(inv);
    expect(completeTechnicalActivation(inv, b.id, { accessId: 'ACC-X', contractId: 'CTR-9' }, now)).toMatchObject({ ok: false, error: { code: 'activationConflict' } });
    expect(JSON.stringify(inv)).toBe(before);
  });

  it('a benefit nobody asked to activate cannot be completed', () => {
    const inv = fresh();
    const b = benefitOfKind(inv, 'presalesDeployment');
    expect(completeTechnicalActivation(inv, b.id, { accessId: 'A', contractId: 'C' }, now)).toMatchObject({ ok: false, error: { code: 'notActivated' } });
    expect(b.activation).toBeUndefined();
  });
});

describe('R6.4 / R6.5: support requests', () => {
  // benefit kind × product kind → accepted (and whether the IDs travel with it, R6.5) or the refusal.
  const TABLE: [TechnicalKind, ProductKind | undefined, string][] = [
    ['signatureProductSupport', 'cloud', 'ok, no IDs'],
    ['signatureProductSupport', 'azureNonCsp', 'ok, with IDs'],
    ['signatureProductSupport', 'dynamics', 'ok, with IDs'],
    ['signatureProductSupport', 'onPremises', 'productKindNotCovered'],
    ['signatureProductSupport', undefined, 'productKindMissing'],
    ['productSupportIncidents', 'onPremises', 'ok, with IDs'],
    ['productSupportIncidents', 'dynamics', 'ok, with IDs'],
    ['productSupportIncidents', 'cloud', 'productKindNotCovered'],
    ['productSupportIncidents', 'azureNonCsp', 'productKindNotCovered'],
    ['presalesDeployment', undefined, 'ok, no IDs'],
  ];
  it('the table covers every product kind', () => {
    expect(new Set(TABLE.flatMap(([, p]) => (p ? [p] : [])))).toEqual(new Set(PRODUCT_KINDS));
  });

  it.each(TABLE)('%s about %s → %s', (kind, productKind, expected) => {
    const inv = fresh();
    const b = activate(inv, kind);
    const usedBefore = b.incidents?.used;
    const before = JSON.stringify(inv);
    const result = fileSupportRequest(inv, { benefitId: b.id, description: 'It fails with 0x80070005', ...(productKind ? { productKind } : {}) }, personOf(inv, PEOPLE.adminAgent), now, 'SR-1');
    if (expected.startsWith('ok')) {
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toMatchObject({ id: 'SR-1', benefitId: b.id, supportKind: kind === 'presalesDeployment' ? 'presalesDeployment' : 'breakFix', requester: { aadObjectId: PEOPLE.adminAgent.aadObjectId } });
      if (expected === 'ok, with IDs') expect(result.value).toMatchObject({ accessId: 'ACC-1', contractId: 'CTR-1' });
      else expect(result.value.accessId).toBeUndefined();
      // a break-fix request uses one incident
      if (usedBefore !== undefined) expect(b.incidents!.used).toBe(usedBefore + 1);
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: expected } });
      expect(JSON.stringify(inv)).toBe(before);
    }
  });

  it.each([
    ['not activated', undefined, 'notActivated'],
    ['pending', 'pending', 'notActivated'],
  ] as const)('refused while %s', (_case, state, code) => {
    const inv = fresh();
    const b = benefitOfKind(inv, 'signatureProductSupport');
    if (state) b.activation = { state, requested: { by: PEOPLE.globalAdmin.aadObjectId, at: '2026-11-20T00:00:00Z' } };
    const before = JSON.stringify(inv);
    expect(fileSupportRequest(inv, { benefitId: b.id, productKind: 'cloud', description: 'x' }, personOf(inv, PEOPLE.globalAdmin), now, 'SR-1')).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(inv)).toBe(before);
  });

  it('refused with no incident left, or no description', () => {
    const inv = fresh();
    const b = activate(inv, 'productSupportIncidents');
    const p = personOf(inv, PEOPLE.globalAdmin);
    expect(fileSupportRequest(inv, { benefitId: b.id, productKind: 'onPremises', description: '   ' }, p, now, 'SR-1')).toMatchObject({ ok: false, error: { code: 'descriptionMissing' } });
    b.incidents = { total: 5, used: 5 };
    expect(fileSupportRequest(inv, { benefitId: b.id, productKind: 'onPremises', description: 'x' }, p, now, 'SR-1')).toMatchObject({ ok: false, error: { code: 'noIncidentsLeft' } });
    expect(b.incidents.used).toBe(5);
  });
});
