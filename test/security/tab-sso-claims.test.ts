import { TeamsSsoVerifier } from '../../src/http/auth/teams-sso.js';
import { SsoIssuer, TAB_APP_ID, TAB_APP_ID_URI } from '../support/sso-issuer.js';

/**
 * The tab's API took any token for its audience with an identity in it: an app-only token, a token
 * another client app obtained for our API, one for another scope. Now only what Teams asks for on the
 * person's behalf: the `access_as_user` scope, with a Teams client as `azp` (`appid` in a v1 token).
 */

const OID = '6f1c0d7e-0000-4000-8000-000000000001';
const TID = '7b6c1a2e-3f4d-4e5a-9b8c-0d1e2f3a4b5c';
const TEAMS_DESKTOP = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
let issuer: SsoIssuer;
let verifier: TeamsSsoVerifier;

beforeAll(async () => {
  issuer = await new SsoIssuer().start();
  verifier = new TeamsSsoVerifier({ jwksUrl: issuer.jwksUrl, audiences: [TAB_APP_ID_URI, TAB_APP_ID], issuers: ['https://login.microsoftonline.com/{tenant}/v2.0', 'https://sts.windows.net/{tenant}/'] });
});
afterAll(() => issuer.stop());

const check = async (extra: Record<string, unknown>, iss?: string) => verifier.verify(`Bearer ${await issuer.mint({ oid: OID, tid: TID, extra, ...(iss ? { iss } : {}) })}`);

describe('a tab SSO token is taken only when Teams asked for it, for access_as_user', () => {
  it.each([
    ['Teams desktop or mobile', { azp: TEAMS_DESKTOP }],
    ['Teams on the web', { azp: TEAMS_WEB }],
    ['more scopes besides access_as_user', { scp: 'User.Read access_as_user' }],
    ['a v1 token whose appid is Teams', { ver: '1.0', azp: undefined, appid: TEAMS_WEB }],
  ])('%s → accepted', async (_name, extra) => {
    const result = await check(extra, (extra as { ver?: string }).ver === '1.0' ? `https://sts.windows.net/${TID}/` : undefined);
    expect(result).toEqual({ ok: true, identity: { aadObjectId: OID, tenantId: TID } });
  });

  it.each([
    ['no scp (an app-only token)', { scp: undefined }, 'wrongScope'],
    ['another scope', { scp: 'User.Read' }, 'wrongScope'],
    ['a scope that only starts like ours', { scp: 'access_as_user_admin' }, 'wrongScope'],
    ['app roles instead of a scope', { scp: undefined, roles: ['access_as_user'] }, 'wrongScope'],
    ['no azp', { azp: undefined }, 'wrongClient'],
    ['another client app (a script with its own registration)', { azp: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' }, 'wrongClient'],
    ['our own app as the client', { azp: TAB_APP_ID }, 'wrongClient'],
    ['a Teams id in appid but another in azp', { azp: TAB_APP_ID, appid: TEAMS_DESKTOP }, 'wrongClient'],
  ])('%s → refused (%s)', async (_name, extra, reason) => {
    expect(await check(extra)).toEqual({ ok: false, reason });
  });
});
