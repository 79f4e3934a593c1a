import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Output between two yields to the event loop while a large document is serialised. */
const SLICE_CHARS = 256 * 1024;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** JSON text in pieces: big arrays element by element, the first levels of objects key by key. */
function* pieces(value: unknown, depth: number): Generator<string> {
  if (Array.isArray(value) && value.length > 16) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      yield* pieces(value[i], depth + 1);
    }
    yield ']';
  } else if (isPlainObject(value) && depth < 3) {
    yield '{';
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* pieces(v, depth + 1);
    }
    yield '}';
  } else {
    yield JSON.stringify(value) ?? 'null';
  }
}

/** JSON.stringify, in slices that let other turns run in between (the value must not change meanwhile). */
export async function stringifyYielding(value: unknown): Promise<string[]> {
  const out: string[] = [];
  let slice: string[] = [];
  let size = 0;
  for (const piece of pieces(value, 0)) {
    slice.push(piece);
    size += piece.length;
    if (size >= SLICE_CHARS) {
      out.push(slice.join(''));
      slice = [];
      size = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  out.push(slice.join(''));
  return out;
}

/**
 * A lowdb adapter for a document that may be large: it serialises without holding the event loop for
 * long, and writes durably (temporary file, fsync, rename, fsync of the folder). lowdb's own JSONFile
 * (steno) stringifies in one go (~2-3 s for the 60 MB of a 50,000-person inventory, every turn waiting)
 * and does not fsync, so a power cut after its rename could lose a snapshot whose journal was emptied.
 * The data handed to `write` must not be mutated while it is written (the inventory is frozen).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly temp: string;

  constructor(private readonly file: string) {
    this.temp = join(dirname(file), `.${basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(data: T): Promise<void> {
    const text = await stringifyYielding(data);
    const handle = await open(this.temp, 'w', 0o600);
    try {
      for (const part of text) await handle.write(part);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.temp, this.file);
    const folder = await open(dirname(this.file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}
