import { loadConfig, ConfigError } from '../../src/config/config.js';

const APP = { MicrosoftAppId: '6a1b9f5e-1111-4222-8333-944455556666', MicrosoftAppPassword: 'secret' };

describe('configuration is validated at start-up; a bad value names its variable', () => {
  it.each([
    ['a port that is not a number', { ...APP, PORT: 'eighty' }, /^Invalid configuration:\n  PORT:/],
    ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot' }, /MicrosoftAppId: must be a GUID/],
    ['an app id without its password', { MicrosoftAppId: APP.MicrosoftAppId }, /^MicrosoftAppPassword: required/],
    ['a single-tenant app without its tenant', { ...APP, MicrosoftAppType: 'SingleTenant' }, /^MicrosoftAppTenantId: required/],
    ['an unknown app type', { ...APP, MicrosoftAppType: 'Single' }, /MicrosoftAppType:/],
    ['a tenant allow-list entry that is not a GUID', { ...APP, ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' }, /ALLOWED_TENANT_IDS/],
    ['an encryption key of the wrong size', { ...APP, BENEFITS_ENCRYPTION_KEY: 'c2hvcnQ=' }, /BENEFITS_ENCRYPTION_KEY: must be 32 bytes/],
    ['a log level that does not exist', { ...APP, LOG_LEVEL: 'loud' }, /LOG_LEVEL:/],
    ['no app id and no dangerous opt-in', {}, /^MicrosoftAppId: not set.*DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK/s],
    ['no app id on a public interface', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', HOST: '0.0.0.0' }, /^HOST: .*loopback only/],
    ['a boolean that is not one', { DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'maybe' }, /DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK/],
  ])('%s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('with an app id, auth is on and the bot listens on every interface', () => {
    const c = loadConfig(APP);
    expect(c).toMatchObject({ authDisabled: false, host: '0.0.0.0', PORT: 3978 });
  });

  it("npm start's local mode runs without an app id, on loopback only", () => {
    expect(loadConfig({}, { local: true })).toMatchObject({ authDisabled: true, host: '127.0.0.1' });
    expect(() => loadConfig({ HOST: '0.0.0.0' }, { local: true })).toThrow(/loopback only/);
  });
});

describe('activation processing and the back office secret', () => {
  it.each([
    ['a processing delay without a unit', { ...APP, ACTIVATION_PROCESSING_DELAY: '10' }, /ACTIVATION_PROCESSING_DELAY: must be a duration/],
    ['a back office without its secret', { ...APP, ACTIVATION_PROCESSOR: 'backOffice' }, /^FULFILMENT_HMAC_SECRET: required when ACTIVATION_PROCESSOR is backOffice/],
    ['a secret too short to be one', { ...APP, FULFILMENT_HMAC_SECRET: 'short' }, /FULFILMENT_HMAC_SECRET: must be at least 32 characters/],
    ['a replay window of a day', { ...APP, FULFILMENT_TIMESTAMP_TOLERANCE: '1d' }, /FULFILMENT_TIMESTAMP_TOLERANCE: must be between 1s and 1h/],
  ])('%s is refused', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ['50ms', 50],
    ['10s', 10_000],
    ['1.5m', 90_000],
    ['3d', 259_200_000],
  ])('ACTIVATION_PROCESSING_DELAY=%s is %s ms', (value, ms) => {
    expect(loadConfig({ ...APP, ACTIVATION_PROCESSING_DELAY: value }).ACTIVATION_PROCESSING_DELAY).toBe(ms);
  });

  it('defaults: the embedded processor after 10 s, no completion endpoint, a 5-minute replay window', () => {
    expect(loadConfig(APP)).toMatchObject({ ACTIVATION_PROCESSOR: 'embedded', ACTIVATION_PROCESSING_DELAY: 10_000, FULFILMENT_HMAC_SECRET: '', FULFILMENT_TIMESTAMP_TOLERANCE: 300_000 });
  });
});

describe('Go-To-Market offer validity, expiry reminders, refund-window warning', () => {
  it.each([
    ['an offer validity of no days', { ...APP, GTM_OFFER_VALIDITY_DAYS: '0' }, /GTM_OFFER_VALIDITY_DAYS:/],
    ['a validity that is not a number', { ...APP, GTM_OFFER_VALIDITY_DAYS: 'a year' }, /GTM_OFFER_VALIDITY_DAYS:/],
    ['reminders a negative number of days ahead', { ...APP, GTM_EXPIRY_REMINDER_DAYS: '-1' }, /GTM_EXPIRY_REMINDER_DAYS:/],
    ['a sweep interval without a unit', { ...APP, GTM_REMINDER_SWEEP_INTERVAL: '24' }, /GTM_REMINDER_SWEEP_INTERVAL: must be a duration/],
    ['a sweep interval of a month', { ...APP, GTM_REMINDER_SWEEP_INTERVAL: '30d' }, /GTM_REMINDER_SWEEP_INTERVAL: must be between 1s and 7d/],
    ['a warning longer than the refund window', { ...APP, REFUND_WINDOW_WARNING_DAYS: '31' }, /REFUND_WINDOW_WARNING_DAYS:/],
    ['a request reminded after it expired', { ...APP, REQUEST_REMIND_AFTER_DAYS: '14', REQUEST_EXPIRE_AFTER_DAYS: '7' }, /REQUEST_REMIND_AFTER_DAYS: must be fewer than REQUEST_EXPIRE_AFTER_DAYS \(7\)/],
    ['a request sweep once a week', { ...APP, REQUEST_SWEEP_INTERVAL: '7d' }, /REQUEST_SWEEP_INTERVAL: must be between 1s and 1d/],
  ])('%s is refused', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('defaults: offers valid 365 days, reminded 30 days ahead by a daily sweep, refund windows warned 7 days ahead', () => {
    expect(loadConfig(APP)).toMatchObject({ GTM_OFFER_VALIDITY_DAYS: 365, GTM_EXPIRY_REMINDER_DAYS: 30, GTM_REMINDER_SWEEP_INTERVAL: 86_400_000, REFUND_WINDOW_WARNING_DAYS: 7 });
  });
});

describe('a misspelt setting stops the process with the setting it looks like', () => {
  it.each([
    ['MicrosoftAppID', 'MicrosoftAppId'],
    ['Port', 'PORT'],
    ['DataDir', 'DATA_DIR'],
    ['LOGLEVEL', 'LOG_LEVEL'],
    ['ALLOWED_TENANT_ID', 'ALLOWED_TENANT_IDS'],
    ['MicrosoftAppPasword', 'MicrosoftAppPassword'],
    ['INVENTORY_SEED_FIEL', 'INVENTORY_SEED_FILE'],
  ])('%s → did you mean %s?', (typo, meant) => {
    expect(() => loadConfig({ ...APP, [typo]: 'x' })).toThrow(`Unknown setting "${typo}": did you mean ${meant}?`);
  });

  it('names of other programs pass, whatever this machine has in its environment', () => {
    const others = { PATH: '/usr/bin', HOME: '/root', HOSTNAME: 'ci', NODE_OPTIONS: '--x', LANG: 'ja_JP.UTF-8', PWD: '/', CI: 'true', TERM: 'xterm', NODE_ENV: 'test', JEST_WORKER_ID: '1', PORTS: '' };
    expect(() => loadConfig({ ...others, ...APP })).not.toThrow();
    const machine = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('Microsoft') && !['PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL'].includes(k)));
    expect(() => loadConfig({ ...machine, ...APP })).not.toThrow();
  });
});

describe('STORE=postgres needs a DATABASE_URL, whose password no sentence repeats', () => {
  it.each([
    ['no DATABASE_URL', {}, /^DATABASE_URL: required when STORE is postgres/],
    ['a DATABASE_URL that is not a URL', { DATABASE_URL: 'host=db password=hunter2' }, /^DATABASE_URL: not a URL/],
    ['a DATABASE_URL of another scheme', { DATABASE_URL: 'mysql://bot:hunter2@db/benefits' }, /^DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\/, not mysql:\/\//],
    ['a DATABASE_URL without a database', { DATABASE_URL: 'postgres://bot:hunter2@db:5432' }, /^DATABASE_URL: names no database/],
  ])('%s is refused', (_name, env, message) => {
    const load = () => loadConfig({ ...APP, STORE: 'postgres', ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
    const sentence = (() => {
      try {
        load();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(sentence).not.toContain('hunter2');
  });

  it('a postgres:// URL is taken; STORE=lowdb does not look at it', () => {
    expect(loadConfig({ ...APP, STORE: 'postgres', DATABASE_URL: 'postgres://bot:pw@db.internal:5432/benefits' })).toMatchObject({ STORE: 'postgres', DATABASE_URL: 'postgres://bot:pw@db.internal:5432/benefits' });
    expect(loadConfig({ ...APP, DATABASE_URL: 'nonsense' })).toMatchObject({ STORE: 'lowdb' });
  });

  it('an unknown engine is refused, naming both', () => {
    expect(() => loadConfig({ ...APP, STORE: 'mongodb' })).toThrow(/STORE:.*"lowdb"\|"postgres"|STORE:.*lowdb.*postgres/);
  });
});
