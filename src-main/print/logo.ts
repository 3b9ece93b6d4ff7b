/**
 * The store logo: a PNG data URL from the settings screen, checked once when saved, decoded for the
 * thermal printer's raster and handed to the PDF as is.
 */
import type { Image } from '@node-escpos/core';

/** A 58 mm head is 384 dots wide: a logo this size prints on either paper without scaling. */
export const LOGO_MAX_DOTS = 384;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;

export interface PngSize {
  width: number;
  height: number;
}

export type LogoCheck = { ok: true; png: Buffer; size: PngSize } | { ok: false; reason: string };

/** Reads and checks a logo data URL; the reason says what to fix. */
export function checkLogo(dataUrl: string): LogoCheck {
  const match = DATA_URL.exec(dataUrl);
  if (!match) return { ok: false, reason: 'the logo must be a PNG data URL (data:image/png;base64,...)' };
  const png = Buffer.from(match[1]!, 'base64');
  const size = pngSize(png);
  if (!size) return { ok: false, reason: 'the logo is not a readable PNG image' };
  if (size.width > LOGO_MAX_DOTS || size.height > LOGO_MAX_DOTS) {
    return { ok: false, reason: `the logo is ${size.width}x${size.height} pixels; make it at most ${LOGO_MAX_DOTS}x${LOGO_MAX_DOTS}` };
  }
  return { ok: true, png, size };
}

/** Width and height from the PNG's IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(png: Buffer): PngSize | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR') return null;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Decodes the PNG into the raster the thermal printer takes. */
export async function loadEscPosLogo(png: Buffer): Promise<Image> {
  const { Image } = await import('@node-escpos/core'); // on first use, as escpos.ts loads it
  return Image.load(png, 'image/png');
}
