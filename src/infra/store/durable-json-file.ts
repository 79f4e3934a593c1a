import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { nodeFileSystem, writeFully, type FileSystem } from './file-system.js';
import { StoreFileDamaged } from './journal-file.js';
import { isPlainObject } from '../../lib/plain-object.js';
import { inEnglish, type OperatorSentence } from '../../i18n/operator-sentence.js';

/** Output between two yields to the event loop while a large document is serialised. */
const SLICE_CHARS = 256 * 1024;


/** Whether `pieces` cuts this value up (a big array, one of the first levels' objects), or writes it whole. */
const cut = (value: unknown, depth: number): boolean => (Array.isArray(value) && value.length > 16) || (isPlainObject(value) && depth < 3);

/** Characters of whole elements a big array's piece holds at most. */
const PIECE_CHARS = 16 * 1024;

/**
 * The text of a frozen list, kept from one snapshot to the next: a list the changes since did not touch
 * is the same object, and its text the same bytes. Only for a document frozen all the way down (the
 * inventory): a frozen list's elements could otherwise still change.
 */
export type KeptLists = WeakMap<readonly unknown[], Buffer[]>;

/** A list shorter than this is written again each time: its text is small, its entry not free. */
const KEEP_MIN = 256;
/** Bytes of a kept list's text per buffer. */
const KEEP_CHARS = 64 * 1024;

/**
 * JSON text in pieces: big arrays a run of elements at a time, the first levels of objects key by key.
 * A run of elements is one piece (a generator per element of 50,000 people cost twice the stringify).
 * With `kept`, a long frozen list's text is written once, as UTF-8, and its bytes handed out again for
 * every snapshot in which the list is still the same object: at 50,000 people a snapshot every 1,000
 * changes serialised ~8 MB, most of it the people, who an assignment or a reveal does not change
 * (~6-9% of an assignment's CPU at the large size, bench/notes/writes.md).
 */
function* pieces(value: unknown, depth: number, kept?: KeptLists): Generator<string | Buffer> {
  if (kept && Array.isArray(value) && value.length >= KEEP_MIN && Object.isFrozen(value)) {
    const known = kept.get(value);
    if (known) {
      yield* known;
      return;
    }
    const chunks: Buffer[] = [];
    let text = '';
    for (const piece of listPieces(value, depth)) {
      text += piece as string;
      if (text.length >= KEEP_CHARS) {
        const bytes = Buffer.from(text, 'utf8');
        chunks.push(bytes);
        text = '';
        yield bytes;
      }
    }
    if (text) {
      const bytes = Buffer.from(text, 'utf8');
      chunks.push(bytes);
      yield bytes;
    }
    // Only a list written to its end is kept (a snapshot given up half-way keeps nothing).
    kept.set(value, chunks);
  } else if (Array.isArray(value) && value.length > 16) {
    yield* listPieces(value, depth);
  } else if (isPlainObject(value) && depth < 3) {
    yield '{';
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* pieces(v, depth + 1, kept);
    }
    yield '}';
  } else {
    yield JSON.stringify(value) ?? 'null';
  }
}

/** A big array's text: a run of elements at a time, an element cut up itself when it is big. */
function* listPieces(value: unknown[], depth: number): Generator<string | Buffer> {
  yield '[';
  let run = '';
  for (let i = 0; i < value.length; i++) {
    const element: unknown = value[i];
    if (cut(element, depth + 1)) {
      if (run) yield run;
      run = '';
      if (i) yield ',';
      // Nothing inside a list is kept on its own (a kept list's text holds it).
      yield* pieces(element, depth + 1);
      continue;
    }
    run += `${i ? ',' : ''}${JSON.stringify(element) ?? 'null'}`;
    if (run.length >= PIECE_CHARS) {
      yield run;
      run = '';
    }
  }
  if (run) yield run;
  yield ']';
}

/**
 * JSON.stringify's text, slice by slice, yielding to the event loop between two slices so that other
 * turns run meanwhile (the value must not change meanwhile). A slice is written before the next is
 * made: the whole text of a large snapshot (~8 MB at 50,000 people) is never held beside the state
 * (only, with `kept`, the bytes of its long lists). A kept list's bytes come as they are (Buffers).
 */
export async function* jsonSlices(value: unknown, kept?: KeptLists): AsyncGenerator<string | Buffer> {
  let slice: string[] = [];
  let size = 0;
  for (const piece of pieces(value, 0, kept)) {
    if (typeof piece === 'string') slice.push(piece);
    else {
      if (slice.length) yield slice.join('');
      slice = [];
      yield piece;
    }
    size += piece.length;
    if (size >= SLICE_CHARS) {
      if (slice.length) yield slice.join('');
      slice = [];
      size = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  yield slice.join('');
}

/**
 * A lowdb adapter for a document that may be large: it serialises without holding the event loop for
 * long, and writes durably (temporary file, every byte, fsync, rename, fsync of the folder). lowdb's own
 * JSONFile (steno) stringifies in one go (~2-3 s for the 60 MB of a 50,000-person inventory, every turn
 * waiting) and does not fsync, so a power cut after its rename could leave an empty snapshot whose
 * journal was emptied. A damaged or empty file does not open: the error names it and says what to do.
 * The data handed to `write` must not be mutated while it is written (the inventory is frozen).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** Set for a document frozen all the way down (see KeptLists). */
  private readonly kept: KeptLists | undefined;

  constructor(
    private readonly file: string,
    private readonly fs: FileSystem = nodeFileSystem,
    options: { frozen?: boolean } = {},
  ) {
    this.kept = options.frozen ? new WeakMap() : undefined;
  }

  async read(): Promise<T | null> {
    return readJsonDocument<T>(this.fs, this.file) ?? null;
  }

  async write(data: T): Promise<void> {
    await replaceDurably(this.fs, this.file, jsonSlices(data, this.kept));
  }
}

/**
 * A whole file, durably: a temporary file beside it written (every byte) and fsynced, renamed over the
 * old one, the folder fsynced. The text's parts are written as they come (a generator's slices are
 * never all in memory). A failure, of the disk or of the text's making, leaves the old file as it was.
 */
export async function replaceDurably(fs: FileSystem, file: string, text: Iterable<string | Buffer> | AsyncIterable<string | Buffer>): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const fd = fs.openReadWrite(temp);
  try {
    fs.truncate(fd, 0);
    let position = 0;
    for await (const part of text) {
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      await writeFully(fs, fd, bytes, position, temp);
      position += bytes.length;
    }
    await fs.sync(fd);
  } catch (error) {
    fs.close(fd);
    removeQuietly(fs, temp);
    throw error;
  }
  fs.close(fd);
  fs.rename(temp, file);
  await fs.syncFolder(dirname(file));
}

/** A JSON document, or undefined when there is none; one that does not parse throws, naming the file. */
export function readJsonDocument<T>(fs: FileSystem, file: string): T | undefined {
  const bytes = fs.readFile(file);
  if (bytes === undefined) return undefined;
  const name = basename(file);
  // Decoded once: the text of a large snapshot is tens of MB.
  const text = bytes.toString('utf8');
  if (!text.trim()) throw damaged(file, { key: 'operator.store.empty', params: { file, name } });
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw damaged(file, { key: 'operator.store.notJson', params: { file, name, reason: (error as Error).message } });
  }
}

const damaged = (file: string, sentence: OperatorSentence) => new StoreFileDamaged(file, undefined, sentence, inEnglish(sentence));

function removeQuietly(fs: FileSystem, file: string): void {
  try {
    fs.remove(file);
  } catch {
    /* the next write truncates it */
  }
}
