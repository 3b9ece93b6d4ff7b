/**
 * KRA publishes no algorithm for rcptSign and intrlData; the simulator makes them deterministic
 * (an HMAC of the seed over tin, branch and invcNo, in base32) so tests can assert receipts.
 */
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(buffer << (5 - bits)) & 31] : out;
}

export interface SaleSignature {
  /** 16 characters. */
  rcptSign: string;
  /** 26 characters. */
  intrlData: string;
}

export function signSale(seed: string, tin: string, bhfId: string, invcNo: number): SaleSignature {
  const digest = base32(createHmac('sha256', seed).update(`sale|${tin}|${bhfId}|${invcNo}`).digest());
  return { rcptSign: digest.slice(0, 16), intrlData: digest.slice(16, 42) };
}

/** The communication key KRA hands a device at initialisation: 32 hex digits. */
export function communicationKey(seed: string, serial: string, deviceNumber: number): string {
  return createHmac('sha256', seed).update(`cmc|${serial}|${deviceNumber}`).digest('hex').slice(0, 32).toUpperCase();
}

/** A bearer token for the gateway profile. */
export function accessToken(seed: string, consumerKey: string, issuedAt: number, serial: number): string {
  return createHmac('sha256', seed).update(`token|${consumerKey}|${issuedAt}|${serial}`).digest('base64url').slice(0, 28);
}
