import { closeSync, constants, existsSync, fstatSync, fsync, ftruncateSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, write } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

/**
 * What the embedded stores do to the disk, and nothing more: the seam through which a test makes a
 * write come back short, the disk fill up or turn read-only, or the process stop between two writes
 * (as root, chmod stops nothing, and mocking the module system tests the mock). Reads and the cheap
 * metadata calls are synchronous, as the stores open synchronously; writes and fsyncs run off the
 * event loop. Files are opened without O_APPEND: a store writes at the end it knows to be good, so
 * that after a failed write the next one starts on a clean line.
 */
export interface FileSystem {
  /** For reading and writing at chosen offsets, created (0600) when missing. */
  openReadWrite(path: string): number;
  /** An existing file, to read only (the disk is read-only). */
  openReadOnly(path: string): number;
  size(fd: number): number;
  read(fd: number, buffer: Buffer, offset: number, length: number, position: number): number;
  /** May write fewer bytes than asked (POSIX write(2)): resolves with how many it wrote. */
  write(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number>;
  sync(fd: number): Promise<void>;
  truncate(fd: number, length: number): void;
  close(fd: number): void;
  /** The whole file, or undefined when there is none. */
  readFile(path: string): Buffer | undefined;
  exists(path: string): boolean;
  rename(from: string, to: string): void;
  remove(path: string): void;
  list(dir: string): string[];
  /** Makes the folder's entries (a file created, renamed, removed) survive a power cut. */
  syncFolder(dir: string): Promise<void>;
}

/** Where a store says what an operator should know (a torn line dropped, a snapshot put off). */
export interface StoreLogger {
  warn(details: object, message: string): void;
}

/** Without a logger the warning still reaches the operator, on stderr. */
export const stderrLogger: StoreLogger = {
  warn: (details, message) => {
    const error = (details as { error?: string }).error;
    process.emitWarning(error ? `${message} (${error})` : message, 'StoreWarning');
  },
};

const writeAsync = (fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) => write(fd, buffer, offset, length, position, (error, written) => (error ? reject(error) : resolve(written))));
const fsyncAsync = promisify(fsync);
const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

export const nodeFileSystem: FileSystem = {
  openReadWrite: (path) => openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600),
  openReadOnly: (path) => openSync(path, constants.O_RDONLY),
  size: (fd) => fstatSync(fd).size,
  read: (fd, buffer, offset, length, position) => readSync(fd, buffer, offset, length, position),
  write: (fd, buffer, offset, length, position) => writeAsync(fd, buffer, offset, length, position),
  sync: (fd) => fsyncAsync(fd),
  truncate: (fd, length) => ftruncateSync(fd, length),
  close: (fd) => closeSync(fd),
  readFile(path) {
    try {
      return readFileSync(path);
    } catch (error) {
      if (code(error) === 'ENOENT') return undefined;
      throw error;
    }
  },
  exists: (path) => existsSync(path),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
  list: (dir) => readdirSync(dir),
  async syncFolder(dir) {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      await fsyncAsync(fd);
    } finally {
      closeSync(fd);
    }
  },
};

/** An error with a code, as the file system gives them (ENOSPC, EROFS, EIO). */
export function diskError(errno: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${errno}: ${message}`), { code: errno });
}

/**
 * Every byte of `data` at `position`, or a rejection: a short write is followed by another for the
 * rest (the disk may have room again, or says why not); one that writes nothing is a failure.
 */
export async function writeFully(fs: FileSystem, fd: number, data: Buffer, position: number, file: string): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const n = await fs.write(fd, data, done, data.length - done, position + done);
    if (n <= 0) throw diskError('EIO', `${file}: the disk took none of the last ${data.length - done} bytes`);
    done += n;
  }
}

/** The folder a file is in, for syncFolder. */
export const folderOf = (file: string) => dirname(file);
