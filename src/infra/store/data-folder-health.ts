import { accessSync, constants, existsSync, readdirSync, statfsSync } from 'node:fs';

/** What /healthz says of the data folder: writable, or why every write is failing. */
export type DataFolderHealth = { writable: true } | { writable: false; reason: 'readOnly' | 'full' | 'unreachable'; detail: string };

/** The two system calls asked (a test's seam: a disk cannot be made read-only under an open file). */
export interface DataFolderProbe {
  /** Throws (EROFS, EACCES …) when the folder cannot be written. */
  checkWritable(dir: string): void;
  /** Bytes an unprivileged process may still write there. */
  freeBytes(dir: string): number;
}

export const nodeDataFolderProbe: DataFolderProbe = {
  checkWritable: (dir) => accessSync(dir, constants.W_OK),
  freeBytes: (dir) => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  },
};

/** Under this, the next snapshot may not fit: the bot is as good as full. */
const FULL_BELOW_BYTES = 1024 * 1024;

/**
 * Asked at each /healthz (two system calls): a folder that went read-only or full while the bot runs
 * (the kernel remounts a failing disk read-only) still serves reads, but refuses every change, which
 * a health check that said "ok" hid.
 */
export function dataFolderHealth(dir: string, probe: DataFolderProbe = nodeDataFolderProbe): DataFolderHealth {
  try {
    probe.checkWritable(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    const reason = code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'readOnly' : 'unreachable';
    return { writable: false, reason, detail: `${code}: ${dir} cannot be written` };
  }
  try {
    const free = probe.freeBytes(dir);
    if (free < FULL_BELOW_BYTES) return { writable: false, reason: 'full', detail: `${dir} has ${free} bytes free` };
  } catch {
    // A file system that cannot say its free space is not called full.
  }
  return { writable: true };
}

/** What a data folder holds besides its dot files (its lock, a file being renamed): [] for a new one. */
export function dataFolderContents(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : [];
}
