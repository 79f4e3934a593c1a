/** What the seat and people e2e tests share: the demo people they name, who holds a seat, the typeahead request. */
import { message, type Harness, type Speaker } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import type { Inventory } from '../../src/domain/inventory.js';

export const NAOKI = PEOPLE.noRole;
export const SAKURA = demoInventoryFile().people.find((p) => p.email.startsWith('sakura.'))!;
export const DAISUKE = demoInventoryFile().people.find((p) => p.email.startsWith('daisuke.'))!;

export function stored(h: Harness): Inventory {
  return h.storedInventory();
}
export const holders = (inv: Inventory, id: string) => inv.benefits.visualStudio.find((s) => s.id === id)!.assignments.map((a) => a.aadObjectId);

/** Teams' dynamic typeahead request (Data.Query). */
export function search(h: Harness, who: Speaker, dataset: string, queryText: string, o: { locale?: string } = {}) {
  return { ...message(h.connector, who, '', o), text: undefined, type: 'invoke', name: 'application/search', value: { queryText, dataset, queryOptions: { skip: 0, top: 15 } } };
}

export const NON_GLOBAL = [
  ['MPN partner admin', PEOPLE.mpnPartnerAdmin],
  ['User admin', PEOPLE.userAdmin],
  ['Admin agent', PEOPLE.adminAgent],
] as const;
