import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { importInventory, unsealInventory, type InventoryFile } from '../../src/app/inventory-file.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import { demoInventoryFile, demoText, PEOPLE } from '../support/demo.js';
import { fileProblemSentence } from '../../src/i18n/file-problems.js';
import { LOCALES } from '../../src/i18n/index.js';

const sealer = new AesGcmKeySealer(randomBytes(32));
let dir: string;
let file: string;
let repo: LowdbInventoryRepository;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-test-'));
  file = join(dir, 'inventory.json');
  repo = await LowdbInventoryRepository.open(file);
  const first = await importInventory(demoText(), repo, sealer);
  expect(first.ok).toBe(true);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const demoKeys = (): string[] => {
  const d = demoInventoryFile();
  return [...d.benefits.software, ...d.benefits.cloud].flatMap((b) => b.keys);
};

describe('import: a good file', () => {
  it('replaces the inventory and keeps every product key encrypted in the data file', () => {
    expect(repo.current()?.organization.name).toBe('Fabrikam Japan 株式会社');
    expect(repo.current()?.people).toHaveLength(8);
    const onDisk = readFileSync(file, 'utf8');
    expect(demoKeys().length).toBeGreaterThan(4);
    for (const key of demoKeys()) expect(onDisk).not.toContain(key);
    expect(onDisk).toContain('A256GCM');
  });

  it('round-trips through export with keys, and leaves keys out of an export without them', async () => {
    const withKeys = unsealInventory(repo.current()!, sealer, true);
    const { $schema: _a, ...exported } = withKeys;
    const { $schema: _b, ...original } = demoInventoryFile();
    expect(exported).toEqual(original);
    const withoutKeys = unsealInventory(repo.current()!, sealer, false);
    expect(withoutKeys.benefits.software.every((b) => b.keys.length === 0)).toBe(true);
    const again = await importInventory(JSON.stringify(withoutKeys), repo, sealer);
    expect(again.ok).toBe(true);
  });
});

describe('import never loses what the file does not carry without being told', () => {
  const stored = () => repo.current()!;
  const keyCount = () => [...stored().benefits.software, ...stored().benefits.cloud].reduce((n, b) => n + b.keys.length, 0);

  it('re-importing the default export (keys left out) keeps every product key by id, and says how many', async () => {
    const before = keyCount();
    const again = await importInventory(JSON.stringify(unsealInventory(stored(), sealer, false)), repo, sealer);
    expect(again.ok && again.carried.keptKeys).toEqual({ products: expect.any(Number), keys: before });
    expect(keyCount()).toBe(before);
    expect(unsealInventory(stored(), sealer, true).benefits.software.flatMap((b) => b.keys)).toEqual(demoInventoryFile().benefits.software.flatMap((b) => b.keys));
  });

  it('removes them only when told (--remove-missing-keys), and counts them', async () => {
    const before = keyCount();
    const again = await importInventory(JSON.stringify(unsealInventory(stored(), sealer, false)), repo, sealer, { removeMissingKeys: true });
    expect(again.ok && again.carried.removedKeys.keys).toBe(before);
    expect(keyCount()).toBe(0);
  });

  it('a file cannot undo an activation (R3.4): one the file leaves out is kept', async () => {
    const file = unsealInventory(stored(), sealer, true);
    const activated = file.benefits.software.filter((b) => b.activated).map((b) => b.id);
    expect(activated.length).toBeGreaterThan(0);
    for (const b of file.benefits.software) delete b.activated;
    const again = await importInventory(JSON.stringify(file), repo, sealer);
    expect(again.ok && again.carried.keptActivations).toBe(activated.length);
    expect(stored().benefits.software.filter((b) => b.activated).map((b) => b.id)).toEqual(activated);
  });

  it('a new file into an empty store carries nothing over', async () => {
    const empty = await LowdbInventoryRepository.open(join(dir, 'other.json'));
    const first = await importInventory(demoText(), empty, sealer);
    expect(first.ok && first.carried).toEqual({ keptKeys: { products: 0, keys: 0 }, removedKeys: { products: 0, keys: 0 }, keptActivations: 0 });
  });
});

type Mutation = (f: InventoryFile & Record<string, any>) => void;
/** A bad file: the path and coded reason of its problem, the rule held when there is one, and its sentence in English. */
const BAD: [string, Mutation | string, string, string, RegExp][] = [
  ['not JSON', '{"schemaVersion": 1,', '$', 'jsonEnds', /ends before it is complete/],
  ['a JSON syntax error', '{\n  "schemaVersion": 1,\n  "x" 2\n}', '$', 'notJson', /not valid JSON from column 7/],
  ['an array', '[]', '$', 'type', /must be an object/],
  ['a wrong schema version', (f) => { f.schemaVersion = 2 as 1; }, '$.schemaVersion', 'equal', /must be 1/],
  ['an unknown top-level property', (f) => { f.extra = true; }, '$.extra', 'unknownProperty', /unknown property/],
  ['no organization', (f) => { delete (f as any).organization; }, '$', 'required', /the property "organization" is missing/],
  ['a tenant id that is not a GUID', (f) => { f.organization.tenantId = 'contoso'; }, '$.organization.tenantId', 'form', /must be a GUID/],
  ['a bad email', (f) => { f.people[2]!.email = 'kenta at fabrikam'; }, '$.people[2].email', 'format', /must be an email address/],
  ['an unknown role', (f) => { (f.people[0]!.roles as string[]).push('superAdmin'); }, '$.people[0].roles[1]', 'oneOf', /must be "globalAdmin" or /],
  ['a duplicated role', (f) => { f.people[0]!.roles.push('globalAdmin'); }, '$.people[0].roles', 'uniqueItems', /the same value twice \(items 1 and 2\)/],
  ['two people with one AAD id', (f) => { f.people[1]!.aadObjectId = f.people[0]!.aadObjectId; }, '$.people[1].aadObjectId', 'duplicatePerson', /another person has the AAD object id/],
  ['no Global admin (R1.3)', (f) => { f.people.forEach((p) => { p.roles = p.roles.filter((r) => r !== 'globalAdmin'); }); }, '$.people', 'noGlobalAdmin', /Global admin/],
  ['a benefit of an unknown package', (f) => { f.benefits.software[0]!.packageId = 'pkg-nope'; }, '$.benefits.software[0].packageId', 'unknownPackage', /no package "pkg-nope"/],
  ['two software benefits with one id', (f) => { f.benefits.software[1]!.id = f.benefits.software[0]!.id; }, '$.benefits.software[1].id', 'duplicateBenefit', /another benefit of Software has the id/],
  ['a download link that is not https', (f) => { f.benefits.software[0]!.downloads[0]!.url = 'http://example.com/x.iso'; }, '$.benefits.software[0].downloads[0].url', 'form', /starts with https:\/\//],
  ['text in English only', (f) => { delete (f.benefits.software[0]!.description as any)['ja-JP']; }, '$.benefits.software[0].description', 'required', /the property "ja-JP" is missing/],
  ['no seat at all', (f) => { f.benefits.visualStudio[1]!.seats = 0; }, '$.benefits.visualStudio[1].seats', 'minimum', /must be 1 or more/],
  ['a seat held by an unknown person', (f) => { f.benefits.visualStudio[0]!.assignments[0]!.aadObjectId = '00000000-0000-4000-8000-000000000001'; }, '$.benefits.visualStudio[0].assignments[0].aadObjectId', 'unknownPerson', /no person/],
  ['Signature Product Support on Action Pack (R6.4)', (f) => { f.benefits.technical[0]!.packageId = 'pkg-action-pack'; }, '$.benefits.technical[0].packageId', 'supportOnActionPack', /not Action Pack/],
  ['an active technical benefit without IDs (R6.3)', (f) => { delete f.benefits.technical[1]!.activation!.accessId; }, '$.benefits.technical[1].activation', 'activeWithoutIds', /Access ID and Contract ID/],
  ['two people whose emails differ only in case (R1.7)', (f) => { f.people[1]!.email = f.people[0]!.email.toUpperCase(); }, '$.people[1].email', 'duplicateEmail', /another person's too/],
  ['a Go-To-Market offer of a tier its package cannot have (R7.2)', (f) => { f.benefits.goToMarket[1]!.packageId = 'pkg-silver-app-dev'; }, '$.benefits.goToMarket[1].tier', 'tierNotOpened', /a Silver package cannot carry a Gold Core offer/],
  ['keys on a usage-based subscription (R4.2)', (f) => { f.benefits.cloud[0]!.keys = ['ABCDE-12345']; }, '$.benefits.cloud[0].keys', 'usageBasedKeys', /assigning a user/],
  ['a marketing contact with the Partner Center email (R7.3)', (f) => { f.marketingContact = { aadObjectId: PEOPLE.mpnPartnerAdmin.aadObjectId, email: 'PartnerCenter@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP', assigned: { by: PEOPLE.globalAdmin.aadObjectId, at: '2026-11-01T00:00:00Z' } }; }, '$.marketingContact.email', 'contactEmailIsAccount', /Partner Center account email/],
  ['a package that expires before its purchase', (f) => { f.organization.packages[0]!.expiresOn = '2020-01-01'; }, '$.organization.packages[0].expiresOn', 'expiresBeforePurchase', /expires before/],
];

const textOf = (mutate: Mutation | string): string => {
  if (typeof mutate === 'string') return mutate;
  const f = demoInventoryFile() as InventoryFile & Record<string, any>;
  mutate(f);
  return JSON.stringify(f, null, 2);
};

describe('import: a bad file gives the line, path and coded reason of each problem, and changes nothing', () => {
  it.each(BAD)('%s → %s', async (name, mutate, path, code, sentence) => {
    const before = readFileSync(file);
    const text = textOf(mutate);
    const result = await importInventory(text, repo, sealer);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.path === path && p.code === code);
    expect(problem).toBeDefined();
    expect(fileProblemSentence('en-US', problem!)).toMatch(sentence);
    // The rule a check holds is in the problem for tests and logs, never in its sentence.
    const rule = /\((R\d+\.\d+)\)/.exec(name)?.[1];
    if (rule) expect(problem!.rule).toBe(rule);
    for (const locale of LOCALES) expect(fileProblemSentence(locale, problem!)).not.toMatch(/R\d+\.\d+|\{\w+\}/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(repo.current()?.people).toHaveLength(8);
  });

  it('names the line of the file each problem starts on', async () => {
    const text = textOf((f) => { f.people[2]!.email = 'kenta at fabrikam'; f.extra = true; });
    const result = await importInventory(text, repo, sealer);
    if (result.ok) throw new Error('accepted');
    const lines = text.split('\n');
    const email = result.problems.find((p) => p.path === '$.people[2].email')!;
    expect(lines[email.line! - 1]).toContain('"email": "kenta at fabrikam"');
    const extra = result.problems.find((p) => p.path === '$.extra')!;
    expect(lines[extra.line! - 1]).toContain('"extra": true');
    expect((await importInventory('{\n  "schemaVersion": 1,\n  "x" 2\n}', repo, sealer)).ok || undefined).toBeUndefined();
  });
});
