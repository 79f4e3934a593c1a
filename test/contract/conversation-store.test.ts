import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONVERSATION_ENGINES, conversation, T0, type ConversationEngineOptions, type OpenConversationStore } from './conversation-engines.js';

const DAY = 86_400_000;

describe.each(CONVERSATION_ENGINES)('the conversation store contract: $name', (engine) => {
  let dir: string;
  let open: OpenConversationStore[];
  let clock: number;
  const options = (more: ConversationEngineOptions = {}): ConversationEngineOptions => ({ now: () => new Date(clock), ...more });
  const start = async (more?: ConversationEngineOptions) => {
    const opened = await engine.open(dir, options(more));
    open.push(opened);
    return opened;
  };
  const restart = async (current: OpenConversationStore, more?: ConversationEngineOptions) => {
    await current.close();
    return start(more);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'conversation-contract-'));
    open = [];
    clock = T0;
  });
  afterEach(async () => {
    for (const o of open) await o.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('remembers a conversation, finds it by id and a personal chat by its person, after a restart too', async () => {
    let s = await start();
    await s.store.remember(conversation('a:1'));
    await s.store.remember(conversation('19:group', { conversationType: 'groupChat', aadObjectId: 'aad-a:1' }));
    expect(s.store.get('a:1')).toEqual(conversation('a:1'));
    expect(s.store.personalChatOf('aad-a:1')?.conversationId).toBe('a:1');
    expect(s.store.get('missing')).toBeUndefined();
    expect(s.store.personalChatOf('nobody')).toBeUndefined();
    s = await restart(s);
    expect(s.store.get('a:1')).toEqual(conversation('a:1'));
    expect(s.store.get('19:group')?.conversationType).toBe('groupChat');
    expect(s.store.personalChatOf('aad-a:1')?.conversationId).toBe('a:1');
  });

  it("keeps a person's last-seen time zone and locale with the reference: a change is written, after a restart too", async () => {
    let s = await start();
    await s.store.remember(conversation('a:tz', { aadObjectId: 'aad-tz' }));
    expect(s.store.personalChatOf('aad-tz')?.timeZone).toBeUndefined();
    await s.store.remember(conversation('a:tz', { aadObjectId: 'aad-tz', timeZone: 'Asia/Tokyo', locale: 'ja-JP' }));
    expect(s.store.personalChatOf('aad-tz')).toMatchObject({ timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    s = await restart(s);
    expect(s.store.personalChatOf('aad-tz')).toMatchObject({ timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    await s.store.remember(conversation('a:tz', { aadObjectId: 'aad-tz', timeZone: 'America/Los_Angeles', locale: 'en-US' }));
    await s.housekeeping();
    s = await restart(s);
    expect(s.store.get('a:tz')).toMatchObject({ timeZone: 'America/Los_Angeles', locale: 'en-US' });
  });

  it('a changed reference replaces the stored one; a person\'s newest personal chat is theirs, after a restart too', async () => {
    let s = await start();
    await s.store.remember(conversation('a:old', { aadObjectId: 'aad-p' }));
    await s.store.remember(conversation('a:new', { aadObjectId: 'aad-p' }));
    await s.store.remember(conversation('a:old', { aadObjectId: 'aad-p', serviceUrl: 'https://smba.example/amer/', updatedAt: new Date(T0 + 1000).toISOString() }));
    expect(s.store.get('a:old')?.serviceUrl).toBe('https://smba.example/amer/');
    expect(s.store.personalChatOf('aad-p')?.conversationId).toBe('a:old');
    s = await restart(s);
    expect(s.store.get('a:old')?.serviceUrl).toBe('https://smba.example/amer/');
    expect(s.store.personalChatOf('aad-p')?.conversationId).toBe('a:old');
    await s.housekeeping();
    s = await restart(s);
    expect(s.store.personalChatOf('aad-p')?.conversationId).toBe('a:old');
  });

  it('the same reference again changes nothing (not even the time it was stored)', async () => {
    const s = await start();
    await s.store.remember(conversation('a:1'));
    await s.store.remember(conversation('a:1', { updatedAt: new Date(T0 + DAY).toISOString() }));
    expect(s.store.get('a:1')?.updatedAt).toBe(new Date(T0).toISOString());
  });

  it('many conversations at once are all kept', async () => {
    let s = await start();
    await Promise.all(Array.from({ length: 200 }, (_, i) => s.store.remember(conversation(`a:${i}`))));
    s = await restart(s);
    for (let i = 0; i < 200; i++) expect(s.store.get(`a:${i}`)?.conversationId).toBe(`a:${i}`);
  });

  it('forgets a conversation no turn came from for the retention period; a turn (even an unchanged one) keeps it', async () => {
    let s = await start({ forgetAfterDays: 180 });
    await s.store.remember(conversation('a:quiet'));
    await s.store.remember(conversation('a:busy'));
    clock = T0 + 170 * DAY;
    await s.store.remember(conversation('a:busy')); // the same reference: seen, not changed
    clock = T0 + 181 * DAY;
    await s.housekeeping();
    expect(s.store.get('a:quiet')).toBeUndefined();
    expect(s.store.personalChatOf('aad-a:quiet')).toBeUndefined();
    expect(s.store.get('a:busy')?.conversationId).toBe('a:busy');
    s = await restart(s, { forgetAfterDays: 180 });
    expect(s.store.get('a:quiet')).toBeUndefined();
    // When it was last seen survived the restart: it is kept until 180 days after day 170.
    clock = T0 + 349 * DAY;
    await s.housekeeping();
    expect(s.store.get('a:busy')?.conversationId).toBe('a:busy');
    clock = T0 + 351 * DAY;
    await s.housekeeping();
    expect(s.store.get('a:busy')).toBeUndefined();
  });

  it('what is too old is forgotten on start too; the number of days is configurable', async () => {
    let s = await start({ forgetAfterDays: 30 });
    await s.store.remember(conversation('a:1'));
    clock = T0 + 29 * DAY;
    s = await restart(s, { forgetAfterDays: 30 });
    expect(s.store.get('a:1')?.conversationId).toBe('a:1');
    clock = T0 + 31 * DAY;
    s = await restart(s, { forgetAfterDays: 30 });
    expect(s.store.get('a:1')).toBeUndefined();
    s = await restart(s, { forgetAfterDays: 30 });
    expect(s.store.get('a:1')).toBeUndefined();
  });

  it('a forgotten conversation is learnt again from its next turn', async () => {
    const s = await start();
    await s.store.remember(conversation('a:1'));
    clock = T0 + 200 * DAY;
    await s.housekeeping();
    expect(s.store.get('a:1')).toBeUndefined();
    await s.store.remember(conversation('a:1'));
    expect(s.store.personalChatOf('aad-a:1')?.conversationId).toBe('a:1');
  });

  it("keeps a person's own last-seen zone and locale, from any conversation, apart from any chat's: what is not given stays, after a restart too", async () => {
    let s = await start();
    expect(await s.store.personSeen('aad-ch')).toBeUndefined();
    await s.store.rememberPerson('aad-ch', { timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    await s.store.rememberPerson('aad-other', { timeZone: 'America/Los_Angeles' });
    expect(await s.store.personSeen('aad-ch')).toEqual({ timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    // An activity that carries a locale but no zone keeps the zone seen before.
    await s.store.rememberPerson('aad-ch', { locale: 'en-US' });
    await s.store.rememberPerson('aad-ch', { locale: 'en-US' });
    s = await restart(s);
    expect(await s.store.personSeen('aad-ch')).toEqual({ timeZone: 'Asia/Tokyo', locale: 'en-US' });
    expect(await s.store.personSeen('aad-other')).toEqual({ timeZone: 'America/Los_Angeles' });
    await s.store.rememberPerson('aad-ch', { timeZone: 'Europe/Paris' });
    s = await restart(s);
    expect(await s.store.personSeen('aad-ch')).toEqual({ timeZone: 'Europe/Paris', locale: 'en-US' });
    expect(s.store.personalChatOf('aad-ch')).toBeUndefined();
  });

  it('a conversation marked unreachable is kept past its age (the outbox still tells "removed or blocked"), and forgotten once the mark is lifted', async () => {
    const marked = new Set(['a:blocked']);
    const more = { isUnreachable: (id: string) => marked.has(id) };
    let s = await start(more);
    await s.store.remember(conversation('a:blocked'));
    await s.store.remember(conversation('a:other'));
    clock = T0 + 200 * DAY;
    await s.housekeeping();
    expect(s.store.get('a:blocked')?.conversationId).toBe('a:blocked');
    expect(s.store.get('a:other')).toBeUndefined();
    s = await restart(s, more);
    expect(s.store.get('a:blocked')?.conversationId).toBe('a:blocked');
    marked.clear();
    await s.housekeeping();
    expect(s.store.get('a:blocked')).toBeUndefined();
  });
});
