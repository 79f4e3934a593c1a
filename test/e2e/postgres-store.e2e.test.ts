import { randomBytes } from 'node:crypto';
import { findSubscription } from '../../src/domain/visual-studio.js';
import { startHarness, message, execute, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';
import { asAdmin, freshDatabase, terminateConnections, type TestDatabase } from '../support/postgres.js';

/** The bot on STORE=postgres, over HTTP: two instances on one database, a person's turns sent to each in turn. */
let db: TestDatabase;
let a: Harness;
let b: Harness;
beforeAll(async () => {
  db = await freshDatabase();
  // One company, one encryption key: every instance must hold the same one to open its keys.
  const env = { STORE: 'postgres', DATABASE_URL: db.url, BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  a = await startHarness(env);
  b = await startHarness(env);
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await db.drop();
});

const holders = (h: Harness, id: string) => findSubscription(h.stores.inventory.current()!, id)!.assignments.map((x) => x.aadObjectId);

describe('STORE=postgres, two instances behind one endpoint', () => {
  it('both answer "benefits" from the one inventory in the database', async () => {
    for (const h of [a, b]) {
      const { status, replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
      expect(status).toBe(200);
      expect(cardText(cardsOf(replies)[0])).toContain('Fabrikam Japan 株式会社');
    }
  });

  it('R5.1: a seat assigned through one instance is seen on the next turn through the other, with its audit line', async () => {
    const assigned = await a.post(execute(a.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: PEOPLE.noRole.aadObjectId }));
    expect(cardText(assigned.body.value)).toContain('2 of 5 assigned');
    const seen = await b.post(execute(b.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'visualStudio' }));
    expect(cardText(seen.body.value)).toContain('2 of 5 assigned');
    expect(holders(b, 'vs-enterprise')).toContain(PEOPLE.noRole.aadObjectId);
    const [entry] = await b.stores.audit.query({ action: 'assignVisualStudioSeat', limit: 1 });
    expect(entry).toMatchObject({ actor: { aadObjectId: PEOPLE.globalAdmin.aadObjectId }, details: { assignee: PEOPLE.noRole.aadObjectId } });
  });

  it('the same person asked for the same seat through both at once: one assignment, the other told it is held', async () => {
    const ask = (h: Harness) => h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: PEOPLE.userAdmin.aadObjectId }));
    await Promise.all([ask(a), ask(b)]);
    await b.stores.inventory.refresh();
    expect(holders(b, 'vs-enterprise').filter((id) => id === PEOPLE.userAdmin.aadObjectId)).toHaveLength(1);
    expect((await a.stores.audit.query({ action: 'assignVisualStudioSeat', targetId: 'vs-enterprise', limit: 10 })).filter((e) => e.details?.assignee === PEOPLE.userAdmin.aadObjectId)).toHaveLength(1);
  });

  it('R3.2: a 1:1 chat opened through one instance, then Get keys in a group chat through the other: the keys go to that 1:1 chat', async () => {
    await a.post(message(a.connector, PEOPLE.mpnPartnerAdmin, 'help'));
    a.connector.clear();
    const group = { conversationType: 'groupChat' as const, conversationId: '19:admins-on-b' };
    const { body } = await b.post(execute(b.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: 'sw-windows-server-2022', confirmed: true }, group));
    expect(cardText(body.value)).toContain('to you in our 1:1 chat');
    // The 1:1 chat's reference was learnt through A, so the keys card goes to A's connector.
    const toPersonal = [...a.connector.received, ...b.connector.received].filter((r) => r.conversationId === `a:personal-${PEOPLE.mpnPartnerAdmin.aadObjectId}`);
    expect(toPersonal).toHaveLength(1);
  });

  it('a restart keeps every acknowledged change', async () => {
    const before = a.stores.inventory.current();
    await a.restart();
    expect(a.stores.inventory.current()).toEqual(before);
  });

  it('/healthz says degraded, and why, while the database takes no writes, and ok again once it does (never the server\'s address)', async () => {
    const health = async () => (await fetch(`${a.bot.url}/healthz`)).json() as Promise<Record<string, unknown>>;
    expect(await health()).toMatchObject({ status: 'ok', inventory: 'loaded' });
    await asAdmin(`ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
    await terminateConnections(db.name);
    try {
      // Right after the connections are cut, a probe can meet a dropped one (unreachable, under load): ask until it reads the database.
      const degraded = await eventually(health, (h) => h.store === 'readOnly');
      expect(degraded).toEqual({ status: 'degraded', store: 'readOnly', inventory: 'loaded' });
      expect(JSON.stringify(degraded)).not.toContain('127.0.0.1');
      // Reads go on: a turn that changes nothing is answered as before.
      const read = await eventually(() => a.post(execute(a.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'visualStudio' })), (r) => cardText(r.body.value).includes('assigned'));
      expect(cardText(read.body.value)).toContain('assigned');
    } finally {
      await asAdmin(`ALTER DATABASE ${db.name} RESET default_transaction_read_only`);
      await terminateConnections(db.name);
    }
    expect(await eventually(health, (h) => h.status === 'ok')).toMatchObject({ status: 'ok' });
  });
});

/** Asks until the answer is as expected (a pool's dropped connections are replaced on their next use). */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  for (const end = Date.now() + ms; ; ) {
    const value = await ask().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > end) return value as T;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
