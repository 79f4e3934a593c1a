import type { SealedSecret } from '../domain/inventory.js';

/** Encrypts product keys for storage and opens them when a person with the right role asks. */
export interface KeySealer {
  seal(plain: string): SealedSecret;
  open(sealed: SealedSecret): string;
}
