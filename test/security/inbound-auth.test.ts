import { startHarness, message, cardsOf, type Harness } from '../support/bot-harness.js';
import { TokenAuthority, LocalCredentialsFactory } from '../support/token-authority.js';
import { PEOPLE } from '../support/demo.js';

const APP_ID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
let authority: TokenAuthority;
let h: Harness;

beforeAll(async () => {
  authority = await new TokenAuthority().start();
  h = await startHarness(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'false', HOST: '127.0.0.1' },
    { auth: { openIdMetadataUrl: authority.metadataUrl, tokenIssuer: TokenAuthority.ISSUER, credentialsFactory: new LocalCredentialsFactory(APP_ID) } },
  );
});
afterAll(async () => {
  await h.stop();
  await authority.stop();
});

async function postWith(authorization: string | undefined, activity = message(h.connector, PEOPLE.globalAdmin, 'benefits')) {
  const before = h.connector.received.length;
  const res = await fetch(`${h.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: res.status, replies: h.connector.received.slice(before) };
}

describe('inbound auth: with an app id, every request carries a valid Bot Framework token', () => {
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
  ];

  it.each(bad)('%s → 401, no reply, and the bot still answers the next good request', async (_name, header) => {
    const { status, replies } = await postWith(await header());
    expect(status).toBe(401);
    expect(replies).toHaveLength(0);
    const good = await postWith(`Bearer ${await authority.token({ appId: APP_ID, serviceUrl: h.connector.url })}`);
    expect(good.status).toBe(200);
  });
});
