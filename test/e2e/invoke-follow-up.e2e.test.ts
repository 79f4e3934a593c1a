import { startHarness, execute, cardText, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';

/**
 * An Action.Execute whose answer is a card plus a sentence ("… now holds a seat …") sends the sentence
 * as a message of its own. Found by the benchmark: when that send failed, the invoke was answered 501
 * with an empty body although the change was made. The clicker must get the card all the same: the
 * invoke is answered first, and the sentence is delivered by the outbox.
 */
describe('an invoke whose follow-up message cannot be sent still answers with its card', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { clock: { now: () => new Date('2026-11-25T00:00:00Z') } });
  });
  afterAll(async () => h.stop());

  it('the connector refuses the message (403): the invoke answers 200 with the updated card, the seat is assigned once, the log says what was not sent', async () => {
    h.connector.behaviour = () => ({ status: 403, body: { error: { code: 'Forbidden', message: 'no' } } });
    const assigned = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-professional', personId: PEOPLE.noRole.aadObjectId }));
    expect(assigned.status).toBe(200);
    expect(assigned.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(assigned.body.value)).toContain('伊藤 直樹 (Naoki Ito), since Nov 25, 2026');
    expect(assigned.replies).toEqual([]);
    const seats = h.storedInventory().benefits.visualStudio.find((s) => s.id === 'vs-professional')!.assignments;
    expect(seats.filter((a) => a.aadObjectId === PEOPLE.noRole.aadObjectId)).toHaveLength(1);
    // The sentence went through the outbox after the answer: refused for good, its recipient is told next turn.
    expect(h.logs.lines.some((l) => l.includes('outbox: delivery failed for good'))).toBe(true);
    expect(h.logs.lines.some((l) => l.includes('unhandled turn error'))).toBe(false);
  });

  it('with the connector answering again, the sentence reaches the chat', async () => {
    h.connector.behaviour = () => ({ status: 200 });
    const assigned = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-professional', personId: PEOPLE.adminAgent.aadObjectId }));
    expect(assigned.status).toBe(200);
    expect(assigned.replies.map((r) => r.activity.text).join()).toContain('now holds a seat of Visual Studio Professional');
  });

  it('when the outbox cannot take the sentence, it is sent in the turn (the turn gets its connector client then)', async () => {
    h.connector.behaviour = () => ({ status: 200 });
    const outbox = h.services.outbox;
    const notify = outbox.notify.bind(outbox);
    outbox.notify = () => Promise.reject(new Error('the work store is full'));
    try {
      const assigned = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignSeat', { subscriptionId: 'vs-enterprise', personId: PEOPLE.userAdmin.aadObjectId }));
      expect(assigned.status).toBe(200);
      expect(assigned.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(assigned.replies.map((r) => r.activity.text).join()).toContain('now holds a seat of Visual Studio Enterprise');
      expect(h.logs.lines.some((l) => l.includes('could not be queued; sent in the turn'))).toBe(true);
    } finally {
      outbox.notify = notify;
    }
  });
});
