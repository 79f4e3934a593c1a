import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file only its owner can read (0600), whether or not one was there: writeFileSync's `mode`
 * applies only to a file it creates, so an export with keys over an existing 0644 file stayed 0644.
 * The text goes to a new 0600 file beside it, renamed over the old one: at no moment does a file
 * readable by others hold it.
 */
export function writePrivateFile(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  chmodSync(temp, 0o600); // under a umask that took bits off, still exactly 0600
  renameSync(temp, file);
}
