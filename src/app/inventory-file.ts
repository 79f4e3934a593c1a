import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
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
import type { FileProblem } from '../domain/file-problem.js';
import { linesOfPaths, lineAndColumn } from '../lib/json-lines.js';
import { schemaProblem, semanticProblems } from './inventory-file-checks.js';
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

export type { FileProblem };

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

/** Checks an import file: its JSON, its schema, then the rules between records; each problem names its line. */
export function parseInventoryFile(text: string): { ok: true; file: InventoryFile } | { ok: false; problems: FileProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [notJson(text, error as Error)] };
  }
  const validate = validateSchema();
  const problems = validate(data) ? semanticProblems(data as InventoryFile) : (validate.errors ?? []).map(schemaProblem);
  if (!problems.length) return { ok: true, file: data as InventoryFile };
  const lines = linesOfPaths(text);
  return { ok: false, problems: problems.map((p) => ({ ...p, line: lines.get(p.path) ?? nearestLine(lines, p.path) })) };
}

/** The line of a path the file does not hold (an unknown property is there; a missing one is not): its nearest parent's. */
function nearestLine(lines: Map<string, number>, path: string): number {
  for (let parent = path; parent.length > 1; parent = parent.replace(/(\.[^.[]*|\[[^\]]*\])$/, '')) {
    const line = lines.get(parent);
    if (line !== undefined) return line;
  }
  return 1;
}

/** JSON.parse says where it stopped ("at position 20"), or that the text ended: as a line and column. */
function notJson(text: string, error: Error): FileProblem {
  const position = /at position (\d+)/.exec(error.message);
  // "Expected a property name at position 20" of a 20-character text: the text ended.
  if (!position || Number(position[1]) >= text.trimEnd().length) return { path: '$', line: lineAndColumn(text, text.trimEnd().length).line, code: 'jsonEnds' };
  const { line, column } = lineAndColumn(text, Number(position[1]));
  return { path: '$', line, code: 'notJson', params: { column } };
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
