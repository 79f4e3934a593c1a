import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/lib/paths.js';
import type { InventoryFile } from '../../src/app/inventory-file.js';

export const DEMO_FILE = projectPath('demo', 'inventory.json');
export const demoText = (): string => readFileSync(DEMO_FILE, 'utf8');
export const demoInventoryFile = (): InventoryFile => JSON.parse(demoText()) as InventoryFile;

const demo = demoInventoryFile();
export const DEMO_TENANT = demo.organization.tenantId;
const byEmail = (local: string) => demo.people.find((p) => p.email.startsWith(local + '@'))!;

/** The demo people, one per role (and one with none), as the tests address them. */
export const PEOPLE = {
  globalAdmin: byEmail('misaki.sato'),
  globalAndMpnAdmin: byEmail('emily.clark'),
  mpnPartnerAdmin: byEmail('kenta.suzuki'),
  userAdmin: byEmail('yumi.takahashi'),
  adminAgent: byEmail('sho.tanaka'),
  noRole: byEmail('naoki.ito'),
};
