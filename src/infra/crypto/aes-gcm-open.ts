import { createDecipheriv } from 'node:crypto';
import type { SealedSecret } from '../../domain/inventory.js';

/** AES-256-GCM's opening of one sealed key (the sealer's, and the start's check on another thread); a wrong key or a changed byte throws. */
export function openAesGcm(key: Uint8Array, sealed: SealedSecret): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
