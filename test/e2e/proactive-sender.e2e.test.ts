import { startHarness, message, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';
import { DeliveryError } from '../../src/ports/proactive-sender.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'help'));
});
afterAll(async () => h.stop());
afterEach(() => {
  h.connector.behaviour = () => ({ status: 200 });
});

describe('proactive messages to a stored conversation', () => {
  it('arrive at the connector of the stored reference, outside any turn', async () => {
    const chat = h.stores.conversations.personalChatOf(PEOPLE.mpnPartnerAdmin.aadObjectId)!;
    h.connector.clear();
    await h.services.sender.send(chat, [{ kind: 'text', text: 'Your activation is done.' }]);
    expect(h.connector.received).toHaveLength(1);
    expect(h.connector.received[0]).toMatchObject({ conversationId: chat.conversationId, activity: { type: 'message', text: 'Your activation is done.' } });
  });

  it.each([
    [429, { 'retry-after': '1' }, { error: { code: 'Throttled' } }, 1000, 'Throttled'],
    [403, {}, { error: { code: 'BotNotInConversationRoster', message: 'removed' } }, undefined, 'BotNotInConversationRoster'],
    [502, {}, {}, undefined, undefined],
  ])('a %s from the connector becomes a DeliveryError with its code and Retry-After, after one request (the outbox owns retries)', async (status, headers, body, retryAfterMs, code) => {
    const chat = h.stores.conversations.personalChatOf(PEOPLE.mpnPartnerAdmin.aadObjectId)!;
    let requests = 0;
    h.connector.behaviour = () => {
      requests++;
      return { status, headers, body };
    };
    const error = await h.services.sender.send(chat, [{ kind: 'text', text: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ status, code, retryAfterMs });
    // botbuilder's own retry policy is off for proactive sends: one attempt is one HTTP request.
    expect(requests).toBe(1);
  });
});
