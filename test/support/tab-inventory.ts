import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoInventoryFile, PEOPLE } from './demo.js';

/** The day the tab tests pretend it is. */
export const TAB_TODAY = new Date('2025-06-02T09:00:00Z');

/**
 * The demo inventory with activations in flight, so that the dashboard has something in each of its
 * sections: a technical benefit being processed (R6.2), an active offer with its Expires date (R7.5),
 * an offer past its Expires date, and one whose activation is pending (R7.4).
 */
export function writeTabInventory(): string {
  const inventory = demoInventoryFile();
  const kenta = PEOPLE.mpnPartnerAdmin.aadObjectId;
  const misaki = PEOPLE.globalAdmin.aadObjectId;
  inventory.benefits.technical[0]!.activation = { state: 'pending', requested: { by: kenta, at: '2025-05-30T02:00:00Z' } };
  const [silver, gold, isv] = inventory.benefits.goToMarket;
  silver!.activation = { state: 'active', requested: { by: misaki, at: '2025-04-01T00:00:00Z' }, expiresOn: '2026-03-31' };
  gold!.activation = { state: 'pending', requested: { by: kenta, at: '2025-05-28T00:00:00Z' } };
  isv!.activation = { state: 'active', requested: { by: misaki, at: '2024-04-01T00:00:00Z' }, expiresOn: '2025-05-31' };
  // R7.3: offers were activated, so a marketing contact is assigned.
  inventory.marketingContact = { aadObjectId: kenta, email: 'marketing@fabrikam.co.jp', phone: '+81 3 1234 5678', preferredLanguage: 'ja', assigned: { by: misaki, at: '2025-03-01T00:00:00Z' } };
  const file = join(mkdtempSync(join(tmpdir(), 'benefits-tab-')), 'inventory.json');
  writeFileSync(file, JSON.stringify(inventory, null, 2));
  return file;
}
