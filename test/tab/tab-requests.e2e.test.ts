import { startHarness, execute, type Harness } from '../support/bot-harness.js';
import { DEMO_TENANT, PEOPLE } from '../support/demo.js';
import { SsoIssuer } from '../support/sso-issuer.js';

let h: Harness;
let sso: SsoIssuer;
beforeAll(async () => {
  sso = await new SsoIssuer().start();
  h = await startHarness({ ...sso.env() }, { clock: { now: () => new Date('2026-12-01T00:30:00Z') } });
});
afterAll(async () => {
  await h?.stop();
  await sso?.stop();
});

async function requests(person: { aadObjectId: string } | undefined, locale = 'en-US', tid = DEMO_TENANT) {
  const token = person ? await sso.mint({ oid: person.aadObjectId, tid }) : undefined;
  const res = await fetch(`${h.bot.url}/api/tab/requests?locale=${locale}&timeZone=Asia/Tokyo`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

describe('GET /api/tab/requests: a person\'s own requests and, to approvers, those waiting for them', () => {
  beforeAll(async () => {
    await h.post(execute(h.connector, PEOPLE.noRole, 'askForBenefit', { kind: 'visualStudio', benefitId: 'vs-enterprise' }));
    await h.post(execute(h.connector, PEOPLE.noRole, 'askForBenefit', { kind: 'software', benefitId: 'sw-windows-server-2022' }));
  });

  it('a person with no role sees their own requests (no overview needed), dated in their time zone', async () => {
    const { status, body } = await requests(PEOPLE.noRole);
    expect(status).toBe(200);
    expect(body.mine.items.map((r: any) => [r.name, r.stateText, r.date])).toEqual([
      ['Windows Server 2022 Datacenter', 'Waiting for approval', 'Dec 1, 2026, 9:30 AM'],
      ['Visual Studio Enterprise', 'Waiting for approval', 'Dec 1, 2026, 9:30 AM'],
    ]);
    expect(body.waiting).toBeUndefined();
  });

  it.each([
    ['a Global admin', PEOPLE.globalAdmin, ['Visual Studio Enterprise', 'Windows Server 2022 Datacenter']],
    ['an MPN partner admin', PEOPLE.mpnPartnerAdmin, ['Windows Server 2022 Datacenter']],
  ])('%s sees those waiting for them', async (_who, person, names) => {
    const { body } = await requests(person, 'ja-JP');
    expect(body.waiting.title).toBe('あなたの承認待ち');
    expect(body.waiting.items.map((r: any) => r.name)).toEqual(names);
    expect(body.waiting.items[0].requester).toBe('伊藤 直樹 (Naoki Ito)');
  });

  it('refused without a token, and to another tenant', async () => {
    expect((await requests(undefined)).status).toBe(401);
    const foreign = await requests(PEOPLE.noRole, 'en-US', '99999999-9999-4999-8999-999999999999');
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).not.toContain('Visual Studio');
  });
});
