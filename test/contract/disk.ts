import { basename, dirname } from 'node:path';
import { diskError, type FileSystem } from '../../src/infra/store/file-system.js';

/** A file's bytes: what the page cache holds (`data` up to `size`), and what an fsync put on the platter. */
interface Inode {
  data: Buffer;
  size: number;
  durable: Buffer;
}

const inode = (bytes: Buffer): Inode => ({ data: Buffer.from(bytes), size: bytes.length, durable: Buffer.from(bytes) });
const contents = (file: Inode) => Buffer.from(file.data.subarray(0, file.size));

/** What survives, shared by a disk and the one it restarts as. */
interface Platter {
  /** Names this disk across its restarts: an engine that keeps its data elsewhere (a database) finds it by this. */
  place: string;
  names: Map<string, Inode>;
  /** The names as of each folder's last fsync: a power cut keeps these. */
  durableNames: Map<string, Inode>;
}

/** Thrown by every call once the process has "died". */
export class Crashed extends Error {
  constructor() {
    super('the process crashed here');
  }
}

let disks = 0;
const MUTATING = new Set(['create', 'write', 'sync', 'truncate', 'rename', 'remove', 'syncFolder']);

/**
 * An in-memory disk behind the stores' FileSystem seam, with the faults a real one has: a write that
 * comes back short, a disk that fills up (the write past the room is short, the next fails ENOSPC) or
 * turns read-only (EROFS), and a crash between two of its writes (`crashAfter`). A crash in the middle
 * of a write leaves half of it. `restart('process')` is the next start after a kill (the page cache
 * survives); `restart('power')` after a power cut: only what was fsynced, under the names a folder
 * fsync made durable. The old disk stays dead, so a store still running on it cannot write to the new.
 */
export class FaultyDisk implements FileSystem {
  /** Every mutating call made, as `op name`: for the order of a snapshot's writes. */
  readonly log: string[] = [];
  private readonly fds = new Map<number, { inode: Inode; path: string; writable: boolean }>();
  private nextFd = 3;
  private room = Infinity;
  private readOnlyDisk = false;
  private shortNext = false;
  private crashIn: number | undefined;
  private dead = false;

  constructor(private readonly platter: Platter = { place: `disk-${++disks}`, names: new Map(), durableNames: new Map() }) {}

  /** The same after a restart: where an engine that is not on this disk keeps this disk's data. */
  get place(): string {
    return this.platter.place;
  }

  /** How many mutating calls were made: the points a crash can come between. */
  get operations(): number {
    return this.log.length;
  }

  /** Only `bytes` more fit on the disk. */
  fill(bytes = 0): void {
    this.room = bytes;
  }

  readOnly(): void {
    this.readOnlyDisk = true;
  }

  /** Room again, and writable. */
  heal(): void {
    this.room = Infinity;
    this.readOnlyDisk = false;
  }

  /** The next write takes half its bytes (and says so), with room to spare. */
  shortNextWrite(): void {
    this.shortNext = true;
  }

  /** After `operations` more mutating calls the process dies: the next one fails (a write, half done). */
  crashAfter(operations: number): void {
    this.crashIn = operations;
  }

  get crashed(): boolean {
    return this.dead;
  }

  restart(mode: 'process' | 'power'): FaultyDisk {
    this.dead = true;
    const { place } = this.platter;
    if (mode === 'process') return new FaultyDisk({ place, names: new Map(this.platter.names), durableNames: new Map(this.platter.durableNames) });
    const names = new Map<string, Inode>();
    for (const [path, file] of this.platter.durableNames) names.set(path, inode(file.durable));
    return new FaultyDisk({ place, names, durableNames: new Map(names) });
  }

  /** For a test that damages a file by hand, as a disk error would. */
  bytes(path: string): Buffer | undefined {
    const file = this.platter.names.get(path);
    return file && contents(file);
  }

  overwrite(path: string, data: Buffer): void {
    const file = inode(data);
    this.platter.names.set(path, file);
    this.platter.durableNames.set(path, file);
  }

  openReadWrite(path: string): number {
    this.alive();
    let file = this.platter.names.get(path);
    if (!file) {
      this.mutate('create', path);
      file = inode(Buffer.alloc(0));
      this.platter.names.set(path, file);
    } else if (this.readOnlyDisk) throw diskError('EROFS', `read-only file system, open '${path}'`);
    return this.handle(file, path, true);
  }

  openReadOnly(path: string): number {
    this.alive();
    const file = this.platter.names.get(path);
    if (!file) throw diskError('ENOENT', `no such file, open '${path}'`);
    return this.handle(file, path, false);
  }

  size(fd: number): number {
    return this.fd(fd).inode.size;
  }

  read(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
    const { data, size } = this.fd(fd).inode;
    return position >= size ? 0 : data.copy(buffer, offset, position, Math.min(size, position + length));
  }

  async write(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    const file = this.fd(fd);
    const dying = this.crashIn === 0;
    this.mutate('write', file.path);
    let n = length;
    if (this.shortNext && length > 1) {
      this.shortNext = false;
      n = Math.floor(length / 2);
    }
    const grows = Math.max(0, position + n - file.inode.size);
    if (grows > this.room) {
      n = Math.max(0, n - (grows - this.room));
      if (n === 0) throw diskError('ENOSPC', `no space left on device, write '${file.path}'`);
    }
    if (dying) n = Math.floor(length / 2);
    this.resize(file.inode, Math.max(file.inode.size, position + n));
    buffer.copy(file.inode.data, position, offset, offset + n);
    if (dying) throw new Crashed();
    return n;
  }

  async sync(fd: number): Promise<void> {
    const file = this.fd(fd);
    this.mutate('sync', file.path);
    file.inode.durable = contents(file.inode);
  }

  truncate(fd: number, length: number): void {
    const file = this.fd(fd);
    this.mutate('truncate', file.path);
    this.resize(file.inode, length);
  }

  close(fd: number): void {
    this.fds.delete(fd);
  }

  readFile(path: string): Buffer | undefined {
    this.alive();
    const file = this.platter.names.get(path);
    return file && contents(file);
  }

  exists(path: string): boolean {
    this.alive();
    return this.platter.names.has(path);
  }

  rename(from: string, to: string): void {
    this.mutate('rename', `${from} ${to}`);
    const inode = this.platter.names.get(from);
    if (!inode) throw diskError('ENOENT', `no such file, rename '${from}'`);
    this.platter.names.delete(from);
    this.platter.names.set(to, inode);
  }

  remove(path: string): void {
    this.mutate('remove', path);
    this.platter.names.delete(path);
  }

  list(dir: string): string[] {
    this.alive();
    return [...this.platter.names.keys()].filter((p) => dirname(p) === dir).map((p) => basename(p));
  }

  async syncFolder(dir: string): Promise<void> {
    this.mutate('syncFolder', dir);
    for (const path of new Set([...this.platter.names.keys(), ...this.platter.durableNames.keys()])) {
      if (dirname(path) !== dir) continue;
      const inode = this.platter.names.get(path);
      if (inode) this.platter.durableNames.set(path, inode);
      else this.platter.durableNames.delete(path);
    }
  }

  /** Grows (zeros, as a hole reads) or shrinks a file, counting the room it takes or gives back. */
  private resize(file: Inode, size: number): void {
    this.room -= size - file.size;
    if (size > file.data.length) {
      const data = Buffer.alloc(Math.max(size, 2 * file.data.length));
      file.data.copy(data, 0, 0, file.size);
      file.data = data;
    } else if (size < file.size) file.data.fill(0, size, file.size);
    file.size = size;
  }

  private handle(inode: Inode, path: string, writable: boolean): number {
    const fd = this.nextFd++;
    this.fds.set(fd, { inode, path, writable });
    return fd;
  }

  private fd(fd: number) {
    this.alive();
    const file = this.fds.get(fd);
    if (!file) throw diskError('EBADF', `bad file descriptor ${fd}`);
    return file;
  }

  private alive(): void {
    if (this.dead) throw new Crashed();
  }

  /** Counts the call as a point a crash can come at, and refuses it on a read-only disk. */
  private mutate(op: string, what: string): void {
    this.alive();
    if (!MUTATING.has(op)) return;
    if (this.crashIn !== undefined) {
      if (this.crashIn === 0) {
        this.dead = true;
        // A write dies half done (the caller writes its half first); anything else dies before it starts.
        if (op !== 'write') throw new Crashed();
      } else this.crashIn--;
    }
    if (this.readOnlyDisk) throw diskError('EROFS', `read-only file system, ${op} '${what}'`);
    this.log.push(`${op} ${what.split(' ').map((p) => basename(p)).join(' ')}`);
  }
}
