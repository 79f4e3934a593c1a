import type { Inventory } from '../../../domain/inventory.js';

/** The name of a person of the inventory, or their id if they have since been removed. */
export function personName(inventory: Inventory, aadObjectId: string): string {
  return inventory.people.find((p) => p.aadObjectId === aadObjectId)?.name ?? aadObjectId;
}

export function packageOf(inventory: Inventory, packageId: string) {
  return inventory.organization.packages.find((p) => p.id === packageId);
}
