import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SealedSecret } from '../../domain/inventory.js';
import type { KeySealer } from '../../ports/key-sealer.js';

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
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  }
}

/**
 * The key from configuration, or else from a local key file created on first use (mode 0600), kept
 * apart from the data file so that the data file alone reveals no product key.
 */
export function loadEncryptionKey(configured: string | undefined, keyFile: string): { key: Buffer; source: 'config' | 'file' | 'created' } {
  if (configured) return { key: Buffer.from(configured, 'base64'), source: 'config' };
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`the key file ${keyFile} does not hold a ${KEY_BYTES}-byte base64 key`);
    return { key, source: 'file' };
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return { key, source: 'created' };
}
