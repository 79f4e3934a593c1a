import { loadConfig, ConfigError, DEMO_TEAMS_APP_ID } from '../../src/config/config.js';

const APP = { MicrosoftAppId: '6a1b9f5e-1111-4222-8333-944455556666', MicrosoftAppPassword: 'secret' };

describe('the settings of the Teams app package and the tab', () => {
  it.each([
    ['a Teams app id that is not a GUID', { ...APP, TEAMS_APP_ID: 'partner-benefits' }, /TEAMS_APP_ID: must be a GUID/],
    ['a public host name given as a URL', { ...APP, PUBLIC_HOST_NAME: 'https://benefits.contoso.com/' }, /PUBLIC_HOST_NAME: must be a host name/],
    ['a JWKS address that is not a URL', { ...APP, TAB_SSO_JWKS_URL: 'login.microsoftonline.com/keys' }, /TAB_SSO_JWKS_URL/],
    ['issuers that are not URLs', { ...APP, TAB_SSO_ISSUERS: 'sts.windows.net/{tenant}/' }, /TAB_SSO_ISSUERS: must be a comma-separated list of issuer URLs/],
  ])('%s is refused, naming the variable', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("defaults: the demo Teams app id, Microsoft Entra ID's keys and issuers (v2 and v1 tokens)", () => {
    const c = loadConfig(APP);
    expect(c.TEAMS_APP_ID).toBe(DEMO_TEAMS_APP_ID);
    expect(c.TAB_SSO_JWKS_URL).toBe('https://login.microsoftonline.com/common/discovery/v2.0/keys');
    expect(c.TAB_SSO_ISSUERS).toEqual(['https://login.microsoftonline.com/{tenant}/v2.0', 'https://sts.windows.net/{tenant}/']);
  });

  it.each([
    ['no app id: none, so the tab refuses every token', {}, []],
    ['the app id alone', APP, [APP.MicrosoftAppId]],
    ['the app id and the public host name: also the Application ID URI of webApplicationInfo', { ...APP, PUBLIC_HOST_NAME: 'benefits.contoso.com' }, [APP.MicrosoftAppId, `api://benefits.contoso.com/${APP.MicrosoftAppId}`]],
    ['TAB_SSO_AUDIENCES, when given, replaces them', { ...APP, PUBLIC_HOST_NAME: 'benefits.contoso.com', TAB_SSO_AUDIENCES: 'api://other/x, y ' }, ['api://other/x', 'y']],
  ])('audiences accepted for the tab: %s', (_name, env, audiences) => {
    expect(loadConfig(env, { local: true }).tabSsoAudiences).toEqual(audiences);
  });
});
