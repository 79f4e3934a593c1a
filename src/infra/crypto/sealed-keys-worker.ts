import { parentPort, workerData } from 'node:worker_threads';
import type { SealedSecret } from '../../domain/inventory.js';
import { openAesGcm } from './aes-gcm-open.js';

/** The checking thread of `checkSealedKeysInBackground`: the index of the first sealed key the key does not open, or -1. */
function firstUnopened(key: Uint8Array, secrets: SealedSecret[]): number {
  for (const [i, secret] of secrets.entries()) {
    try {
      openAesGcm(key, secret);
    } catch {
      return i;
    }
  }
  return -1;
}

const { key, secrets } = workerData as { key: Uint8Array; secrets: SealedSecret[] };
parentPort?.postMessage(firstUnopened(key, secrets));
