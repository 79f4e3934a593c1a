import { startHarness, message, cardsOf, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';
import { sdkUnderTest } from '../support/sdk-under-test.js';

// The suites run on botbuilder and again on the Agents SDK (jest.config.js): each run must be on the SDK it says.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

it(`the bot under test runs on ${sdkUnderTest()}, and answers a person on it`, async () => {
  const ready = h.logs.lines.map((line) => JSON.parse(line) as { msg?: string; sdk?: string }).find((entry) => entry.msg === 'bot ready');
  expect(ready?.sdk).toBe(sdkUnderTest());
  const { status, replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
  expect(status).toBe(200);
  expect(cardsOf(replies)).toHaveLength(1);
});

it('a message with deliveryMode expectReplies gets its card in the HTTP answer, addressed back to its sender, and nothing at the connector', async () => {
  const activity = { ...message(h.connector, PEOPLE.globalAdmin, 'benefits'), deliveryMode: 'expectReplies' };
  const { status, body, replies } = await h.post(activity);
  expect(status).toBe(200);
  expect(replies).toHaveLength(0);
  const [reply, ...rest] = body.activities as any[];
  expect(rest).toHaveLength(0);
  expect(reply.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(reply).toMatchObject({ type: 'message', conversation: activity.conversation, recipient: activity.from, from: activity.recipient, replyToId: activity.id });
});
