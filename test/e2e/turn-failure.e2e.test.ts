import { startHarness, execute, message, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';

// What a person reads when the bot fails mid-turn: "nothing was changed" only when nothing was.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const newcomer = (n: number) => ({ name: `失敗 ${n} (Failure ${n})`, email: `failure${n}@fabrikam.co.jp`, aadObjectId: `fa11ed00-0000-4000-8000-00000000000${n}` });
const storedPeople = () => h.storedInventory().people.map((p) => p.aadObjectId);

/** Makes `method` of `target` fail with a disk error for the next call, then puts it back. */
function failOnce<T extends object>(target: T, method: keyof T & string): void {
  const original = target[method];
  (target as Record<string, unknown>)[method] = () => {
    (target as Record<string, unknown>)[method] = original;
    return Promise.reject(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
  };
}

describe('a turn that fails tells the person whether their change was saved', () => {
  test.each([
    ['en-US', 'after your change was saved', 'Nothing was changed'],
    ['ja-JP', '変更は保存されましたが', '何も変更されていません'],
  ] as const)('%s: the audit line fails after the person was added: the person stays added, and the answer says so', async (locale, saved, nothing) => {
    const n = locale === 'en-US' ? 1 : 2;
    failOnce(h.stores.audit, 'append');
    const { status, body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'addPerson', newcomer(n), { locale }));
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toContain(saved);
    expect(body.value).not.toContain(nothing);
    expect(body.value).toMatch(/[0-9a-f]{8}/); // the reference, for the operator's log
    expect(storedPeople()).toContain(newcomer(n).aadObjectId);
  });

  // What the store does when its own write fails (nothing kept, the file cut back) is the storage fault
  // suite's to prove on the real files; here the stub stands for that failure, so only the answer is tested.
  test('the inventory write fails: the answer says nothing was changed', async () => {
    failOnce(h.stores.inventory, 'transact');
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'addPerson', newcomer(3)));
    expect(body.value).toContain('Nothing was changed');
    expect(body.value).not.toContain('after your change was saved');
  });

  test('after either failure the bot answers the next request as usual', async () => {
    const { replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, 'benefits'));
    expect(cardText(cardsOf(replies)[0])).toContain('Benefits');
  });
});

// A turn answered in its HTTP response runs outside the SDK's process: a failure the router did not catch
// must still reach the person as a sentence with its reference, and the next turn must be answered as usual.
describe('a turn answered in its HTTP response that fails outside the router', () => {
  /** The conversation store's read fails once (the turn reads it for a person whose activity shows no time zone). */
  function readFailsOnce(): void {
    const conversations = h.stores.conversations;
    const get = conversations.get.bind(conversations);
    conversations.get = () => {
      conversations.get = get;
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    };
  }

  test.each([
    ['en-US', 'Something went wrong'],
    ['ja-JP', '問題が発生しました'],
  ] as const)('%s: a card button is answered 500 with the clicker\'s sentence and its reference, and the log says why', async (locale, sentence) => {
    readFailsOnce();
    const { status, body, replies } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }, { locale }));
    expect(status).toBe(500);
    expect(body.type).toBe('application/vnd.microsoft.error');
    expect(body.value.message).toContain(sentence);
    expect(body.value.message).toMatch(/[0-9a-f]{8}/);
    expect(replies).toEqual([]);
    expect(h.logs.lines.some((l) => l.includes('unhandled turn error') && l.includes('EIO'))).toBe(true);
  });

  test('a message with expectReplies gets the sentence in its HTTP answer, addressed back to its sender', async () => {
    readFailsOnce();
    const activity = { ...message(h.connector, PEOPLE.globalAdmin, 'benefits'), deliveryMode: 'expectReplies' };
    const { status, body, replies } = await h.post(activity);
    expect(status).toBe(200);
    expect(replies).toEqual([]);
    const [reply, ...rest] = body.activities as { text: string; recipient: unknown }[];
    expect(rest).toEqual([]);
    expect(reply!.text).toContain('Something went wrong');
    expect(reply!.recipient).toEqual(activity.from);
  });

  test('the next card button is answered as usual', async () => {
    const { status, body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'openGroup', { group: 'software' }));
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  });
});
