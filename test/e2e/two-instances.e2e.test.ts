import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpawnedBot, postJson, until } from '../support/spawned-bot.js';
import { ConnectorStandIn, type ReceivedActivity } from '../support/connector-stand-in.js';
import { cardText, execute, message } from '../support/bot-harness.js';
import { DEMO_FILE, PEOPLE } from '../support/demo.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { enUS } from '../../src/i18n/locales/en-US.js';

/**
 * Two bot processes (node dist/src/index.js) behind one endpoint, on one PostgreSQL database, with one
 * connector stand-in: a person's turns go to either; the last seat asked through both at once is given
 * once; an activation asked of one instance that is then killed is completed and told once, by the
 * other; each expiry reminder goes once though every instance sweeps.
 */

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const kenta = PEOPLE.mpnPartnerAdmin;
const admin = PEOPLE.globalAdmin;

const cardsOf = (r: ReceivedActivity) => (r.activity.attachments ?? []).map((a: { content: unknown }) => a.content);
const titled = (connector: ConnectorStandIn, title: string) => connector.received.filter((r) => cardText(cardsOf(r)).includes(title));

describe('two instances behind one endpoint, on one PostgreSQL database', () => {
  let database: TestDatabase;
  let connector: ConnectorStandIn;
  let dir: string;
  let env: Record<string, string>;
  const bots: SpawnedBot[] = [];
  const urls: string[] = [];
  /** A turn through instance `i` (0 or 1): what the HTTP answer said. */
  const turn = (i: number, activity: object) => postJson(`${urls[i]}/api/messages`, activity);
  const start = async () => {
    const bot = new SpawnedBot(env);
    bots.push(bot);
    return bot.url();
  };

  beforeAll(async () => {
    // The real process needs the build of these sources (done once per run, as for the security suite).
    const builder: string = '../security/build-once.js';
    ((await import(builder)) as { default: () => void }).default();
    database = await freshDatabase();
    connector = await new ConnectorStandIn().start();
    dir = mkdtempSync(join(tmpdir(), 'benefits-two-'));
    env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
      STORE: 'postgres',
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      ENCRYPTION_KEY_FILE: join(dir, 'secrets', 'key'),
      BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      INVENTORY_SEED_FILE: DEMO_FILE,
      ACTIVATION_PROCESSING_DELAY: '3s',
      // An offer active for 10 days is inside the 30-day reminder window as soon as it is active;
      // every instance sweeps every second.
      GTM_OFFER_VALIDITY_DAYS: '10',
      GTM_EXPIRY_REMINDER_DAYS: '30',
      GTM_REMINDER_SWEEP_INTERVAL: '1s',
      LOG_LEVEL: 'info',
    };
    // The first seeds the empty database with the demo company; the second finds it there.
    urls.push(await start());
    urls.push(await start());
    // Each person has a 1:1 chat with the bot (where notifications go), opened through either instance.
    for (const [i, who] of [kenta, admin, PEOPLE.userAdmin].entries()) expect((await turn(i % 2, message(connector, who, 'help'))).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop().catch(() => undefined)));
    await connector?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a person acting through one instance and then the other always sees their change', async () => {
    for (let i = 0; i < 6; i++) {
      const person = { name: `Alternate ${i}`, email: `alternate.${i}@fabrikam.co.jp`, aadObjectId: `a17e0000-0000-4000-8000-00000000000${i}` };
      const added = await turn(i % 2, execute(connector, admin, 'addPerson', person));
      expect(added.body?.type).toBe(CARD);
      const seen = await turn((i + 1) % 2, execute(connector, admin, 'showPerson', { personId: person.aadObjectId }));
      expect(seen.status).toBe(200);
      expect(JSON.stringify(seen.body)).toContain(person.name);
    }
  });

  it('the last free seat asked through both at once: exactly one is given, the other is told why', async () => {
    const [first, second, third] = [0, 1, 2].map((i) => ({ aadObjectId: `a17e0000-0000-4000-8000-00000000000${i}` }));
    expect((await turn(0, execute(connector, admin, 'assignSeat', { subscriptionId: 'vs-professional', personId: first!.aadObjectId }))).body?.type).toBe(CARD);
    const both = await Promise.all([
      turn(0, execute(connector, admin, 'assignSeat', { subscriptionId: 'vs-professional', personId: second!.aadObjectId })),
      turn(1, execute(connector, PEOPLE.globalAndMpnAdmin, 'assignSeat', { subscriptionId: 'vs-professional', personId: third!.aadObjectId })),
    ]);
    expect(both.filter((r) => r.body?.type === CARD)).toHaveLength(1);
    const noSeat = enUS['error.noFreeSeat'].split('{level}')[1]!.split('{total}')[0]!;
    expect(both.filter((r) => r.body?.type === MESSAGE && String(r.body.value).includes(noSeat))).toHaveLength(1);
  });

  it('an activation asked of an instance that is then killed is completed by the other and told exactly once', async () => {
    const asked = await turn(0, execute(connector, kenta, 'activateTechnicalBenefit', { benefitId: 'tb-signature-support' }));
    expect(asked.body?.type).toBe(CARD);
    expect((await bots[0]!.kill()).signal).toBe('SIGKILL');
    const title = enUS['notify.technical.title'];
    await until(() => titled(connector, title).length >= 1, 30_000, 'the notification');
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // nothing more comes
    expect(titled(connector, title).map((r) => r.conversationId)).toEqual([`a:personal-${kenta.aadObjectId}`]);
    // A new instance joins in the place of the killed one.
    urls[0] = await start();
  }, 60_000);

  it('each expiry reminder goes once, though every instance sweeps every second', async () => {
    const contact = await turn(0, execute(connector, admin, 'setMarketingContact', { mode: 'add', personId: PEOPLE.userAdmin.aadObjectId, email: 'marketing@fabrikam.co.jp', phone: '+81 3-1234-5678', preferredLanguage: 'en-US' }));
    expect(contact.body?.type).toBe(CARD);
    expect((await turn(1, execute(connector, kenta, 'activateOffer', { offerId: 'gtm-silver-core' }))).body?.type).toBe(CARD);
    const title = enUS['notify.gtmExpiry.title'];
    // To the one who activated it and to the marketing contact (R7.5, R7.3).
    await until(() => titled(connector, title).length >= 2, 30_000, 'the reminders');
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // several sweeps of both instances
    expect(titled(connector, title).map((r) => r.conversationId).sort()).toEqual([`a:personal-${kenta.aadObjectId}`, `a:personal-${PEOPLE.userAdmin.aadObjectId}`].sort());
    expect(titled(connector, enUS['notify.gtm.title'])).toHaveLength(1);
  }, 60_000);
});
