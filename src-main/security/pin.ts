import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Each user's PIN is hashed with scrypt under a salt of its own, so that one hash undone says
 * nothing of the others. PINs hashed before salts were per user carry none and use the store's.
 */
export function newPinSalt(): string {
  return randomBytes(16).toString('hex');
}

export function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, salt, 32, { N: 1 << 14, r: 8, p: 1 }).toString('hex');
}

/** A fresh salt and the PIN's hash under it, as a user row keeps them. */
export function saltedPin(pin: string): { pinSalt: string; pinHash: string } {
  const pinSalt = newPinSalt();
  return { pinSalt, pinHash: hashPin(pin, pinSalt) };
}

export function pinMatches(pin: string, user: { pinHash: string; pinSalt: string | null }, storeSalt: string): boolean {
  const expected = Buffer.from(user.pinHash, 'hex');
  const actual = Buffer.from(hashPin(pin, user.pinSalt ?? storeSalt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
