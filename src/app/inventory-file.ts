import { BIDI_CONTROL, VISIBLE } from '../domain/people.js';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type {
  CloudBenefit,
  GoToMarketOffer,
  Inventory,
  Organization,
  Person,
  SoftwareBenefit,
  TechnicalBenefit,
  VisualStudioSubscription,
  MarketingContact,
  BenefitRequest,
  PersonSettings,
} from '../domain/inventory.js';
import { tierOpenedBy } from '../domain/overview.js';
import { carryOver, type CarriedOver, type CarryOverOptions } from './import-carry-over.js';
import type { KeySealer } from '../ports/key-sealer.js';
import { projectPath } from '../lib/paths.js';

type WithPlainKeys<T> = Omit<T, 'keys'> & { keys: string[] };

/** The import/export format (schema/inventory.schema.json): the inventory with product keys in plain text. */
export interface InventoryFile {
  $schema?: string;
  schemaVersion: 1;
  organization: Organization;
  people: Person[];
  benefits: {
    software: WithPlainKeys<SoftwareBenefit>[];
    cloud: WithPlainKeys<CloudBenefit>[];
    visualStudio: VisualStudioSubscription[];
    technical: TechnicalBenefit[];
    goToMarket: GoToMarketOffer[];
  };
  marketingContact?: MarketingContact;
  /** Requests, people's settings and the approvals channel: kept with the inventory (they change with it). */
  requests?: BenefitRequest[];
  settings?: PersonSettings[];
  approvalsConversationId?: string;
}

/** One thing wrong with an import file: where (a JSON path such as `$.people[3].email`) and why. */
export interface FileProblem {
  path: string;
  reason: string;
}

export const INVENTORY_SCHEMA_PATH = projectPath('schema', 'inventory.schema.json');

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;
/**
 * Compiled on the first import, not when the module loads: the compile is ~100-400 ms of CPU at start,
 * and a restart (the store exists) never imports.
 */
let compiled: ValidateFunction | undefined;
function validateSchema(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return (compiled = ajv.compile(JSON.parse(readFileSync(INVENTORY_SCHEMA_PATH, 'utf8'))));
}

function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$-]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}

function schemaProblem(error: ErrorObject): FileProblem {
  const base = jsonPath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return { path: base, reason: `missing required property "${(error.params as { missingProperty: string }).missingProperty}"` };
    case 'additionalProperties':
      return { path: `${base}.${(error.params as { additionalProperty: string }).additionalProperty}`, reason: 'unknown property' };
    case 'enum':
      return { path: base, reason: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { path: base, reason: error.message ?? error.keyword };
  }
}

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}

/** The rules a schema cannot say: references between records, and the business rules of the spec. */
function semanticProblems(file: InventoryFile): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (path: string, reason: string) => problems.push({ path, reason });
  const { organization, people, benefits } = file;

  const packageIds = new Set(organization.packages.map((p) => p.id));
  const packages = new Map(organization.packages.map((p) => [p.id, p]));
  const personIds = new Set(people.map((p) => p.aadObjectId));

  const dupPackages = duplicates(organization.packages.map((p) => p.id));
  organization.packages.forEach((p, i) => {
    if (dupPackages.has(p.id)) add(`$.organization.packages[${i}].id`, `duplicate package id "${p.id}"`);
    if (p.program !== 'actionPack' && !p.competency) add(`$.organization.packages[${i}].competency`, 'a Silver or Gold package names its competency (R2.1)');
    if (p.expiresOn < p.purchasedOn) add(`$.organization.packages[${i}].expiresOn`, 'expires before it was purchased');
  });

  const dupPeople = duplicates(people.map((p) => p.aadObjectId.toLowerCase()));
  const dupEmails = duplicates(people.map((p) => p.email.toLowerCase()));
  people.forEach((p, i) => {
    if (dupPeople.has(p.aadObjectId.toLowerCase())) add(`$.people[${i}].aadObjectId`, `duplicate person "${p.aadObjectId}"`);
    // As adding a person refuses it (R1.7): one email, whatever its case, is one person's.
    if (dupEmails.has(p.email.toLowerCase())) add(`$.people[${i}].email`, `the email "${p.email}" is another person's too (emails are compared without case)`);
    if (BIDI_CONTROL.test(p.name) || !VISIBLE.test(p.name)) add(`$.people[${i}].name`, 'a name needs a visible character and no bidi control (U+202E …)');
  });
  if (!people.some((p) => p.roles.includes('globalAdmin'))) add('$.people', 'at least one person must hold the Global admin role (R1.3, R1.7)');

  const checkPerson = (path: string, id: string) => {
    if (!personIds.has(id)) add(path, `no person with aadObjectId "${id}" in $.people`);
  };

  for (const group of ['software', 'cloud', 'visualStudio', 'technical', 'goToMarket'] as const) {
    const list = benefits[group] as { id: string; packageId: string }[];
    const dup = duplicates(list.map((b) => b.id));
    list.forEach((b, i) => {
      if (dup.has(b.id)) add(`$.benefits.${group}[${i}].id`, `duplicate id "${b.id}" in ${group}`);
      if (!packageIds.has(b.packageId)) add(`$.benefits.${group}[${i}].packageId`, `no package "${b.packageId}" in $.organization.packages`);
    });
  }

  benefits.software.forEach((b, i) => {
    if (b.activated) checkPerson(`$.benefits.software[${i}].activated.by`, b.activated.by);
  });
  benefits.cloud.forEach((b, i) => {
    if (b.assignedTo) checkPerson(`$.benefits.cloud[${i}].assignedTo.by`, b.assignedTo.by);
    if (b.activated) checkPerson(`$.benefits.cloud[${i}].activated.by`, b.activated.by);
    if (b.kind === 'usageBased' && b.keys.length > 0) add(`$.benefits.cloud[${i}].keys`, 'a usage-based subscription has no keys: it is activated by assigning a user (R4.2)');
  });
  benefits.visualStudio.forEach((s, i) => {
    if (s.assignments.length > s.seats) add(`$.benefits.visualStudio[${i}].assignments`, `${s.assignments.length} assignments for ${s.seats} seats`);
    const dup = duplicates(s.assignments.map((a) => a.aadObjectId));
    s.assignments.forEach((a, j) => {
      checkPerson(`$.benefits.visualStudio[${i}].assignments[${j}].aadObjectId`, a.aadObjectId);
      if (dup.has(a.aadObjectId)) add(`$.benefits.visualStudio[${i}].assignments[${j}].aadObjectId`, 'this person already holds a seat of this subscription');
      if (a.assignedAt < a.originalAssignedAt) add(`$.benefits.visualStudio[${i}].assignments[${j}].assignedAt`, 'earlier than the original assignment');
    });
  });
  benefits.technical.forEach((b, i) => {
    const program = packages.get(b.packageId)?.program;
    if (b.kind === 'signatureProductSupport' && program === 'actionPack') {
      add(`$.benefits.technical[${i}].packageId`, 'Signature Product Support is for Gold/Silver competency partners only, not Action Pack (R6.4)');
    }
    if (b.activation) checkPerson(`$.benefits.technical[${i}].activation.requested.by`, b.activation.requested.by);
    if (b.activation?.state === 'active' && (!b.activation.accessId || !b.activation.contractId)) {
      add(`$.benefits.technical[${i}].activation`, 'an active technical benefit has its Access ID and Contract ID (R6.3)');
    }
    for (const counter of ['incidents', 'hours'] as const) {
      const c = b[counter];
      if (c && c.used > c.total) add(`$.benefits.technical[${i}].${counter}.used`, `more used (${c.used}) than available (${c.total})`);
    }
  });
  benefits.goToMarket.forEach((o, i) => {
    const program = packages.get(o.packageId)?.program;
    if (program && !tierOpenedBy(o.tier, program)) add(`$.benefits.goToMarket[${i}].tier`, `a ${program} package cannot carry a ${o.tier} offer (R7.2): it would never be shown`);
    if (o.activation) checkPerson(`$.benefits.goToMarket[${i}].activation.requested.by`, o.activation.requested.by);
    if (o.activation?.state === 'active' && !o.activation.expiresOn) add(`$.benefits.goToMarket[${i}].activation.expiresOn`, 'an active offer has its Expires date (R7.5)');
  });
  if (file.marketingContact) {
    checkPerson('$.marketingContact.aadObjectId', file.marketingContact.aadObjectId);
    if (file.marketingContact.email.toLowerCase() === organization.partnerCenterAccountEmail.toLowerCase()) {
      add('$.marketingContact.email', "must differ from the company's Partner Center account email (R7.3)");
    }
  }
  return problems;
}

/** Checks an import file: its JSON, its schema, then the rules between records. */
export function parseInventoryFile(text: string): { ok: true; file: InventoryFile } | { ok: false; problems: FileProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '$', reason: `not valid JSON: ${(error as Error).message}` }] };
  }
  const validate = validateSchema();
  if (!validate(data)) {
    return { ok: false, problems: (validate.errors ?? []).map(schemaProblem) };
  }
  const file = data as InventoryFile;
  const problems = semanticProblems(file);
  return problems.length ? { ok: false, problems } : { ok: true, file };
}

/** The file's inventory with every product key sealed: what the store holds. */
export function sealInventory(file: InventoryFile, sealer: KeySealer): Inventory {
  const { organization, people, benefits, marketingContact, requests, settings, approvalsConversationId } = structuredClone(file);
  const inventory: Inventory = {
    organization,
    people,
    benefits: {
      software: benefits.software.map((b) => ({ ...b, keys: b.keys.map((k) => sealer.seal(k)) })),
      cloud: benefits.cloud.map((b) => ({ ...b, keys: b.keys.map((k) => sealer.seal(k)) })),
      visualStudio: benefits.visualStudio,
      technical: benefits.technical,
      goToMarket: benefits.goToMarket,
    },
  };
  if (marketingContact) inventory.marketingContact = marketingContact;
  if (requests?.length) inventory.requests = requests;
  if (settings?.length) inventory.settings = settings;
  if (approvalsConversationId) inventory.approvalsConversationId = approvalsConversationId;
  return inventory;
}

/**
 * The inventory back in the file format. Keys are opened only when asked for (`includeKeys`): an export
 * without them re-imports with empty key lists.
 */
export function unsealInventory(inventory: Inventory, sealer: KeySealer, includeKeys: boolean): InventoryFile {
  const copy = structuredClone(inventory);
  const keys = (sealed: Inventory['benefits']['software'][number]['keys']) => (includeKeys ? sealed.map((s) => sealer.open(s)) : []);
  const file: InventoryFile = {
    $schema: './schema/inventory.schema.json',
    schemaVersion: 1,
    organization: copy.organization,
    people: copy.people,
    benefits: {
      software: copy.benefits.software.map((b) => ({ ...b, keys: keys(b.keys) })),
      cloud: copy.benefits.cloud.map((b) => ({ ...b, keys: keys(b.keys) })),
      visualStudio: copy.benefits.visualStudio,
      technical: copy.benefits.technical,
      goToMarket: copy.benefits.goToMarket,
    },
  };
  if (copy.marketingContact) file.marketingContact = copy.marketingContact;
  if (copy.requests?.length) file.requests = copy.requests;
  if (copy.settings?.length) file.settings = copy.settings;
  if (copy.approvalsConversationId) file.approvalsConversationId = copy.approvalsConversationId;
  return file;
}

/**
 * The import use case: a wholly valid file replaces the inventory; any problem leaves the store as it
 * was and is reported with its path and reason.
 */
export async function importInventory(
  text: string,
  repository: { replace(inventory: Inventory): Promise<void>; current(): Inventory | undefined },
  sealer: KeySealer,
  options: CarryOverOptions = {},
): Promise<{ ok: true; file: InventoryFile; carried: CarriedOver } | { ok: false; problems: FileProblem[] }> {
  const parsed = parseInventoryFile(text);
  if (!parsed.ok) return parsed;
  const next = sealInventory(parsed.file, sealer);
  // What the file does not carry (keys left out of an export, activations) is kept by id, unless told.
  const carried = carryOver(repository.current(), next, options);
  await repository.replace(next);
  return { ...parsed, carried };
}
