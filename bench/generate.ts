import { openSync, writeSync, closeSync } from 'node:fs';
import type { InventoryFile } from '../src/app/inventory-file.js';

const guid = (n: number, prefix = 'b') => `${prefix.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const text = (en: string) => ({ 'en-US': en, 'ja-JP': `${en}（日本語）` });

export const TENANT = '7b6c1a2e-3f4d-4e5a-9b8c-0d1e2f3a4b5c';
export const personId = (n: number) => guid(n, 'a');

/**
 * A company of `people` people and `benefits` benefits spread over the five groups, valid for import.
 * Person 0 is a Global admin and MPN partner admin, person 1 a Global admin.
 */
export function generateInventory(people: number, benefits: number): InventoryFile {
  const per = Math.max(1, Math.floor(benefits / 5));
  const pkg = (i: number) => ['pkg-ap', 'pkg-gold', 'pkg-silver'][i % 3]!;
  return {
    schemaVersion: 1,
    organization: {
      tenantId: TENANT,
      name: 'Bench Partner 株式会社',
      mpnId: '7000001',
      partnerCenterAccountEmail: 'pc@bench.example.com',
      managedInPmc: false,
      packages: [
        { id: 'pkg-ap', program: 'actionPack', purchasedOn: '2026-11-10', expiresOn: '2027-11-09' },
        { id: 'pkg-gold', program: 'gold', competency: 'Cloud Platform', purchasedOn: '2026-03-02', expiresOn: '2027-03-01' },
        { id: 'pkg-silver', program: 'silver', competency: 'Data Analytics', purchasedOn: '2026-01-15', expiresOn: '2027-01-14' },
      ],
    },
    people: Array.from({ length: people }, (_, i) => ({
      aadObjectId: personId(i),
      name: `Person ${i} 社員`,
      email: `person${i}@bench.example.com`,
      roles: i === 0 ? ['globalAdmin', 'mpnPartnerAdmin'] : i === 1 ? ['globalAdmin'] : i % 50 === 2 ? ['userAdmin'] : [],
    })),
    benefits: {
      software: Array.from({ length: per }, (_, i) => ({
        id: `sw-${i}`,
        packageId: pkg(i),
        name: `Software product ${i}`,
        description: text(`Software product ${i} for internal use.`),
        keys: [`BENCH-${String(i).padStart(5, '0')}-KEY01-ABCDE`, `BENCH-${String(i).padStart(5, '0')}-KEY02-FGHIJ`],
        specialInstructions: text('Activate with the MAK.'),
        downloads: ['en-US', 'ja-JP'].flatMap((language) => ['x64', 'arm64'].map((os) => ({ language, os, url: `https://download.example.com/sw-${i}/${language}/${os}.iso` }))),
      })),
      cloud: Array.from({ length: per }, (_, i) => ({
        id: `cl-${i}`,
        packageId: pkg(i),
        name: `Cloud subscription ${i}`,
        kind: i % 2 ? ('licenseBased' as const) : ('usageBased' as const),
        description: text(`Cloud subscription ${i}.`),
        keys: i % 2 ? [`CLOUD-${String(i).padStart(5, '0')}-KEY01-ABCDE`] : [],
        ...(i % 2 ? {} : { portalUrl: 'https://portal.azure.com/' }),
      })),
      visualStudio: Array.from({ length: per }, (_, i) => ({
        id: `vs-${i}`,
        packageId: pkg(i),
        level: i % 2 ? 'Visual Studio Enterprise' : 'Visual Studio Professional',
        seats: 1000,
        assignments: [],
      })),
      technical: Array.from({ length: per }, (_, i) => ({
        id: `tb-${i}`,
        packageId: i % 3 === 0 ? 'pkg-ap' : 'pkg-gold',
        kind: i % 3 === 0 ? ('productSupportIncidents' as const) : i % 3 === 1 ? ('signatureProductSupport' as const) : ('presalesDeployment' as const),
        name: `Technical benefit ${i}`,
        description: text(`Technical benefit ${i}.`),
        incidents: { total: 10, used: 0 },
      })),
      goToMarket: Array.from({ length: per }, (_, i) => ({
        id: `gtm-${i}`,
        packageId: i % 2 ? 'pkg-gold' : 'pkg-silver',
        tier: i % 2 ? ('goldCore' as const) : ('silverCore' as const),
        name: `Offer ${i}`,
        description: text(`Offer ${i}.`),
      })),
    },
  };
}

/** An audit trail of `count` entries, written straight to its JSON-lines file. */
export function generateAudit(file: string, count: number, people: number): void {
  const fd = openSync(file, 'w');
  const batch: string[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const p = seq % people;
    batch.push(
      JSON.stringify({
        seq,
        at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
        action: seq % 2 ? 'revealSoftwareKeys' : 'assignVisualStudioSeat',
        actor: { aadObjectId: personId(p), name: `Person ${p} 社員` },
        target: { kind: seq % 2 ? 'software' : 'visualStudio', id: seq % 2 ? `sw-${seq % 100}` : `vs-${seq % 100}`, name: `Target ${seq % 100}` },
        where: { conversationId: `a:personal-${p}`, conversationType: 'personal' },
      }),
    );
    if (batch.length === 10000) {
      writeSync(fd, batch.join('\n') + '\n');
      batch.length = 0;
    }
  }
  if (batch.length) writeSync(fd, batch.join('\n') + '\n');
  closeSync(fd);
}
