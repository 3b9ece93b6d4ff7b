import { randomBytes, scryptSync } from 'node:crypto';

/**
 * PINs are looked up by their hash, so the hash must be deterministic: scrypt with a secret salt
 * kept per store (in the ledger's settings), which makes two stores' hashes of the same PIN differ.
 */
export function newPinSalt(): string {
  return randomBytes(16).toString('hex');
}

export function hashPin(pin: string, storeSalt: string): string {
  return scryptSync(pin, storeSalt, 32, { N: 1 << 14, r: 8, p: 1 }).toString('hex');
}
