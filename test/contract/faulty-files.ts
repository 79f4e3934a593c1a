import { nodeFileSystem, type FileSystem } from '../../src/infra/store/file-system.js';

type Operation = keyof FileSystem;
const MUTATING: readonly Operation[] = ['openReadWrite', 'write', 'sync', 'truncate', 'rename', 'remove', 'syncFolder'];

const errno = (code: string) => Object.assign(new Error(`${code} (injected)`), { code });

/**
 * The real file system, with faults a test plans: the next write(s) come back short, an operation
 * throws ENOSPC / EROFS / EIO, or the process "crashes": from the n-th mutating operation on, nothing
 * reaches the disk any more (a write at that point lands only its first bytes), so that reopening with
 * the real file system reads exactly what a crash there would have left.
 */
export class FaultyFiles implements FileSystem {
  /** Mutating operations so far. */
  count = 0;
  private crashAt = Infinity;
  private crashedBytes = 0;
  private readonly failures: { op: Operation; code: string; times: number; skip: number }[] = [];
  private shortWrites: number[] = [];

  /** After `skip` calls of `op` that work, the next `times` throw `code`. */
  fail(op: Operation, code: string, times = 1, skip = 0): this {
    this.failures.push({ op, code, times, skip });
    return this;
  }

  /** The next writes write at most these many bytes each (then write normally). */
  short(...limits: number[]): this {
    this.shortWrites.push(...limits);
    return this;
  }

  /** The `n`-th mutating operation from now is where the process stops; a write there lands `bytes` first bytes. */
  crashAfter(n: number, bytes = 0): this {
    this.crashAt = this.count + n;
    this.crashedBytes = bytes;
    return this;
  }

  get crashed(): boolean {
    return this.count >= this.crashAt;
  }

  /** Counts a mutating call and throws what is planned for it; true when the process stops at this very call. */
  private step(op: Operation): boolean {
    if (!MUTATING.includes(op)) return false;
    this.count++;
    if (this.count > this.crashAt) throw errno('ECRASHED');
    const failure = this.failures.find((f) => f.op === op && f.times > 0);
    if (failure && failure.skip > 0) failure.skip--;
    else if (failure) {
      failure.times--;
      throw errno(failure.code);
    }
    return this.count === this.crashAt;
  }

  private mutate<T>(op: Operation, run: () => T): T {
    if (this.step(op)) throw errno('ECRASHED');
    return run();
  }

  openReadWrite = (path: string) => this.mutate('openReadWrite', () => nodeFileSystem.openReadWrite(path));
  openReadOnly = (path: string) => nodeFileSystem.openReadOnly(path);
  size = (fd: number) => nodeFileSystem.size(fd);
  read = (fd: number, buffer: Buffer, offset: number, length: number, position: number) => nodeFileSystem.read(fd, buffer, offset, length, position);
  truncate = (fd: number, length: number) => this.mutate('truncate', () => nodeFileSystem.truncate(fd, length));
  close = (fd: number) => nodeFileSystem.close(fd);
  readFile = (path: string) => nodeFileSystem.readFile(path);
  exists = (path: string) => nodeFileSystem.exists(path);
  rename = (from: string, to: string) => this.mutate('rename', () => nodeFileSystem.rename(from, to));
  remove = (path: string) => this.mutate('remove', () => nodeFileSystem.remove(path));
  list = (dir: string) => nodeFileSystem.list(dir);

  async write(fd: number, data: Buffer, offset: number, length: number, position: number): Promise<number> {
    if (this.step('write')) {
      if (this.crashedBytes > 0) await nodeFileSystem.write(fd, data, offset, Math.min(length, this.crashedBytes), position);
      throw errno('ECRASHED');
    }
    const limit = this.shortWrites.shift();
    return nodeFileSystem.write(fd, data, offset, limit === undefined ? length : Math.min(length, limit), position);
  }

  async sync(fd: number): Promise<void> {
    await this.mutate('sync', () => nodeFileSystem.sync(fd));
  }

  async syncFolder(dir: string): Promise<void> {
    await this.mutate('syncFolder', () => nodeFileSystem.syncFolder(dir));
  }
}
