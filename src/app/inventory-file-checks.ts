import type { ErrorObject } from 'ajv/dist/2020.js';
import { BIDI_CONTROL, VISIBLE } from '../domain/people.js';
import { tierOpenedBy } from '../domain/overview.js';
import type { FileProblem } from '../domain/file-problem.js';
import { pathStep } from '../lib/json-lines.js';
import type { InventoryFile } from './inventory-file.js';

function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return '$' + pointer.split('/').slice(1).map((raw) => pathStep(raw.replace(/~1/g, '/').replace(/~0/g, '~'))).join('');
}

/** The schema's patterns by what they ask for: a person reads "a GUID", not a regular expression. */
const FORMS: Record<string, string> = {
  '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$': 'id',
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$': 'guid',
  '^https://': 'https',
  '^[0-9]{6,10}$': 'mpnId',
  '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$': 'language',
  '^\\+?[0-9 ()-]{6,24}$': 'phone',
  '^RQ-\\d{8}-[0-9A-F]{8}$': 'requestId',
  '^\\d{1,2}:[A-Za-z0-9:._-]{1,200}$': 'teamsUserId',
  '^[A-Za-z0-9_+/-]{1,64}$': 'timeZone',
};

/** An ajv error as a coded problem: the keyword says which, its params the values. */
export function schemaProblem(error: ErrorObject): FileProblem {
  const path = jsonPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  switch (error.keyword) {
    case 'required':
      return { path, code: 'required', params: { property: String(params.missingProperty) } };
    case 'additionalProperties':
      return { path: path + pathStep(String(params.additionalProperty)), code: 'unknownProperty' };
    case 'enum':
      return { path, code: 'oneOf', lists: { values: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)) } };
    case 'const':
      return { path, code: 'equal', params: { value: JSON.stringify(params.allowedValue) } };
    case 'type':
      return { path, code: 'type', params: { type: String(params.type) } };
    case 'pattern': {
      const form = FORMS[String(params.pattern)];
      return form ? { path, code: 'form', params: { form } } : { path, code: 'pattern', params: { pattern: String(params.pattern) } };
    }
    case 'format':
      return { path, code: 'format', params: { format: String(params.format) } };
    case 'minLength':
      return limit === 1 ? { path, code: 'empty' } : { path, code: 'minLength', params: { limit } };
    case 'minimum':
    case 'maximum':
    case 'maxLength':
    case 'maxItems':
      return { path, code: error.keyword, params: { limit } };
    case 'uniqueItems':
      return { path, code: 'uniqueItems', params: { first: Number(params.j) + 1, second: Number(params.i) + 1 } };
    case 'anyOf':
      return { path, code: 'anyOf' };
    default:
      return { path, code: 'schema', params: { keyword: error.keyword } };
  }
}

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}

/** The rules a schema cannot say: references between records, and the business rules of the spec. */
export function semanticProblems(file: InventoryFile): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (path: string, code: FileProblem['code'], params?: FileProblem['params'], rule?: string) => problems.push({ path, code, ...(params ? { params } : {}), ...(rule ? { rule } : {}) });
  const { organization, people, benefits } = file;

  const packageIds = new Set(organization.packages.map((p) => p.id));
  const packages = new Map(organization.packages.map((p) => [p.id, p]));
  const personIds = new Set(people.map((p) => p.aadObjectId));

  const dupPackages = duplicates(organization.packages.map((p) => p.id));
  organization.packages.forEach((p, i) => {
    if (dupPackages.has(p.id)) add(`$.organization.packages[${i}].id`, 'duplicatePackage', { id: p.id });
    if (p.program !== 'actionPack' && !p.competency) add(`$.organization.packages[${i}].competency`, 'competencyMissing', undefined, 'R2.1');
    if (p.expiresOn < p.purchasedOn) add(`$.organization.packages[${i}].expiresOn`, 'expiresBeforePurchase');
  });

  const dupPeople = duplicates(people.map((p) => p.aadObjectId.toLowerCase()));
  const dupEmails = duplicates(people.map((p) => p.email.toLowerCase()));
  people.forEach((p, i) => {
    if (dupPeople.has(p.aadObjectId.toLowerCase())) add(`$.people[${i}].aadObjectId`, 'duplicatePerson', { id: p.aadObjectId });
    // As adding a person refuses it (R1.7): one email, whatever its case, is one person's.
    if (dupEmails.has(p.email.toLowerCase())) add(`$.people[${i}].email`, 'duplicateEmail', { email: p.email }, 'R1.7');
    if (BIDI_CONTROL.test(p.name) || !VISIBLE.test(p.name)) add(`$.people[${i}].name`, 'invisibleName');
    if (p.nameReading !== undefined && (BIDI_CONTROL.test(p.nameReading) || !VISIBLE.test(p.nameReading))) add(`$.people[${i}].nameReading`, 'invisibleName');
  });
  if (!people.some((p) => p.roles.includes('globalAdmin'))) add('$.people', 'noGlobalAdmin', undefined, 'R1.3');

  const checkPerson = (path: string, id: string) => {
    if (!personIds.has(id)) add(path, 'unknownPerson', { id });
  };

  for (const group of ['software', 'cloud', 'visualStudio', 'technical', 'goToMarket'] as const) {
    const list = benefits[group] as { id: string; packageId: string }[];
    const dup = duplicates(list.map((b) => b.id));
    list.forEach((b, i) => {
      if (dup.has(b.id)) add(`$.benefits.${group}[${i}].id`, 'duplicateBenefit', { id: b.id, group });
      if (!packageIds.has(b.packageId)) add(`$.benefits.${group}[${i}].packageId`, 'unknownPackage', { id: b.packageId });
    });
  }

  benefits.software.forEach((b, i) => {
    if (b.activated) checkPerson(`$.benefits.software[${i}].activated.by`, b.activated.by);
  });
  benefits.cloud.forEach((b, i) => {
    if (b.assignedTo) checkPerson(`$.benefits.cloud[${i}].assignedTo.by`, b.assignedTo.by);
    if (b.activated) checkPerson(`$.benefits.cloud[${i}].activated.by`, b.activated.by);
    if (b.kind === 'usageBased' && b.keys.length > 0) add(`$.benefits.cloud[${i}].keys`, 'usageBasedKeys', undefined, 'R4.2');
  });
  benefits.visualStudio.forEach((s, i) => {
    if (s.assignments.length > s.seats) add(`$.benefits.visualStudio[${i}].assignments`, 'tooManyAssignments', { count: s.assignments.length, seats: s.seats });
    const dup = duplicates(s.assignments.map((a) => a.aadObjectId));
    s.assignments.forEach((a, j) => {
      checkPerson(`$.benefits.visualStudio[${i}].assignments[${j}].aadObjectId`, a.aadObjectId);
      if (dup.has(a.aadObjectId)) add(`$.benefits.visualStudio[${i}].assignments[${j}].aadObjectId`, 'seatHeldTwice');
      if (a.assignedAt < a.originalAssignedAt) add(`$.benefits.visualStudio[${i}].assignments[${j}].assignedAt`, 'assignedBeforeOriginal');
    });
  });
  benefits.technical.forEach((b, i) => {
    const program = packages.get(b.packageId)?.program;
    if (b.kind === 'signatureProductSupport' && program === 'actionPack') add(`$.benefits.technical[${i}].packageId`, 'supportOnActionPack', undefined, 'R6.4');
    if (b.activation) checkPerson(`$.benefits.technical[${i}].activation.requested.by`, b.activation.requested.by);
    if (b.activation?.state === 'active' && (!b.activation.accessId || !b.activation.contractId)) add(`$.benefits.technical[${i}].activation`, 'activeWithoutIds', undefined, 'R6.3');
    for (const counter of ['incidents', 'hours'] as const) {
      const c = b[counter];
      if (c && c.used > c.total) add(`$.benefits.technical[${i}].${counter}.used`, 'moreUsedThanAvailable', { used: c.used, total: c.total });
    }
  });
  benefits.goToMarket.forEach((o, i) => {
    const program = packages.get(o.packageId)?.program;
    if (program && !tierOpenedBy(o.tier, program)) add(`$.benefits.goToMarket[${i}].tier`, 'tierNotOpened', { program, tier: o.tier }, 'R7.2');
    if (o.activation) checkPerson(`$.benefits.goToMarket[${i}].activation.requested.by`, o.activation.requested.by);
    if (o.activation?.state === 'active' && !o.activation.expiresOn) add(`$.benefits.goToMarket[${i}].activation.expiresOn`, 'activeOfferWithoutExpiry', undefined, 'R7.5');
  });
  if (file.marketingContact) {
    checkPerson('$.marketingContact.aadObjectId', file.marketingContact.aadObjectId);
    if (file.marketingContact.email.toLowerCase() === organization.partnerCenterAccountEmail.toLowerCase()) add('$.marketingContact.email', 'contactEmailIsAccount', undefined, 'R7.3');
  }
  return problems;
}
