import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { VERBS } from '../../src/chat/areas.js';
import { enUS } from '../../src/i18n/locales/en-US.js';
import { cardsOf, dataFolderBytes, execute, message, startHarness, submit, type Harness } from '../support/bot-harness.js';
import type { ReceivedActivity } from '../support/connector-stand-in.js';
import { DEMO_TENANT, PEOPLE } from '../support/demo.js';
import { demoProductKeys, filesUnder, secretsIn } from '../support/secret-scan.js';
import { actors, brokenWrite, mayWrite, Dice, hostileValue, INJECTIONS, mutate, prng, spoofFields, VERB_CASES, WRONG_TYPES, type Actor } from './hostile-corpus.js';

/**
 * Bad input: thousands of malformed and hostile requests over HTTP, from people of every role, strangers
 * and other tenants → each gets a 4xx or a polite refusal, the stores are byte-for-byte unchanged, the
 * bot stays up and answers the next good request. Deterministic (seeded); a failure names the request.
 */

const SEED = 0x8a7e_2026;
const ACTIVITIES = 2500;
const CANARY_EVERY = 250;
const INTERNAL = enUS['error.internal'].split('{')[0]!.trim();

interface Entry {
  label: string;
  /** An activity for /api/messages, or raw bytes for any path. */
  activity?: Record<string, any>;
  raw?: { path: string; method: string; body?: string; contentType?: string; contentEncoding?: string; bytes?: Buffer };
  /** What the answer must be besides "not 5xx, nothing written, nothing internal". */
  expect?: 'refusal' | '4xx';
}

let h: Harness;
let dice: Dice;
let people: Actor[];

beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'info' });
  // As in real use, the demo people have a personal chat with the bot already.
  for (const who of Object.values(PEOPLE)) await h.post(message(h.connector, who, 'help'));
  dice = new Dice(prng(SEED));
  people = actors(dice);
});
afterAll(async () => h.stop());

function activityFor(actor: Actor, build: (o: { tenantId?: string; conversationType: 'personal' | 'groupChat' | 'channel'; conversationId?: string; locale: string }) => Record<string, any>) {
  const conversationType = dice.pick(['personal', 'personal', 'personal', 'personal', 'groupChat', 'channel'] as const);
  const locale = dice.chance(0.9) ? dice.pick(['en-US', 'ja-JP']) : dice.pick(['../../etc/passwd', 'xx-XX', '', 'ja-JP\u0000', 'en-US'.repeat(200), '__proto__']);
  const activity = build({
    ...(actor.tenantId ? { tenantId: actor.tenantId } : {}),
    conversationType,
    ...(conversationType === 'personal' ? {} : { conversationId: conversationType === 'groupChat' ? '19:group-chat-1@thread.v2' : '19:channel-1@thread.tacv2' }),
    locale,
  });
  if (!actor.tenantId) {
    delete activity.conversation.tenantId;
    delete activity.channelData;
  }
  return activity;
}

/** A verb's payload for this actor: broken by construction when the actor may make that write. */
function payloadFor(actor: Actor, verb: string): Record<string, unknown> {
  const c = Object.hasOwn(VERB_CASES, verb) ? VERB_CASES[verb]! : undefined;
  if (!c) return mutate(dice, { id: 'x' });
  if (c.writes && mayWrite(actor, c.writes)) {
    for (let i = 0; i < 20; i++) {
      const broken = brokenWrite(dice, verb, c);
      if (broken) return broken;
    }
    return { ...c.sample, [Object.keys(c.writes.refs)[0]!]: 12345 };
  }
  const roll = dice.next();
  if (roll < 0.3) return { ...c.sample };
  if (roll < 0.5) return { ...c.sample, ...spoofFields(dice) };
  return mutate(dice, c.sample);
}

const UNKNOWN_VERBS = ['deleteEverything', 'exportKeys', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' addPerson', 'ADDPERSON', 'grantRole\u0000', 'x'.repeat(5000)];
const TYPED = ['benefits', 'help', 'group software', 'people', 'add person', 'audit', 'support requests', 'marketing contact', 'cancel', 'cancellation requests', 'ユーザー', '特典'];

function nextActivity(): Entry {
  const actor = dice.pick(people);
  const known = Object.keys(VERB_CASES);
  const roll = dice.next();
  if (roll < 0.55) {
    const verb = dice.chance(0.93) ? dice.pick(known) : dice.pick(UNKNOWN_VERBS);
    const data = payloadFor(actor, verb);
    const c = Object.hasOwn(VERB_CASES, verb) ? VERB_CASES[verb]! : undefined;
    const writes = c?.writes;
    const refused = !actor.person || (!actor.person.roles.length && !c?.openToAnyone) || actor.tenantId !== DEMO_TENANT || !c || (writes !== undefined && !mayWrite(actor, writes));
    return { label: `Action.Execute ${verb.slice(0, 40)} by ${actor.label}`, activity: activityFor(actor, (o) => execute(h.connector, actor.from, verb, data, o)), ...(refused ? { expect: 'refusal' as const } : {}) };
  }
  if (roll < 0.7) {
    const verb = dice.chance(0.93) ? dice.pick(known) : dice.pick(UNKNOWN_VERBS);
    const data = payloadFor(actor, verb);
    return { label: `Action.Submit ${verb.slice(0, 40)} by ${actor.label}`, activity: activityFor(actor, (o) => submit(h.connector, actor.from, { ...data, verb }, o)) };
  }
  if (roll < 0.85) {
    const r = dice.next();
    const text =
      r < 0.4 ? dice.pick(TYPED) : r < 0.6 ? `${dice.pick(['people', 'audit', 'group', 'ユーザー'])} ${String(hostileValue(dice)).slice(0, 3000)}` : r < 0.9 ? dice.pick(INJECTIONS) : dice.text(dice.pick([1, 500, 20_000]));
    return { label: `typed "${text.slice(0, 30)}" by ${actor.label}`, activity: activityFor(actor, (o) => message(h.connector, actor.from, text, o)) };
  }
  return oddActivity(actor);
}


/** Shapes Teams would never send: broken invokes, unknown types and names, missing or mistyped fields. */
function oddActivity(actor: Actor): Entry {
  const base = activityFor(actor, (o) => message(h.connector, actor.from, 'benefits', o));
  const variants: [string, (a: Record<string, any>) => void][] = [
    ['an invoke whose value is not an object', (a) => Object.assign(a, { type: 'invoke', name: 'adaptiveCard/action', value: dice.pick(['addPerson', 42, null, [], [{ verb: 'addPerson' }]]) })],
    ['an invoke with no action', (a) => Object.assign(a, { type: 'invoke', name: 'adaptiveCard/action', value: { verb: 'addPerson', data: VERB_CASES.addPerson!.sample } })],
    ['an invoke whose action is an Action.Submit', (a) => Object.assign(a, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit', verb: 'grantRole', data: VERB_CASES.grantRole!.sample } } })],
    ['an invoke whose verb is not a string', (a) => Object.assign(a, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: dice.pick(WRONG_TYPES), data: {} } } })],
    ['an invoke whose data is not an object', (a) => Object.assign(a, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: dice.pick(Object.keys(VERB_CASES)), data: dice.pick([...WRONG_TYPES, 'x', 'A'.repeat(10_000)]) } } })],
    ['an invoke of a name the bot does not serve', (a) => Object.assign(a, { type: 'invoke', name: dice.pick(['composeExtension/query', 'task/fetch', 'tab/fetch', 'config/fetch', 'signin/verifyState', 'fileConsent/invoke', 'actionableMessage/executeAction', 'x'.repeat(300)]), value: mutate(dice, { commandId: 'x' }) })],
    ['a typeahead search with hostile values', (a) => Object.assign(a, { type: 'invoke', name: 'application/search', value: dice.pick([{ dataset: 'people', queryText: hostileValue(dice), queryOptions: { skip: dice.pick(WRONG_TYPES), top: dice.pick([1e9, -5, 'all', 0.5]) } }, { dataset: dice.pick(['__proto__', 'constructor', 'keys', '']), queryText: 'a' }, { dataset: 'people', queryText: 'a'.repeat(100_000) }, 'people']) })],
    ['an activity type the bot does not handle', (a) => Object.assign(a, { type: dice.pick(['event', 'messageReaction', 'typing', 'installationUpdate', 'endOfConversation', 'deleteUserData', 'foo', '']), value: hostileValue(dice), name: dice.pick(['x', 'application/vnd.microsoft.readReceipt']) })],
    ['a conversation update adding the bot with hostile members', (a) => Object.assign(a, { type: 'conversationUpdate', membersAdded: dice.pick([[{ id: '28:benefits-bot' }], [{ id: 42 }], 'everyone', [null], [{ id: '28:benefits-bot', aadObjectId: PEOPLE.globalAdmin.aadObjectId }]]) })],
    ['a conversation update removing members', (a) => Object.assign(a, { type: 'conversationUpdate', membersRemoved: [{ id: `29:${PEOPLE.globalAdmin.aadObjectId}` }] })],
    ['a message whose from is not an object', (a) => Object.assign(a, { from: dice.pick(['admin', 42, null, [], { aadObjectId: 42 }, { aadObjectId: ['x'] }]) })],
    ['a message whose text is not a string', (a) => Object.assign(a, { text: dice.pick(WRONG_TYPES) })],
    ['a message whose value is hostile', (a) => Object.assign(a, { text: undefined, value: dice.pick([...WRONG_TYPES, { verb: 42 }, { verb: ['addPerson'] }, { verb: '__proto__' }]) })],
    ['a message with a tenant in channelData only, another in the conversation', (a) => Object.assign(a, { conversation: { ...a.conversation, tenantId: dice.pick([undefined, 'not-a-guid', 42, '11111111-1111-4111-8111-111111111111']) }, channelData: { tenant: { id: DEMO_TENANT } } })],
    ['a message with hostile channelData', (a) => Object.assign(a, { channelData: dice.pick([{ tenant: { id: { $ne: null } } }, { tenant: 'x' }, 'x', [], JSON.parse('{"__proto__":{"tenant":{"id":"x"}}}'), { tenant: { id: DEMO_TENANT }, settings: { selectedChannel: { id: 42 } } }]) })],
    ['a message with a hostile conversation id', (a) => Object.assign(a, { conversation: { ...a.conversation, id: dice.pick(['../../../v3/conversations/other', 'a:x/activities/y?z=1#', 'c'.repeat(2000), 'a:%2e%2e%2fother']) } })],
    ['a message with hostile entities and attachments', (a) => Object.assign(a, { entities: dice.pick([[{ type: 'mention', mentioned: { id: 42 } }], 'x', [null]]), attachments: dice.pick([[{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: '${$root}' } }], 'x', [null]]) })],
    ['an activity without who spoke, where, or its connector', (a) => void delete a[dice.pick(['from', 'conversation', 'serviceUrl'])]],
    ['a conversation that only claims to be 1:1', (a) => Object.assign(a, { conversation: { ...a.conversation, ...dice.pick([{ conversationType: undefined, isGroup: true, id: '19:m@thread.v2' }, { conversationType: 'meeting' }, { conversationType: 'GroupChat' }, { conversationType: 'personal', isGroup: true }, { conversationType: 'personal', id: '19:x@thread.v2' }]) } })],
    ['a message with a hostile timestamp and id', (a) => Object.assign(a, { timestamp: dice.pick(['yesterday', 42, '9999-99-99T99:99:99Z', '']), id: dice.pick([42, '', 'i'.repeat(5000)]) })],
  ];
  const [label, bend] = dice.pick(variants);
  bend(base);
  return { label: `${label}, by ${actor.label}` , activity: base };
}

/** Bodies that are not activities at all: each one gets a 4xx before any bot code runs. */
function rawEntries(): Entry[] {
  const raw = (label: string, body: string | undefined, contentType = 'application/json', path = '/api/messages', method = 'POST'): Entry => ({ label, raw: { path, method, ...(body !== undefined ? { body } : {}), contentType }, expect: '4xx' });
  const good = JSON.stringify(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return [
    raw('an empty body', ''),
    raw('invalid JSON (cut short)', good.slice(0, good.length / 2)),
    raw('invalid JSON (trailing garbage)', `${good}}}`),
    raw('invalid JSON (single quotes)', "{'type':'message'}"),
    raw('invalid JSON (NaN)', '{"type":"message","value":NaN}'),
    raw('a JSON array', `[${good}]`),
    raw('a JSON string', '"message"'),
    raw('a JSON number', '42'),
    raw('JSON null', 'null'),
    raw('JSON true', 'true'),
    raw('an activity sent as text/plain', good, 'text/plain'),
    raw('an activity sent as a form', 'type=message&text=benefits', 'application/x-www-form-urlencoded'),
    raw('an activity sent as XML', '<activity type="message"/>', 'application/xml'),
    raw('an oversized body (300 KB)', JSON.stringify({ ...JSON.parse(good), text: 'A'.repeat(300 * 1024) })),
    raw('an oversized body (3 MB)', JSON.stringify({ ...JSON.parse(good), text: 'A'.repeat(3 * 1024 * 1024) })),
    raw('a body nested 100,000 deep', nested(100_000)),
    raw('GET on the message endpoint', undefined, 'application/json', '/api/messages', 'GET'),
    raw('PUT on the message endpoint', good, 'application/json', '/api/messages', 'PUT'),
    raw('DELETE on the message endpoint', undefined, 'application/json', '/api/messages', 'DELETE'),
    raw('a path that does not exist', good, 'application/json', '/api/messages/../admin', 'POST'),
    raw('the fulfilment path without a secret configured', JSON.stringify({ benefitId: 'tb-signature-support', accessId: 'A', contractId: 'C', nonce: 'n'.repeat(20) }), 'application/json', '/api/fulfilment/technical-activations'),
    raw('a path with a traversal', undefined, 'application/json', '/%2e%2e/%2e%2e/etc/passwd', 'GET'),
    // Compressed: refused before it is read (it used to inflate a thousandfold before any token check)
    { ...raw('a gzip body that inflates to 8 MiB', undefined), raw: { path: '/api/messages', method: 'POST', contentType: 'application/json', contentEncoding: 'gzip', bytes: gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)) } },
    { ...raw('a deflate activity', undefined), raw: { path: '/api/messages', method: 'POST', contentType: 'application/json', contentEncoding: 'deflate', bytes: deflateSync(Buffer.from(good)) } },
    { ...raw('a gzip body to a path that does not exist', undefined), raw: { path: '/nowhere', method: 'POST', contentType: 'application/json', contentEncoding: 'gzip', bytes: gzipSync(Buffer.from(good)) } },
  ];
}

interface Outcome {
  entry: Entry;
  status: number;
  body: any;
  replies: ReceivedActivity[];
}

async function send(entry: Entry): Promise<Outcome> {
  if (entry.raw) {
    const { contentEncoding, bytes } = entry.raw;
    const headers = { 'content-type': entry.raw.contentType ?? 'application/json', ...(contentEncoding ? { 'content-encoding': contentEncoding } : {}) };
    const body = bytes ? new Uint8Array(bytes) : entry.raw.body;
    const res = await fetch(`${h.bot.url}${entry.raw.path}`, { method: entry.raw.method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { entry, status: res.status, body: text, replies: [] };
  }
  const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry.activity) });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  const id = entry.activity!.id;
  return { entry, status: res.status, body, replies: h.connector.received.filter((r) => r.replyToId === id) };
}

/** What every answer must be; a string per problem. */
function problemsOf(o: Outcome): string[] {
  const problems: string[] = [];
  const where = `${o.entry.label}: ${o.status}`;
  if (o.status >= 500) problems.push(`${where}: a server error`);
  if (o.entry.expect === '4xx' && (o.status < 400 || o.status >= 500)) problems.push(`${where}: expected a 4xx`);
  const seen = JSON.stringify([o.body ?? null, o.replies.map((r) => r.activity)]);
  if (seen.includes(INTERNAL)) problems.push(`${where}: answered with the internal-error sentence`);
  if (o.entry.expect === 'refusal' && o.status === 200 && o.body?.type !== 'application/vnd.microsoft.activity.message') {
    problems.push(`${where}: expected a refusal (a message to the clicker), got ${String(o.body?.type)}`);
  }
  return problems;
}

/** Every data file but the conversation references, byte for byte (see the test for why those are apart). */
const storeBytes = (): string => dataFolderBytes(h.dataDir);

async function canary(): Promise<boolean> {
  const good = message(h.connector, PEOPLE.globalAdmin, 'benefits');
  const { status } = await h.post(good);
  return status === 200 && cardsOf(h.connector.received.filter((r) => r.replyToId === good.id)).length === 1;
}

describe('a generated corpus of hostile traffic changes nothing and is refused politely', () => {
  it('classifies every verb of the router (a new verb must say whether it writes, and what it names)', () => {
    expect(Object.keys(VERBS).sort()).toEqual(Object.keys(VERB_CASES).sort());
    for (const [verb, c] of Object.entries(VERB_CASES)) expect([verb, VERBS[verb]!.payload.safeParse(c.sample).success]).toEqual([verb, true]);
  });

  it(`${ACTIVITIES} hostile activities and a set of raw bodies: 4xx or a polite refusal, stores byte-for-byte unchanged, the bot answers the next good request`, async () => {
    const before = storeBytes();
    const beforeLogLines = h.logs.lines.length;
    const entries = [...rawEntries(), ...Array.from({ length: ACTIVITIES }, nextActivity)];
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let index = 0;
    let canaries = 0;
    const worker = async () => {
      while (index < entries.length) {
        const i = index++;
        if (i % CANARY_EVERY === 0) {
          canaries++;
          if (!(await canary())) problems.push(`the bot did not answer a good request after entry ${i}`);
        }
        const outcome = await send(entries[i]!);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        problems.push(...problemsOf(outcome).map((p) => `#${i} ${p}`));
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));

    expect(problems.slice(0, 60)).toEqual([]);
    expect(canaries).toBeGreaterThan(ACTIVITIES / CANARY_EVERY);
    expect(await canary()).toBe(true);
    // Nothing written: inventory (snapshot and journal), audit trail, work (jobs, outbox, nonces),
    // support and cancellation requests. the conversation references are apart on purpose: every authenticated
    // turn's conversation reference is kept (how the bot reaches people later), hostile or not.
    expect(storeBytes()).toBe(before);
    // No turn blew up on the way (an unhandled error is logged at level 50).
    const errors = h.logs.lines.slice(beforeLogLines).filter((l) => JSON.parse(l).level >= 50);
    expect(errors.slice(0, 5)).toEqual([]);
    // Plenty of each kind of answer, so that the corpus is not refused wholesale at the door.
    expect(statuses.get(200)).toBeGreaterThan(ACTIVITIES / 2);
  }, 120_000);

  it('leaves no product key in any log line, reply or data file', () => {
    const texts = [{ where: 'logs', text: h.logs.lines.join('\n') }, ...filesUnder(h.dataDir)];
    expect(secretsIn(texts, demoProductKeys())).toEqual([]);
  });
});

describe('what the corpus found, each pinned by a test', () => {
  const post = (body: string, contentType = 'application/json') => fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('a form-encoded body is refused with 415 (it used to be parsed into an activity and answered)', async () => {
    expect((await post('type=message&text=benefits&from[aadObjectId]=x', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it.each([
    ['a from.aadObjectId that is a number (the reply could not be serialised: an error per turn)', { from: { id: '29:x', aadObjectId: 42 } }],
    ['a conversation.tenantId that is a number', { conversation: { id: 'a:x', tenantId: 42 } }],
    ['membersAdded that is a string (the welcome handler threw)', { type: 'conversationUpdate', membersAdded: 'everyone' }],
    ['no type', { type: undefined }],
    ['a conversation without an id', { conversation: { tenantId: DEMO_TENANT } }],
  ])('%s → 400 before any turn runs, and nothing is logged as an error', async (_name, bend) => {
    const lines = h.logs.lines.length;
    const activity = { ...message(h.connector, PEOPLE.globalAdmin, 'benefits'), ...bend };
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'BadRequest', message: 'The activity is malformed.' });
    expect(h.logs.lines.slice(lines).filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });

  it('an invoke the bot does not serve gets a typed 400, not botbuilder\'s 501', async () => {
    const activity = { ...execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }), name: 'composeExtension/query', value: { commandId: 'x' } };
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'NotSupported', message: enUS['error.unknownAction'] } });
  });
});
