/**
 * Reads ESC/POS bytes back into what a printer would do with them: text lines with their alignment,
 * emphasis and size, QR codes (GS ( k), raster images, cuts and drawer kicks. Any command it does not
 * know is an error, so stray bytes in a receipt fail the test instead of printing junk.
 */

export interface DecodedLine {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  /** Character width and height multipliers (GS !). */
  width: number;
  height: number;
}

export interface DecodedQr {
  model: number | null;
  moduleSize: number | null;
  /** 48 L, 49 M, 50 Q, 51 H. */
  errorCorrection: number | null;
  data: string | null;
  printed: boolean;
}

export interface DecodedEscPos {
  lines: DecodedLine[];
  qrCodes: DecodedQr[];
  rasters: { widthBytes: number; height: number }[];
  cuts: number;
  drawerKicks: { pin: number; onMs: number; offMs: number }[];
  inits: number;
  codePage: number | null;
  /** Everything in order, for checks on sequence: `line:...`, `qr`, `cut`, `drawer`. */
  events: string[];
}

const ALIGN = ['left', 'center', 'right'] as const;

export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const out: DecodedEscPos = { lines: [], qrCodes: [], rasters: [], cuts: 0, drawerKicks: [], inits: 0, codePage: null, events: [] };
  const state = { align: 'left' as DecodedLine['align'], bold: false, width: 1, height: 1 };
  let text = '';
  let qr: DecodedQr = freshQr();
  let i = 0;
  const byte = (at: number) => {
    if (at >= bytes.length) throw new Error(`command cut short at byte ${at}`);
    return bytes[at]!;
  };
  const endLine = () => {
    out.lines.push({ text, ...state });
    out.events.push(`line:${text}`);
    text = '';
  };

  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      endLine();
      i += 1;
    } else if (b === 0x1b) {
      const command = String.fromCharCode(byte(i + 1));
      const n = () => byte(i + 2);
      switch (command) {
        case '@':
          Object.assign(state, { align: 'left', bold: false, width: 1, height: 1 });
          out.inits += 1;
          i += 2;
          break;
        case 't':
          out.codePage = n();
          i += 3;
          break;
        case 'a':
          state.align = ALIGN[n() % 48] ?? 'left';
          i += 3;
          break;
        case 'E':
          state.bold = (n() & 1) === 1;
          i += 3;
          break;
        case '!':
          state.bold = (n() & 0x08) !== 0;
          state.width = n() & 0x20 ? 2 : 1;
          state.height = n() & 0x10 ? 2 : 1;
          i += 3;
          break;
        case 'd':
          for (let k = 0; k < n(); k++) endLine();
          i += 3;
          break;
        case 'p':
          out.drawerKicks.push({ pin: n() % 48 === 0 ? 2 : 5, onMs: byte(i + 3) * 2, offMs: byte(i + 4) * 2 });
          out.events.push('drawer');
          i += 5;
          break;
        default:
          throw new Error(`unknown command ESC ${JSON.stringify(command)} at byte ${i}`);
      }
    } else if (b === 0x1d) {
      const command = String.fromCharCode(byte(i + 1));
      switch (command) {
        case '!': {
          const n = byte(i + 2);
          state.width = (n >> 4) + 1;
          state.height = (n & 0x0f) + 1;
          i += 3;
          break;
        }
        case 'V': {
          const m = byte(i + 2);
          out.cuts += 1;
          out.events.push('cut');
          i += m === 65 || m === 66 ? 4 : 3;
          break;
        }
        case 'v': {
          const widthBytes = byte(i + 4) + byte(i + 5) * 256;
          const height = byte(i + 6) + byte(i + 7) * 256;
          out.rasters.push({ widthBytes, height });
          out.events.push('raster');
          i += 8 + widthBytes * height;
          break;
        }
        case '(': {
          if (String.fromCharCode(byte(i + 2)) !== 'k') throw new Error(`unknown command GS ( ${byte(i + 2)} at byte ${i}`);
          const length = byte(i + 3) + byte(i + 4) * 256;
          const body = bytes.subarray(i + 5, i + 5 + length);
          if (body.length !== length || body[0] !== 0x31) throw new Error(`malformed QR command at byte ${i}`);
          qr = applyQr(qr, body, out);
          if (qr.printed) qr = freshQr();
          i += 5 + length;
          break;
        }
        default:
          throw new Error(`unknown command GS ${JSON.stringify(command)} at byte ${i}`);
      }
    } else if (b < 0x20) {
      throw new Error(`unexpected control byte ${b} at byte ${i}`);
    } else {
      text += b < 0x80 ? String.fromCharCode(b) : '\uFFFD';
      i += 1;
    }
  }
  if (text) endLine();
  return out;
}

function freshQr(): DecodedQr {
  return { model: null, moduleSize: null, errorCorrection: null, data: null, printed: false };
}

/** fn 65 model, 67 module size, 69 error correction, 80 store data, 81 print. */
function applyQr(qr: DecodedQr, body: Uint8Array, out: DecodedEscPos): DecodedQr {
  const fn = body[1];
  switch (fn) {
    case 0x41:
      return { ...qr, model: body[2]! - 0x30 };
    case 0x43:
      return { ...qr, moduleSize: body[2]! };
    case 0x45:
      return { ...qr, errorCorrection: body[2]! };
    case 0x50:
      return { ...qr, data: Buffer.from(body.subarray(3)).toString('latin1') };
    case 0x51: {
      const printed = { ...qr, printed: true };
      out.qrCodes.push(printed);
      out.events.push('qr');
      return printed;
    }
    default:
      throw new Error(`unknown QR function ${fn}`);
  }
}
