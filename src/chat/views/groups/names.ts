import type { Inventory } from '../../../domain/inventory.js';
import { findPerson } from '../../../domain/identity.js';

/** The name of a person of the inventory, or their id if they have since been removed. */
export function personName(inventory: Inventory, aadObjectId: string): string {
  // Indexed: a Visual Studio page names up to 10 subscriptions' holders out of 50,000 people.
  return findPerson(inventory, aadObjectId)?.name ?? aadObjectId;
}

export function packageOf(inventory: Inventory, packageId: string) {
  return inventory.organization.packages.find((p) => p.id === packageId);
}
