import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { LowdbWorkStore } from '../../src/infra/store/lowdb-work-store.js';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SpawnedBot, postJson, runUntilExit, until } from '../support/spawned-bot.js';
import { ConnectorStandIn } from '../support/connector-stand-in.js';
import { execute, message, textsOf } from '../support/bot-harness.js';
import { DEMO_FILE, DEMO_TENANT, PEOPLE } from '../support/demo.js';
import { sign } from '../../src/http/signed-request.js';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import { demoProductKeys, filesUnder, secretsIn } from '../support/secret-scan.js';

/**
 * "No accidental open door", proven on the real process (`node dist/src/index.js`, built once by
 * test/security/build-once.js): a setting that would open the bot to anyone stops it with a sentence
 * that names the variable; the tenant allow-list and the signed fulfilment endpoint refuse strangers.
 */

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const HMAC_SECRET = randomBytes(32).toString('hex');
const APP_ID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const APP_PASSWORD = `app-password-${randomBytes(12).toString('hex')}`;
const FOREIGN_TENANT = '11111111-1111-4111-8111-111111111111';

const dirs: string[] = [];
const bots: SpawnedBot[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'benefits-door-'));
  dirs.push(dir);
  return dir;
}
const env = (dir: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PORT: '0',
  DATA_DIR: dir,
  ENCRYPTION_KEY_FILE: join(dir, 'secrets', 'key'),
  BENEFITS_ENCRYPTION_KEY: ENCRYPTION_KEY,
  INVENTORY_SEED_FILE: DEMO_FILE,
  LOG_LEVEL: 'debug',
  ...extra,
});

afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the process refuses to start with a setting that would let anyone in', () => {
  const refused: [string, Record<string, string>, string[], RegExp][] = [
    ['no MicrosoftAppId and no dangerous setting', {}, [], /MicrosoftAppId: not set, so inbound requests would not be authenticated\..*DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK=true/],
    ['no MicrosoftAppId, the dangerous setting, HOST=0.0.0.0', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', HOST: '0.0.0.0' }, [], /HOST: with MicrosoftAppId unset .* "0\.0\.0\.0" is not loopback/],
    ['no MicrosoftAppId, HOST=0.0.0.0, npm start\'s --local mode', { HOST: '0.0.0.0' }, ['--local'], /HOST: .*"0\.0\.0\.0" is not loopback/],
    ['no MicrosoftAppId, the dangerous setting, HOST=:: (every IPv6 address)', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', HOST: '::' }, [], /HOST: .*"::" is not loopback/],
    ['the dangerous setting with a value that is not a yes or no', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'maybe' }, [], /DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: /],
    ['a MicrosoftAppId that is not a GUID', { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: APP_PASSWORD }, [], /MicrosoftAppId: must be a GUID/],
    ['a MicrosoftAppId without its password', { MicrosoftAppId: APP_ID }, [], /MicrosoftAppPassword: required with MicrosoftAppId/],
    ['a fulfilment secret too short to be a secret', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', FULFILMENT_HMAC_SECRET: 'short' }, [], /FULFILMENT_HMAC_SECRET: must be at least 32 characters/],
    ['the back office mode without a fulfilment secret', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', ACTIVATION_PROCESSOR: 'backOffice' }, [], /FULFILMENT_HMAC_SECRET: required when ACTIVATION_PROCESSOR is backOffice/],
  ];

  it.concurrent.each(refused)('%s → exits non-zero with a sentence naming the variable, and serves nothing', async (_name, extra, args, sentence) => {
    const dir = dataDir();
    const exit = await runUntilExit(env(dir, extra), args);
    expect(exit.code).toBe(2);
    expect(exit.stderr.replace(/\n\s*/g, ' ')).toMatch(sentence);
    expect(exit.stderr).not.toMatch(/^\s+at /m); // a sentence, not a stack trace
    expect(exit.stdout).not.toMatch(/bot ready/);
    expect(secretsIn([{ where: 'stderr', text: exit.stderr }], [APP_PASSWORD, ENCRYPTION_KEY])).toEqual([]);
  });
});

describe('a local bot with authentication off (DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK on loopback), a tenant allow-list and a fulfilment secret', () => {
  let connector: ConnectorStandIn;
  let bot: SpawnedBot;
  let url: string;
  let dir: string;
  const stored = () => LowdbInventoryRepository.readPersisted(join(dir, 'inventory.json'))!;
  const outboxIsEmpty = () => LowdbWorkStore.readPersisted(join(dir, 'work.json')).outbox.length === 0;
  const files = () => filesUnder(dir).filter((f) => !/conversations\.json$/.test(f.where)).map((f) => `${f.where}\n${f.text}`).join('\n');

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    dir = dataDir();
    bot = new SpawnedBot(
      env(dir, {
        HOST: '127.0.0.1',
        DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
        ALLOWED_TENANT_IDS: DEMO_TENANT,
        ACTIVATION_PROCESSOR: 'backOffice',
        FULFILMENT_HMAC_SECRET: HMAC_SECRET,
      }),
    );
    bots.push(bot);
    url = await bot.url();
  });
  afterAll(async () => connector.stop());

  it('says loudly that authentication is off, and listens on loopback only', async () => {
    expect(bot.stdout.join('\n')).toMatch(/AUTHENTICATION IS OFF/);
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const port = Number(new URL(url).port);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    // This machine's own non-loopback address (when it has one) must not answer.
    if (outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: outside.address, port, timeout: 2000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
      });
      expect(reached).toBe(false);
    }
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', inventory: 'loaded' });
  });

  it('refuses another tenant: a message gets the sentence, a card action 403, and nothing is written', async () => {
    const before = files();
    const asForeign = { tenantId: FOREIGN_TENANT, conversationId: 'a:foreign-personal' };
    const sent = connector.received.length;
    const typed = await postJson(`${url}/api/messages`, message(connector, PEOPLE.globalAdmin, 'benefits', asForeign));
    expect(typed.status).toBe(200);
    expect(textsOf(connector.received.slice(sent))).toEqual([expect.stringMatching(/not set up to use this bot/)]);
    const clicked = await postJson(`${url}/api/messages`, execute(connector, PEOPLE.globalAdmin, 'addPerson', { name: 'Mallory', email: 'mallory@evil.example.com', aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a09' }, asForeign));
    expect(clicked.status).toBe(403);
    expect(stored().people.map((p) => p.name)).not.toContain('Mallory');
    expect(files()).toBe(before);

    const own = await postJson(`${url}/api/messages`, execute(connector, PEOPLE.globalAdmin, 'openGroup', { group: 'technical' }));
    expect(own.status).toBe(200);
    expect(own.body.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  describe('the fulfilment endpoint', () => {
    const path = '/api/fulfilment/technical-activations';
    const completion = (nonce: string) => JSON.stringify({ benefitId: 'tb-signature-support', accessId: 'ACC-9000-0001', contractId: 'CTR-2026-900001', nonce });
    const now = () => String(Math.floor(Date.now() / 1000));
    const send = (raw: string, headers: Record<string, string>) => postJson(`${url}${path}`, raw, headers);

    beforeAll(async () => {
      const asked = await postJson(`${url}/api/messages`, execute(connector, PEOPLE.globalAdmin, 'activateTechnicalBenefit', { benefitId: 'tb-signature-support' }));
      expect(asked.status).toBe(200);
      expect(stored().benefits.technical.find((b) => b.id === 'tb-signature-support')!.activation!.state).toBe('pending');
      // Its sentence goes through the outbox after the answer: delivered (and removed) before "nothing changes" is measured.
      await until(() => textsOf(connector.received).some((t) => t.includes('Activation of Signature Product Support requested')) && outboxIsEmpty());
    });

    it('refuses unsigned, badly signed, stale and malformed calls with 4xx, changing nothing', async () => {
      const before = files();
      const raw = completion('nonce-door-000000000001');
      const ts = now();
      const refusals: [string, string, Record<string, string>, number][] = [
        ['unsigned', raw, {}, 401],
        ['a timestamp but no signature', raw, { 'x-timestamp': ts }, 401],
        ['signed with another secret', raw, { 'x-timestamp': ts, 'x-signature': sign(randomBytes(32).toString('hex'), ts, raw) }, 401],
        ['the signature of another body', raw, { 'x-timestamp': ts, 'x-signature': sign(HMAC_SECRET, ts, completion('nonce-door-000000000099')) }, 401],
        ['a signature over another timestamp', raw, { 'x-timestamp': String(Number(ts) - 1), 'x-signature': sign(HMAC_SECRET, ts, raw) }, 401],
        ['a stale timestamp (10 minutes old), signed', raw, { 'x-timestamp': String(Number(ts) - 600), 'x-signature': sign(HMAC_SECRET, String(Number(ts) - 600), raw) }, 401],
        ['a timestamp from the future (10 minutes), signed', raw, { 'x-timestamp': String(Number(ts) + 600), 'x-signature': sign(HMAC_SECRET, String(Number(ts) + 600), raw) }, 401],
        ['a signed body with an unknown field', '{"benefitId":"tb-signature-support","accessId":"A","contractId":"C","nonce":"nonce-door-000000000002","admin":true}', {}, 400],
        ['a signed body that is not JSON', '{"benefitId":', {}, 400],
      ];
      for (const [name, body, headers, status] of refusals) {
        const signedHere = status === 400 ? { 'x-timestamp': ts, 'x-signature': sign(HMAC_SECRET, ts, body) } : headers;
        const answer = await send(body, signedHere);
        expect([name, answer.status]).toEqual([name, status]);
      }
      expect(stored().benefits.technical.find((b) => b.id === 'tb-signature-support')!.activation!.state).toBe('pending');
      expect(files()).toBe(before);
    });

    it('accepts a signed, fresh call once; the same call replayed is refused with 409', async () => {
      const raw = completion('nonce-door-000000000003');
      const ts = now();
      const headers = { 'x-timestamp': ts, 'x-signature': sign(HMAC_SECRET, ts, raw) };
      const first = await send(raw, headers);
      expect(first).toEqual({ status: 200, body: { status: 'completed' } });
      expect(stored().benefits.technical.find((b) => b.id === 'tb-signature-support')!.activation).toMatchObject({ state: 'active', accessId: 'ACC-9000-0001' });
      // The requester is told (a proactive message) and the outbox empties: then nothing else moves.
      await until(() => connector.received.some((r) => JSON.stringify(r.activity).includes('ACC-9000-0001')) && outboxIsEmpty());
      const before = files();
      const replayed = await send(raw, headers);
      expect(replayed.status).toBe(409);
      expect(replayed.body.code).toBe('Replayed');
      expect(files()).toBe(before);
    });
  });

  it('leaves no product key, secret or password in its output or data files', () => {
    const texts = [{ where: 'stdout', text: bot.stdout.join('\n') }, { where: 'stderr', text: bot.stderr.join('\n') }, ...filesUnder(dir)];
    expect(secretsIn(texts, [...demoProductKeys(), HMAC_SECRET, ENCRYPTION_KEY])).toEqual([]);
  });
});

describe('a bot with MicrosoftAppId set (authentication on), on the real process', () => {
  let connector: ConnectorStandIn;
  let bot: SpawnedBot;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    dir = dataDir();
    bot = new SpawnedBot(env(dir, { HOST: '127.0.0.1', MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD }));
    bots.push(bot);
    url = await bot.url();
  });
  afterAll(async () => connector.stop());

  it('refuses a request without a token, and one with a token no Bot Framework key signed, with 401, and changes nothing', async () => {
    const before = filesUnder(dir).map((f) => f.text).join('\n');
    const activity = execute(connector, PEOPLE.globalAdmin, 'addPerson', { name: 'Mallory', email: 'mallory@fabrikam.co.jp', aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a09' });
    expect((await postJson(`${url}/api/messages`, activity)).status).toBe(401);
    expect((await postJson(`${url}/api/messages`, activity, { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    expect((await postJson(`${url}/api/messages`, message(connector, PEOPLE.globalAdmin, 'benefits'), { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
    expect(connector.received).toHaveLength(0);
    expect(filesUnder(dir).map((f) => f.text).join('\n')).toBe(before);
  });

  it('has no fulfilment endpoint without a secret (404), and says it listens with authentication on', async () => {
    const raw = JSON.stringify({ benefitId: 'tb-signature-support', accessId: 'A', contractId: 'C', nonce: 'nonce-door-000000000004' });
    expect((await postJson(`${url}/api/fulfilment/technical-activations`, raw)).status).toBe(404);
    expect(bot.stdout.join('\n')).toMatch(/"auth":"on"/);
    expect(bot.stdout.join('\n')).not.toMatch(/AUTHENTICATION IS OFF/);
  });

  it('leaves no product key, app password or secret in its output or data files', () => {
    const texts = [{ where: 'stdout', text: bot.stdout.join('\n') }, { where: 'stderr', text: bot.stderr.join('\n') }, ...filesUnder(dir)];
    expect(secretsIn(texts, [...demoProductKeys(), APP_PASSWORD, ENCRYPTION_KEY])).toEqual([]);
  });
});
