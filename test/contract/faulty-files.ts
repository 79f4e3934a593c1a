import { nodeFiles, type StoreFiles } from '../../src/infra/store/conversation-files.js';

type Operation = keyof StoreFiles;
const MUTATING: readonly Operation[] = ['open', 'write', 'fsync', 'truncate', 'rename', 'remove', 'syncFolder'];

const errno = (code: string) => Object.assign(new Error(`${code} (injected)`), { code });

/**
 * The real file operations, with faults a test plans: the next write(s) come back short, an operation
 * throws ENOSPC / EROFS / EIO, or the process "crashes": from the n-th mutating operation on, nothing
 * reaches the disk any more (a write at that point lands only its first bytes), so that reopening with
 * the real operations reads exactly what a crash there would have left.
 */
export class FaultyFiles implements StoreFiles {
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

  private async step(op: Operation): Promise<void> {
    if (!MUTATING.includes(op)) return;
    this.count++;
    if (this.count > this.crashAt) throw errno('ECRASHED');
    const failure = this.failures.find((f) => f.op === op && f.times > 0);
    if (failure && failure.skip > 0) failure.skip--;
    else if (failure) {
      failure.times--;
      throw errno(failure.code);
    }
  }

  async open(path: string, flags: 'a' | 'w'): Promise<number> {
    await this.step('open');
    if (this.count === this.crashAt) throw errno('ECRASHED');
    return nodeFiles.open(path, flags);
  }

  async write(fd: number, data: Buffer, offset: number, length: number): Promise<number> {
    await this.step('write');
    if (this.count === this.crashAt) {
      if (this.crashedBytes > 0) await nodeFiles.write(fd, data, offset, Math.min(length, this.crashedBytes));
      throw errno('ECRASHED');
    }
    const limit = this.shortWrites.shift();
    return nodeFiles.write(fd, data, offset, limit === undefined ? length : Math.min(length, limit));
  }

  async fsync(fd: number): Promise<void> {
    await this.mutate('fsync', () => nodeFiles.fsync(fd));
  }

  async truncate(fd: number, length: number): Promise<void> {
    await this.mutate('truncate', () => nodeFiles.truncate(fd, length));
  }

  size = (fd: number) => nodeFiles.size(fd);
  close = (fd: number) => nodeFiles.close(fd);
  read = (path: string) => nodeFiles.read(path);
  list = (folder: string) => nodeFiles.list(folder);

  async rename(from: string, to: string): Promise<void> {
    await this.mutate('rename', () => nodeFiles.rename(from, to));
  }

  async remove(path: string): Promise<void> {
    await this.mutate('remove', () => nodeFiles.remove(path));
  }

  async syncFolder(folder: string): Promise<void> {
    await this.mutate('syncFolder', () => nodeFiles.syncFolder(folder));
  }

  private async mutate(op: Operation, run: () => Promise<void>): Promise<void> {
    await this.step(op);
    if (this.count === this.crashAt) throw errno('ECRASHED');
    await run();
  }
}
