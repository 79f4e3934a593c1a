import { startHarness, message, execute, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';
import { conversationType } from '../../src/bot/to-incoming-turn.js';

/**
 * The keys card goes to a 1:1 chat only. Any conversation type but exactly `groupChat` or `channel`
 * counted as 1:1: with the type missing and isGroup true, `meeting` or `GroupChat`, the keys were posted
 * into a 19:…@thread.v2 conversation, which then became the person's "1:1 chat" for later reveals.
 */

const demo = demoInventoryFile();
const KEYS = [...demo.benefits.software, ...demo.benefits.cloud].flatMap((b) => b.keys);
const WINDOWS = demo.benefits.software.find((b) => b.id === 'sw-windows-server-2022')!;
const PERSONAL = `a:personal-${PEOPLE.globalAdmin.aadObjectId}`;

/** [what Teams (or an attacker) sent, the conversation object] */
const NOT_ONE_TO_ONE: [string, Record<string, unknown>][] = [
  ['no type, isGroup true', { id: '19:meeting-a@thread.v2', isGroup: true }],
  ['no type, a thread id', { id: '19:meeting-b@thread.v2' }],
  ['type meeting', { id: '19:meeting_c@thread.v2', conversationType: 'meeting', isGroup: true }],
  ['type GroupChat (another case)', { id: '19:chat-d@thread.v2', conversationType: 'GroupChat' }],
  ['type Personal (another case)', { id: 'a:chat-e', conversationType: 'Personal' }],
  ['type personal, isGroup true', { id: 'a:chat-f', conversationType: 'personal', isGroup: true }],
  ['type personal, a thread id', { id: '19:chat-g@thread.v2', conversationType: 'personal' }],
  ['type personal, a channel thread id', { id: '19:general@thread.tacv2', conversationType: 'personal', isGroup: false }],
  ['no type, nothing else', { id: 'a:chat-h' }],
];

describe('a conversation is 1:1 only when its type is personal, isGroup is not true and its id is not a thread', () => {
  it.each(NOT_ONE_TO_ONE)('%s → a group', (_name, conversation) => {
    expect(conversationType(conversation)).not.toBe('personal');
  });

  it.each([
    ['a Teams 1:1 chat', { id: 'a:1xyz', conversationType: 'personal', isGroup: false }, 'personal'],
    ['a 1:1 chat without isGroup', { id: 'a:1xyz', conversationType: 'personal' }, 'personal'],
    ['a group chat', { id: '19:abc@thread.v2', conversationType: 'groupChat', isGroup: true }, 'groupChat'],
    ['a channel', { id: '19:abc@thread.tacv2', conversationType: 'channel', isGroup: true }, 'channel'],
  ])('%s is what it says', (_name, conversation, type) => {
    expect(conversationType(conversation)).toBe(type);
  });
});

describe('Get keys in a conversation that only claims to be 1:1: the keys go to the real 1:1 chat, never there', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.post(message(h.connector, PEOPLE.globalAdmin, 'help'));
  });
  afterAll(() => h.stop());
  beforeEach(() => h.connector.clear());

  it.each(NOT_ONE_TO_ONE)('%s: no key in the answer or anything sent there; the keys card reaches the 1:1 chat', async (_name, conversation) => {
    const activity = execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true });
    const { body } = await h.post({ ...activity, conversation: { tenantId: activity.conversation.tenantId, ...conversation } });
    for (const key of KEYS) expect(JSON.stringify(body)).not.toContain(key);
    const there = h.connector.received.filter((r) => r.conversationId === conversation.id);
    for (const r of there) for (const key of KEYS) expect(JSON.stringify(r.activity)).not.toContain(key);
    const toPersonal = h.connector.received.filter((r) => r.conversationId === PERSONAL);
    expect(cardText(cardsOf(toPersonal)[0])).toContain(WINDOWS.keys[0]);
  });

  it('a thread that spoke as "personal" never becomes the person\'s 1:1 chat: later keys still go to the real one', async () => {
    const thread = { id: '19:sneaky@thread.v2', tenantId: demo.organization.tenantId };
    await h.post({ ...message(h.connector, PEOPLE.globalAdmin, 'help'), conversation: thread });
    expect(h.stores.conversations.personalChatOf(PEOPLE.globalAdmin.aadObjectId)?.conversationId).toBe(PERSONAL);
    h.connector.clear();
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }, { conversationType: 'groupChat', conversationId: '19:admins@thread.v2' }));
    expect(h.connector.received.filter((r) => r.conversationId === thread.id)).toEqual([]);
    expect(cardText(cardsOf(h.connector.received.filter((r) => r.conversationId === PERSONAL))[0])).toContain(WINDOWS.keys[0]);
  });
});
