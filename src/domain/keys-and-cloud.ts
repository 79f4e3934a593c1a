import { STARTED_FROM, type CloudBenefit, type Inventory, type Person, type SealedSecret, type SoftwareBenefit, type Stamp } from './inventory.js';
import { fail, ok, type Result } from './errors.js';
import { findPackage, refundEligibility, type RefundEligibility } from './cancellation.js';
import { findBenefit, readBenefit } from './lookup.js';

/** The groups whose benefits carry product keys: software (R3.2) and license-based cloud (R4.3). */
export type KeyedGroup = 'software' | 'cloud';

export interface KeyReveal {
  benefit: SoftwareBenefit | CloudBenefit;
  /** True when this reveal activated the benefit (R3.4): the first one only. */
  activatedNow: boolean;
}

export function findKeyedBenefit(inventory: Inventory, group: KeyedGroup, id: string): SoftwareBenefit | CloudBenefit | undefined {
  return findBenefit(inventory, group, id);
}

/** To read only: inside a change, the committed benefit, without touching the draft (lookup.ts). */
export function readKeyedBenefit(inventory: Inventory, group: KeyedGroup, id: string): SoftwareBenefit | CloudBenefit | undefined {
  return readBenefit(inventory, group, id);
}

const stamp = (person: Person, now: Date): Stamp => ({ by: person.aadObjectId, at: now.toISOString() });

/**
 * R3.2, R3.4, R4.3: revealing a product's keys activates it. The first reveal keeps its who and when
 * (R8.1 reads it); a later reveal, or a second click, changes nothing. A usage-based subscription has
 * no keys (R4.2). Run inside InventoryRepository.transact: returns an error without mutating.
 */
export function recordKeyReveal(inventory: Inventory, group: KeyedGroup, id: string, person: Person, now: Date): Result<KeyReveal> {
  // Read on the committed benefit: a reveal of an active one (most of them) does not touch the draft.
  const seen = readKeyedBenefit(inventory, group, id);
  if (!seen) return fail('notFound');
  if ('kind' in seen && seen.kind === 'usageBased') return fail('invalidPayload');
  if (seen.activated) return ok({ benefit: seen, activatedNow: false });
  // Nothing to reveal, nothing activated: a product without keys keeps its refund (R3.4, R8.1).
  if (seen.keys.length === 0) return ok({ benefit: seen, activatedNow: false });
  const benefit = findKeyedBenefit(inventory, group, id)!;
  benefit.activated = stamp(person, now);
  return ok({ benefit, activatedNow: true });
}

/**
 * R3.4, R8.1: the refund that revealing this benefit's keys now would forfeit: a software benefit not yet
 * activated, with keys to reveal, whose package can still be cancelled with a refund. A cloud license key
 * forfeits none (R8.1 is about software benefits), nor a product without keys.
 */
export function refundAtStake(inventory: Inventory, benefit: SoftwareBenefit | CloudBenefit, now: Date): RefundEligibility | undefined {
  if (!('downloads' in benefit) || benefit.activated || benefit.keys.length === 0) return undefined;
  // Only read: inside a change, from the committed inventory (going through a draft's 1,000 software
  // benefits made a proxy of each, ~0.4 ms of every first reveal at the large size).
  const committed = inventory[STARTED_FROM] ?? inventory;
  const pkg = findPackage(committed, benefit.packageId);
  const eligibility = pkg ? refundEligibility(committed, pkg, now) : undefined;
  return eligibility?.eligible ? eligibility : undefined;
}

export interface SelfAssignment {
  benefit: CloudBenefit;
  /** False when the subscription already had its user: nothing was changed. */
  assignedNow: boolean;
}

/**
 * R4.2, R1.3: a usage-based (Azure) subscription is activated by a Global admin assigning themself as
 * its user. Once it has a user, another click (or another admin's old card) changes nothing: the
 * caller shows who holds it. The role is checked by the caller (policy `assignBenefit`).
 */
export function assignCloudSubscriptionToSelf(inventory: Inventory, id: string, person: Person, now: Date): Result<SelfAssignment> {
  const benefit = inventory.benefits.cloud.find((b) => b.id === id);
  if (!benefit) return fail('notFound');
  if (benefit.kind !== 'usageBased') return fail('invalidPayload');
  if (benefit.assignedTo) return ok({ benefit, assignedNow: false });
  const s = stamp(person, now);
  benefit.assignedTo = s;
  benefit.activated = benefit.activated ?? { ...s };
  return ok({ benefit, assignedNow: true });
}

/** Every sealed product key of the inventory, with the benefit it belongs to (for the start-up check of the encryption key). */
export function sealedKeysOf(inventory: Inventory | undefined): { owner: string; secret: SealedSecret }[] {
  if (!inventory) return [];
  return [...inventory.benefits.software, ...inventory.benefits.cloud].flatMap((b) => b.keys.map((secret) => ({ owner: b.id, secret })));
}
