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
