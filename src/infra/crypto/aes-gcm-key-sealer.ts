import { createCipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SealedSecret } from '../../domain/inventory.js';
import { OperatorError } from '../../i18n/operator-sentence.js';
import type { KeySealer } from '../../ports/key-sealer.js';
import { openAesGcm } from './aes-gcm-open.js';
import { workerAnswer } from '../../lib/worker-answer.js';

const KEY_BYTES = 32;

/** AES-256-GCM: each key gets its own random 96-bit nonce; the tag makes tampering fail loudly. */
export class AesGcmKeySealer implements KeySealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`the encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }

  seal(plain: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open(sealed: SealedSecret): string {
    return openAesGcm(this.key, sealed);
  }
}

/**
 * The key from configuration, or else from a local key file created on first use (mode 0600), kept
 * apart from the data file so that the data file alone reveals no product key.
 */
export function loadEncryptionKey(configured: string | undefined, keyFile: string, options: { mayCreate?: boolean } = {}): { key: Buffer; source: 'config' | 'file' | 'created' } {
  if (configured) return { key: Buffer.from(configured, 'base64'), source: 'config' };
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new EncryptionKeyError({ key: 'operator.key.notBase64', params: { file: keyFile, bytes: KEY_BYTES } });
    return { key, source: 'file' };
  }
  // A new key for a store that holds keys sealed with a lost one would open none of them.
  if (options.mayCreate === false) {
    throw new EncryptionKeyError({ key: 'operator.key.missing', params: { file: keyFile } });
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return { key, source: 'created' };
}

/** The key at hand cannot open the product keys stored (lost, replaced, or damaged): the bot does not start. */
export class EncryptionKeyError extends OperatorError {
  override name = 'EncryptionKeyError';
}

/**
 * Throws an EncryptionKeyError naming where the key came from when `sealer` does not open every sealed
 * key (AES-GCM's tag fails on the wrong key: no key is mistaken for another). ~2 µs a key.
 */
export function checkSealedKeys(sealer: KeySealer, sealed: Iterable<{ owner: string; secret: SealedSecret }>, keySource: string): void {
  let count = 0;
  for (const { owner, secret } of sealed) {
    try {
      sealer.open(secret);
    } catch {
      throw new EncryptionKeyError({ key: 'operator.key.wrong', params: { source: keySource, owner, count } });
    }
    count++;
  }
}

const WORKER = new URL('./sealed-keys-worker.js', import.meta.url);

/**
 * `checkSealedKeys` with the AES-GCM key `key`, on another thread: the start goes on loading the bot
 * meanwhile, and awaits this before it writes or serves anything. Opening a key is ~15 µs here (a new
 * OpenSSL cipher each), ~35–50 ms of a restart at 2,500 keys. Rejects with the same EncryptionKeyError;
 * where the thread cannot run (no built worker, as under the test runner) the check runs here.
 */
export async function checkSealedKeysInBackground(key: Buffer, sealed: readonly { owner: string; secret: SealedSecret }[], keySource: string): Promise<void> {
  const first = sealed.length ? await workerAnswer<number>(WORKER, { key: new Uint8Array(key), secrets: sealed.map((s) => s.secret) }) : undefined;
  if (first === undefined) return checkSealedKeys(new AesGcmKeySealer(key), sealed, keySource);
  if (first >= 0) throw new EncryptionKeyError({ key: 'operator.key.wrong', params: { source: keySource, owner: sealed[first]!.owner, count: first } });
}
