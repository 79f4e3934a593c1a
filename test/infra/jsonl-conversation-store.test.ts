import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlConversationStore } from '../../src/infra/store/jsonl-conversation-store.js';
import { nodeFileSystem, type FileSystem } from '../../src/infra/store/file-system.js';
import { conversation, T0 } from '../contract/conversation-engines.js';

/** The real file system, counting what is written and synced. */
class CountingFiles implements FileSystem {
  bytes = 0;
  fsyncs = 0;
  renames = 0;
  openReadWrite = nodeFileSystem.openReadWrite;
  openReadOnly = nodeFileSystem.openReadOnly;
  size = nodeFileSystem.size;
  read = nodeFileSystem.read;
  write = async (fd: number, data: Buffer, offset: number, length: number, position: number) => {
    const n = await nodeFileSystem.write(fd, data, offset, length, position);
    this.bytes += n;
    return n;
  };
  sync = async (fd: number) => {
    this.fsyncs++;
    await nodeFileSystem.sync(fd);
  };
  truncate = nodeFileSystem.truncate;
  close = nodeFileSystem.close;
  readFile = nodeFileSystem.readFile;
  exists = nodeFileSystem.exists;
  rename = (from: string, to: string) => {
    this.renames++;
    nodeFileSystem.rename(from, to);
  };
  remove = nodeFileSystem.remove;
  list = nodeFileSystem.list;
  syncFolder = nodeFileSystem.syncFolder;
  reset(): void {
    this.bytes = this.fsyncs = this.renames = 0;
  }
}

let dir: string;
let file: string;
const now = () => new Date(T0);
const stores: JsonlConversationStore[] = [];
const open = async (options: Parameters<typeof JsonlConversationStore.open>[1] = {}) => {
  const store = await JsonlConversationStore.open(file, { now, ...options });
  stores.push(store);
  return store;
};
const bytesOf = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
const journalLines = () => bytesOf(`${file}.journal`).split('\n').filter(Boolean).length;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conversations-'));
  file = join(dir, 'conversations.json');
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded conversation store: what a turn writes', () => {
  it('starts with an empty snapshot on disk (the file an operator backs up exists from the first start)', async () => {
    await open();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: 2, journalSeq: 0, conversations: [] });
  });

  it('an unchanged reference for a known conversation writes nothing at all', async () => {
    const files = new CountingFiles();
    const store = await open({ fs: files });
    await store.remember(conversation('a:1'));
    const before = bytesOf(file) + bytesOf(`${file}.journal`);
    files.reset();
    for (let i = 0; i < 20; i++) await store.remember(conversation('a:1', { updatedAt: new Date(T0 + i).toISOString() }));
    expect({ bytes: files.bytes, fsyncs: files.fsyncs }).toEqual({ bytes: 0, fsyncs: 0 });
    expect(bytesOf(file) + bytesOf(`${file}.journal`)).toBe(before);
  });

  it('a new conversation at 20,000 stored appends one line: the snapshot is not rewritten', async () => {
    const files = new CountingFiles();
    let store = await open({ fs: files });
    await Promise.all(Array.from({ length: 20_000 }, (_, i) => store.remember(conversation(`a:${i}`))));
    await store.compact();
    await store.close();
    store = await open({ fs: files });
    const snapshot = statSync(file);
    expect(snapshot.size).toBeGreaterThan(4_000_000);
    files.reset();
    await store.remember(conversation('a:new'));
    expect(files.bytes).toBe(bytesOf(`${file}.journal`).length);
    expect(files.bytes).toBeLessThan(1_000);
    expect(statSync(file).mtimeMs).toBe(snapshot.mtimeMs);
    expect(journalLines()).toBe(1);
  }, 60_000);

  it('remembers that arrive while the disk syncs are written and fsynced together (group commit)', async () => {
    const files = new CountingFiles();
    const store = await open({ fs: files });
    files.reset();
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.remember(conversation(`a:${i}`))));
    expect(journalLines()).toBe(50);
    expect(files.fsyncs).toBeLessThanOrEqual(2);
  });

  it('compacts in the background once the journal is long: snapshot rewritten, journal emptied, nothing lost', async () => {
    let store = await open({ compactEvery: 10 });
    for (let i = 0; i < 25; i++) await store.remember(conversation(`a:${i}`));
    await store.compact(); // waits for a compaction in flight, if any (started at line 10 or 20)
    await store.compact(); // and this one takes what came after it, however slow the disk was
    expect(journalLines()).toBe(0);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { conversations: unknown[] }).conversations.length).toBeGreaterThanOrEqual(20);
    expect(readdirSync(dir).filter((f) => /journal\.\d+$/.test(f))).toEqual([]);
    await store.close();
    store = await open();
    for (let i = 0; i < 25; i++) expect(store.get(`a:${i}`)?.conversationId).toBe(`a:${i}`);
  });

  it('remembers go on while a compaction writes the snapshot, and all are kept', async () => {
    let store = await open();
    await Promise.all(Array.from({ length: 5_000 }, (_, i) => store.remember(conversation(`a:${i}`))));
    const compaction = store.compact();
    const during = Array.from({ length: 30 }, (_, i) => store.remember(conversation(`b:${i}`)));
    // Not held behind the snapshot: acknowledged while it is still being written (the old one on disk).
    await Promise.all(during);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ conversations: [] });
    await compaction;
    expect((JSON.parse(readFileSync(file, 'utf8')) as { conversations: unknown[] }).conversations).toHaveLength(5_000);
    await store.close();
    store = await open();
    for (let i = 0; i < 30; i++) expect(store.get(`b:${i}`)?.conversationId).toBe(`b:${i}`);
    expect(store.get('a:4999')?.conversationId).toBe('a:4999');
  });

  it('a compaction saves when each conversation was last seen (an unchanged turn writes nothing itself)', async () => {
    let clock = T0;
    let store = await open({ now: () => new Date(clock) });
    await store.remember(conversation('a:1'));
    clock = T0 + 100 * 86_400_000;
    await store.remember(conversation('a:1'));
    await store.compact();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { conversations: { seen: string }[] };
    expect(saved.conversations[0]?.seen).toBe(new Date(clock).toISOString());
    await store.close();
    clock = T0 + 200 * 86_400_000;
    store = await open({ now: () => new Date(clock) });
    expect(store.get('a:1')?.conversationId).toBe('a:1');
  });

  it('a remember after close is refused', async () => {
    const store = await open();
    await store.close();
    await expect(store.remember(conversation('a:1'))).rejects.toThrow('The conversation store is closed.');
  });

  it('a snapshot entry that is not a conversation refuses to start, naming the file and the entry', async () => {
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, journalSeq: 0, conversations: [{ seen: 'x', c: conversation('a:1') }, { seen: 'x', c: { conversationId: 'a:2' } }] }));
    await expect(JsonlConversationStore.open(file)).rejects.toThrow(`The conversation store ${file} is damaged: its entry 2 is not a stored conversation`);
  });
});
