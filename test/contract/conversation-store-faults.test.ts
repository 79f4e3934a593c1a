import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISK_CONVERSATION_ENGINES, conversation, T0, type ConversationEngineOptions, type OpenConversationStore } from './conversation-engines.js';
import { FaultyFiles } from './faulty-files.js';
import { DataFileError } from '../../src/infra/store/conversation-snapshot.js';
import { StoreFileDamaged } from '../../src/infra/store/journal-file.js';

/**
 * What a caller sees when the disk fails or the process stops: a remember that rejects was not kept
 * and the store goes on working; one that resolved is there after a restart. Faults come through the
 * engine's file operations (as root, chmod does not stop a write).
 */
describe.each(DISK_CONVERSATION_ENGINES)('the conversation store under faults: $name', (engine) => {
  let dir: string;
  let open: OpenConversationStore[];
  // The fixtures' day, so that nothing is old enough to be forgotten.
  const at = (more: ConversationEngineOptions = {}): ConversationEngineOptions => ({ now: () => new Date(T0), ...more });
  const start = async (files?: FaultyFiles) => {
    const opened = await engine.open(dir, at(files ? { files } : {}));
    open.push(opened);
    return opened;
  };
  const reopen = async (current: OpenConversationStore) => {
    await current.close();
    return start();
  };
  const ids = (s: OpenConversationStore, list: string[]) => list.filter((id) => s.store.get(id)?.conversationId === id);
  const journal = () => join(dir, 'conversations.json.journal');
  const line = (id: string, seq: number) => JSON.stringify({ seq, seen: '2026-01-01T00:00:00.000Z', c: conversation(id) }) + '\n';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'conversation-faults-'));
    open = [];
  });
  afterEach(async () => {
    for (const o of open) await o.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a crash in the middle of a line: that remember was never acknowledged; the ones before it are there, and the store takes more', async () => {
    const files = new FaultyFiles();
    let s = await start(files);
    await s.store.remember(conversation('a:1'));
    await s.store.remember(conversation('a:2'));
    files.crashAfter(1, 25);
    await expect(s.store.remember(conversation('a:3'))).rejects.toThrow(/ECRASHED/);
    expect(readFileSync(journal(), 'utf8')).toMatch(/\n\{"seq":3,"seen[^\n]*$/); // the torn line is on disk
    s = await reopen(s);
    expect(ids(s, ['a:1', 'a:2', 'a:3'])).toEqual(['a:1', 'a:2']);
    await s.store.remember(conversation('a:4'));
    s = await reopen(s);
    expect(ids(s, ['a:1', 'a:2', 'a:3', 'a:4'])).toEqual(['a:1', 'a:2', 'a:4']);
  });

  it('a torn last line in the journal is dropped on start', async () => {
    writeFileSync(journal(), line('a:1', 1) + line('a:2', 2).slice(0, 40));
    const s = await start();
    expect(ids(s, ['a:1', 'a:2'])).toEqual(['a:1']);
  });

  it('a damaged line with acknowledged lines after it refuses to start, naming the file and the line', async () => {
    writeFileSync(journal(), line('a:1', 1) + '{"seq":2,"seen":"2026-01-01T0\u0000\u0000\n' + line('a:3', 3));
    await expect(engine.open(dir, at())).rejects.toThrow(`${journal()}, line 2, is damaged (it is not a whole entry) and whole entries follow it`);
    await expect(engine.open(dir, at())).rejects.toBeInstanceOf(StoreFileDamaged);
    writeFileSync(journal(), line('a:1', 1) + '{"not":"a change"}\n' + line('a:3', 3));
    await expect(engine.open(dir, at())).rejects.toThrow(`${journal()}, line 2, is damaged`);
  });

  it('a short write is finished: acknowledged, and there after a restart with what follows it', async () => {
    const files = new FaultyFiles().short(7, 1);
    let s = await start(files);
    await s.store.remember(conversation('a:1'));
    await s.store.remember(conversation('a:2'));
    s = await reopen(s);
    expect(ids(s, ['a:1', 'a:2'])).toEqual(['a:1', 'a:2']);
  });

  it.each([
    ['a full disk (ENOSPC) on the write', (f: FaultyFiles) => f.fail('write', 'ENOSPC')],
    ['a write cut short, then ENOSPC', (f: FaultyFiles) => f.short(30).fail('write', 'ENOSPC', 1, 1)],
    ['a failed fsync (EIO)', (f: FaultyFiles) => f.fail('sync', 'EIO')],
    ['a half-written line that cannot be cut back (EROFS)', (f: FaultyFiles) => f.short(30).fail('write', 'ENOSPC', 1, 1).fail('truncate', 'EROFS')],
  ])('%s: the remember rejects and is not kept; the store goes on, and starts again undamaged', async (_name, plan) => {
    const files = new FaultyFiles();
    let s = await start(files);
    await s.store.remember(conversation('a:1'));
    plan(files);
    await expect(s.store.remember(conversation('a:2'))).rejects.toThrow(/ENOSPC|EIO/);
    expect(s.store.get('a:2')).toBeUndefined();
    await s.store.remember(conversation('a:3'));
    expect(s.store.get('a:3')?.conversationId).toBe('a:3');
    s = await reopen(s);
    expect(ids(s, ['a:1', 'a:2', 'a:3'])).toEqual(['a:1', 'a:3']);
  });

  it('a remember of the same new conversation while the first is being written joins it: one line', async () => {
    const s = await start();
    await Promise.all([s.store.remember(conversation('a:1')), s.store.remember(conversation('a:1')), s.store.remember(conversation('a:2'))]);
    expect(readFileSync(journal(), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('a crash at any point of a compaction loses nothing acknowledged, and what comes after is kept', async () => {
    const all = ['a:0', 'a:1', 'a:2', 'a:3', 'a:4'];
    for (let point = 1; point < 50; point++) {
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'conversation-faults-'));
      const files = new FaultyFiles();
      let s = await start(files);
      for (const id of all.slice(0, 3)) await s.store.remember(conversation(id));
      files.crashAfter(point, 8);
      const compacted = await s.housekeeping().then(() => true, () => false);
      const after = await s.store.remember(conversation('a:3')).then(() => true, () => false);
      s = await reopen(s);
      // Acknowledged: there. Refused by the crash: it may have reached the disk whole (a crash between
      // the write and its fsync), as with any store; the process that was told "no" is gone anyway.
      const expected = ['a:0', 'a:1', 'a:2', ...(after || s.store.get('a:3') ? ['a:3'] : [])];
      expect([point, ids(s, all)]).toEqual([point, expected]);
      await s.store.remember(conversation('a:4'));
      s = await reopen(s);
      expect([point, ids(s, all)]).toEqual([point, [...expected, 'a:4']]);
      if (compacted && !files.crashed) return;
    }
    throw new Error('the compaction never ran to its end');
  });

  it('a failed compaction (full disk) keeps the journal: nothing is lost, remembering goes on', async () => {
    const files = new FaultyFiles();
    let s = await start(files);
    await s.store.remember(conversation('a:1'));
    files.fail('write', 'ENOSPC');
    await expect(s.housekeeping()).rejects.toThrow(/ENOSPC/);
    await s.store.remember(conversation('a:2'));
    await s.housekeeping();
    await s.store.remember(conversation('a:3'));
    s = await reopen(s);
    expect(ids(s, ['a:1', 'a:2', 'a:3'])).toEqual(['a:1', 'a:2', 'a:3']);
  });

  it('an empty or garbled conversations.json refuses to start with a sentence naming it (not a bare SyntaxError)', async () => {
    const file = join(dir, 'conversations.json');
    writeFileSync(file, '');
    await expect(engine.open(dir, at())).rejects.toThrow(`The conversation store ${file} is damaged: it is empty (0 bytes). Restore it from a backup`);
    await expect(engine.open(dir, at())).rejects.toBeInstanceOf(DataFileError);
    writeFileSync(file, '{"schemaVersion":1,"conversations":{"a:1":{"conversationId":"a:1"');
    await expect(engine.open(dir, at())).rejects.toThrow(`The conversation store ${file} is damaged: it is not valid JSON`);
    writeFileSync(file, '[1,2,3]');
    await expect(engine.open(dir, at())).rejects.toThrow(`The conversation store ${file} is damaged: it is not a conversation store of this bot`);
  });

  it('a disk that takes no write at start stops it with a sentence naming the file', async () => {
    const files = new FaultyFiles().fail('write', 'ENOSPC');
    await expect(engine.open(dir, at({ files }))).rejects.toThrow(`Could not write the conversation store ${join(dir, 'conversations.json')} (ENOSPC): check the disk`);
  });

  it('an old conversations.json (one document) is read once and carried on: the same conversations, then appended', async () => {
    const file = join(dir, 'conversations.json');
    const old = { 'a:1': conversation('a:1'), '19:g': conversation('19:g', { conversationType: 'channel', aadObjectId: 'aad-a:1' }) };
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, conversations: old }));
    let s = await start();
    expect(s.store.get('a:1')).toEqual(old['a:1']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ schemaVersion: 2 });
    expect(s.store.get('19:g')).toEqual(old['19:g']);
    expect(s.store.personalChatOf('aad-a:1')?.conversationId).toBe('a:1');
    await s.store.remember(conversation('a:2'));
    s = await reopen(s);
    expect(ids(s, ['a:1', '19:g', 'a:2'])).toEqual(['a:1', '19:g', 'a:2']);
  });

  it('a crash while carrying an old conversations.json over loses none of it', async () => {
    const file = join(dir, 'conversations.json');
    const old = JSON.stringify({ schemaVersion: 1, conversations: { 'a:1': conversation('a:1') } });
    for (let point = 1; point < 20; point++) {
      writeFileSync(file, old);
      const files = new FaultyFiles().crashAfter(point, 8);
      const opened = await engine.open(dir, at({ files })).then((o) => (open.push(o), o), () => undefined);
      await opened?.close();
      const s = await start();
      expect([point, s.store.get('a:1')?.conversationId]).toEqual([point, 'a:1']);
      await s.close();
      if (opened && !files.crashed) return;
    }
    throw new Error('the carrying over never ran to its end');
  });

  it('a journal line appended by hand after a torn one is damage, not a torn tail', async () => {
    writeFileSync(journal(), line('a:1', 1));
    appendFileSync(journal(), line('a:2', 2).slice(0, 20) + '\n' + line('a:3', 3));
    await expect(engine.open(dir, at())).rejects.toThrow(/line 2, is damaged/);
  });

  it('an old conversations.json never said when a conversation was last seen: none is forgotten at the upgrade', async () => {
    const file = join(dir, 'conversations.json');
    // Unchanged for a year (the old store did not move updatedAt for an unchanged reference), yet spoken in daily.
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, conversations: { 'a:1': conversation('a:1', { updatedAt: new Date(T0 - 365 * 86_400_000).toISOString() }) } }));
    let s = await start();
    expect(s.store.get('a:1')?.conversationId).toBe('a:1');
    s = await reopen(s);
    expect(s.store.get('a:1')?.conversationId).toBe('a:1');
  });
});
