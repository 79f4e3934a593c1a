import { startHarness, message, execute, textsOf, type Harness } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { followUpId } from '../../src/bot/benefits-activity-handler.js';

/**
 * Slow connector, slow invoke. An Action.Execute answer waited for its follow-up sentence; with a hung
 * connector it took over 60 s (Teams gives up after about 15 s and sends the click again). The invoke is
 * answered first; the sentence is queued in the outbox (on disk) and delivered into the conversation of
 * the click, whenever the connector answers.
 */

const demo = demoInventoryFile();
const holders = new Set(demo.benefits.visualStudio.flatMap((s) => s.assignments.map((a) => a.aadObjectId)));
const free = demo.people.find((p) => !holders.has(p.aadObjectId) && p.aadObjectId !== PEOPLE.globalAdmin.aadObjectId)!;
const CONVERSATION = `a:personal-${PEOPLE.globalAdmin.aadObjectId}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.post(message(h.connector, PEOPLE.globalAdmin, 'help'));
});
afterAll(() => h.stop());

it('a connector that holds the follow-up: the click is answered with its card meanwhile, and the sentence arrives once released', async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  h.connector.gate = async (request) => {
    if (request.conversationId === CONVERSATION && typeof request.activity.text === 'string') {
      held++;
      await released;
    }
    return 'answer';
  };
  const click = execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: free.aadObjectId });
  const answered = fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(click) }).then(async (res) => ({ status: res.status, body: await res.json() }));
  // Bounded so that the old behaviour (the answer waits for the connector) fails here rather than hangs.
  const outcome = await Promise.race([answered, new Promise<'not answered'>((resolve) => setTimeout(() => resolve('not answered'), 10_000))]);
  try {
    expect(outcome).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.card.adaptive' } });
    // Acknowledged, so kept: the sentence is in the outbox on disk while the connector holds it.
    expect(h.stores.work.pendingNotifications().map((i) => i.id)).toContain(followUpId(click.id));
  } finally {
    release();
  }
  await h.followUpTried(click, 5_000);
  expect(held).toBe(1);
  const sentences = textsOf(h.connector.received.filter((r) => r.conversationId === CONVERSATION));
  expect(sentences.filter((t) => t.includes(free.name))).toHaveLength(1);
  expect(h.stores.work.pendingNotifications()).toEqual([]);
  h.connector.gate = undefined;
}, 30_000);
