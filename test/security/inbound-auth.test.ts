import { startHarness, message, execute, cardsOf, type Harness } from '../support/bot-harness.js';
import { demoProductKeys, filesUnder, secretsIn } from '../support/secret-scan.js';
import { TokenAuthority } from '../support/token-authority.js';
import { PEOPLE } from '../support/demo.js';
import { sdkUnderTest } from '../support/sdk-under-test.js';

const APP_ID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const APP_PASSWORD = 'inbound-auth-app-password-not-used-offline';
/** Issuers botbuilder takes as the Emulator's (AuthenticationConstants / EmulatorValidation). */
const EMULATOR_V1 = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const EMULATOR_V2 = 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0';
let authority: TokenAuthority;
let h: Harness;
/** Every token this file made, good and bad, and what botbuilder wrote to the console (secrets scan). */
const minted: string[] = [];
const consoleLines: string[] = [];
const LEVELS = ['log', 'warn', 'error', 'info'] as const;
const original = Object.fromEntries(LEVELS.map((l) => [l, globalThis.console[l]]));

beforeAll(async () => {
  for (const level of LEVELS) globalThis.console[level] = (...args: unknown[]) => void consoleLines.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  authority = await new TokenAuthority().start();
  h = await startHarness(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'false', HOST: '127.0.0.1' },
    { auth: authority.overrides(APP_ID) },
  );
});
afterAll(async () => {
  Object.assign(globalThis.console, original);
  await h.stop();
  await authority.stop();
});

async function postWith(authorization: string | undefined, activity: object = message(h.connector, PEOPLE.globalAdmin, 'benefits')) {
  if (authorization?.startsWith('Bearer ')) minted.push(authorization.slice(7));
  const before = h.connector.received.length;
  const res = await fetch(`${h.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, replies: h.connector.received.slice(before) };
}

describe(`inbound auth on ${sdkUnderTest()}: with an app id, every request carries a valid Bot Framework token`, () => {
  it('a valid token is accepted, and the reply goes out with the outbound credentials', async () => {
    const token = await authority.token({ appId: APP_ID, serviceUrl: h.connector.url });
    const { status, replies } = await postWith(`Bearer ${token}`);
    expect(status).toBe(200);
    expect(cardsOf(replies)).toHaveLength(1);
    expect(replies[0]!.authorization).toBe('Bearer local-outbound-token');
  });

  const bad: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['a header that is not a bearer token', async () => 'Basic dXNlcjpwYXNz'],
    ['a token that is not a JWT', async () => 'Bearer not.a.jwt'],
    ['a wrong audience', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, audience: '00000000-0000-4000-8000-000000000000' })}`],
    ['a wrong issuer', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, issuer: 'https://evil.example.com' })}`],
    ['an unknown key id', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, kid: 'key-unknown' })}`],
    ['a forged signature with a known key id', async () => `Bearer ${await authority.foreignToken({ appId: APP_ID, serviceUrl: h.connector.url })}`],
    ['a known key id signed by the other key', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, kid: 'key-1', signWith: 'key-2' })}`],
    ['a serviceurl claim for another service', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: 'https://smba.evil.example.com/' })}`],
    ['a token expired beyond the 5-minute tolerance', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, expiresInSeconds: -600 })}`],
    // Signed by a key the bot trusts, and still not a token Teams sends (each was accepted):
    ['a token with no exp (good forever)', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, expiresInSeconds: null })}`],
    ['a token with no serviceurl claim', async () => `Bearer ${await authority.token({ appId: APP_ID })}`],
    ['a token of the Emulator\'s issuer (v1, appid = ours)', async () => `Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url, issuer: EMULATOR_V1, claims: { ver: '1.0', appid: APP_ID } })}`],
    ['the bot\'s own outbound token replayed (Emulator issuer v2, aud the Bot Connector, azp ours, a foreign serviceurl)', async () => `Bearer ${await authority.token({ appId: APP_ID, audience: 'https://api.botframework.com', serviceUrl: 'https://evil.example.com/', issuer: EMULATOR_V2, claims: { ver: '2.0', azp: APP_ID } })}`],
    ['the Emulator\'s issuer with no serviceurl claim', async () => `Bearer ${await authority.token({ appId: APP_ID, issuer: EMULATOR_V1, claims: { ver: '1.0', appid: APP_ID } })}`],
  ];

  it.each(bad)('%s → 401, no reply, and the bot still answers the next good request', async (_name, header) => {
    const { status, replies } = await postWith(await header());
    expect(status).toBe(401);
    expect(replies).toHaveLength(0);
    const good = await postWith(`Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url })}`);
    expect(good.status).toBe(200);
  });

  // A card button (Action.Execute invoke) is held to the same rule, and a refused one writes nothing.
  const addMallory = () => execute(h.connector, PEOPLE.globalAdmin, 'addPerson', { name: 'Mallory', email: 'mallory@fabrikam.co.jp', aadObjectId: 'b1f0c6d2-0009-4c1e-9a11-3b5d7e9f1a09' });

  it.each(bad)('an Action.Execute invoke with %s → 401, nothing written, no reply', async (_name, header) => {
    const before = h.storeBytes();
    const { status, replies } = await postWith(await header(), addMallory());
    expect(status).toBe(401);
    expect(replies).toHaveLength(0);
    expect(h.storeBytes()).toBe(before);
  });

  it('an Action.Execute invoke with a valid token is served: the card comes back in the invoke response', async () => {
    const token = await authority.token({ appId: APP_ID, serviceUrl: h.connector.url });
    const { status, body } = await postWith(`Bearer ${token}`, execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }));
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  // A token that passed is kept until it expires (src/bot/verified-tokens.ts): what the check read of the
  // activity must still be checked for each one, whatever was accepted with the same token before.
  it('a token accepted on card buttons, sent again with another serviceUrl → 401, nothing written', async () => {
    const token = await authority.token({ appId: APP_ID, serviceUrl: h.connector.url });
    const open = () => execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' });
    expect((await postWith(`Bearer ${token}`, open())).status).toBe(200);
    expect((await postWith(`Bearer ${token}`, open())).status).toBe(200);
    const before = h.storeBytes();
    const { status, replies } = await postWith(`Bearer ${token}`, { ...addMallory(), serviceUrl: 'https://smba.evil.example.com/' });
    expect(status).toBe(401);
    expect(replies).toHaveLength(0);
    expect(h.storeBytes()).toBe(before);
  });

  it('the health endpoint needs no token and says nothing but that the bot is up', async () => {
    const res = await fetch(`${h.bot.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', inventory: 'loaded' });
  });

  it('leaves no token, app password or product key in any log line, console line or data file', () => {
    expect(minted.length).toBeGreaterThan(10);
    if (sdkUnderTest() === 'botbuilder') expect(consoleLines.length).toBeGreaterThan(0); // botbuilder does write the refusals there
    const texts = [{ where: 'logs', text: h.logs.lines.join('\n') }, { where: 'console', text: consoleLines.join('\n') }, ...filesUnder(h.dataDir)];
    const secrets = [...minted, ...minted.map((t) => t.split('.')[2] ?? ''), APP_PASSWORD, 'local-outbound-token', ...demoProductKeys()];
    expect(secretsIn(texts, secrets)).toEqual([]);
  });
});
