/**
 * KRA's wire times are Africa/Nairobi local time (UTC+3 all year: Kenya keeps no daylight saving),
 * as YYYYMMDDhhmmss or YYYYMMDD. Inside Mauzo an instant is a Date; this is the one place they meet.
 */
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;

function nairobiDigits(at: Date): string {
  return new Date(at.getTime() + NAIROBI_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** YYYYMMDDhhmmss, Nairobi time. */
export function toKraDateTime(at: Date): string {
  return nairobiDigits(at);
}

/** YYYYMMDD, Nairobi date. */
export function toKraDate(at: Date): string {
  return nairobiDigits(at).slice(0, 8);
}

/** Reads YYYYMMDDhhmmss (or "YYYY-MM-DD hh:mm:ss[.f]") in Nairobi time; null when malformed. */
export function fromKraDateTime(value: string): Date | null {
  const digits = value.replace(/\.\d+$/, '').replace(/\D/g, '');
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - NAIROBI_OFFSET_MS);
  return toKraDateTime(at) === digits ? at : null;
}
