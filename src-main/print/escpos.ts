/**
 * The receipt as ESC/POS bytes for 58 mm and 80 mm thermal printers. Text, alignment, sizes, the
 * cut, the drawer kick and the logo raster go through @node-escpos/core; bold and the QR code are
 * written by hand: the QR as the standard `GS ( k` model 2 store/print pair, which that package does
 * not emit (its qrcode() sends the older `ESC Z` form that most Epson-compatible printers ignore).
 */
import type { Image, Printer } from '@node-escpos/core';
import type { Block, ReceiptDocument, TextSize } from '../../src-shared/receipt';
import type { ReportDocument } from '../../src-shared/reports/document';
import { barLines, COLUMNS, columnsAt, itemLines, rowLines, ruleLine, taxTableLines, wrap, type PaperWidth } from './columns';

type EscPrinter = Printer<[]>;

/** Bytes are taken from the printer's buffer; sending them is a transport's job, not this package's. */
const NO_ADAPTER = undefined as unknown as ConstructorParameters<typeof Printer>[0];

/** PC437, the code page every ESC/POS printer starts in (ESC t 0). */
const ENCODING = 'cp437';

/** ESC E n alone: the package's style() also sends ESC 4, which Epson's command set does not define. */
const BOLD_ON = Buffer.from([0x1b, 0x45, 0x01]);
const BOLD_OFF = Buffer.from([0x1b, 0x45, 0x00]);

const SIZE: Record<TextSize, [number, number]> = { normal: [1, 1], tall: [1, 2], large: [2, 2], huge: [3, 3] };

/** Dots per QR module: the code stays about 3 cm wide on either paper. */
const QR_MODULE: Record<PaperWidth, number> = { 58: 5, 80: 6 };

export interface EscPosOptions {
  paperWidth: PaperWidth;
  /** The store logo, already decoded (loadEscPosLogo). */
  logo?: Image | null;
}

/**
 * Loaded on first use, as pdfkit is: the package and the image decoders it brings take longer to
 * load than the rest of the engine, and a till starts long before it prints.
 */
const escPos = () => import('@node-escpos/core');

export async function encodeReceipt(document: ReceiptDocument, options: EscPosOptions): Promise<Buffer> {
  const printer = newPrinter(await escPos(), options.paperWidth);
  for (const block of document.blocks) writeBlock(printer, block, options);
  return printer.buffer.flush();
}

/** An X or Z report; its chart of sales by hour as bars of text. */
export async function encodeReport(document: ReportDocument, options: EscPosOptions): Promise<Buffer> {
  const printer = newPrinter(await escPos(), options.paperWidth);
  for (const block of document.blocks) {
    if (block.type === 'bars') styled(printer, 'left', false, 'normal', barLines(block.bars, COLUMNS[options.paperWidth]));
    else writeBlock(printer, block, options);
  }
  return printer.buffer.flush();
}

/** The drawer kick alone (ESC p, pin 2): for cash sales and the audited "no sale". */
export async function encodeDrawerKick(): Promise<Buffer> {
  const { Printer } = await escPos();
  return new Printer(NO_ADAPTER, { encoding: ENCODING }).hardware('init').cashdraw(2).buffer.flush();
}

function newPrinter({ Printer }: Awaited<ReturnType<typeof escPos>>, paperWidth: PaperWidth): EscPrinter {
  const printer: EscPrinter = new Printer(NO_ADAPTER, { encoding: ENCODING, width: COLUMNS[paperWidth] });
  return printer.hardware('init').setCharacterCodeTable(0);
}

function writeBlock(printer: EscPrinter, block: Block, options: EscPosOptions): void {
  const columns = COLUMNS[options.paperWidth];
  switch (block.type) {
    case 'text':
      styled(printer, block.align, block.bold, block.size, wrap(printable(block.text), columnsAt(columns, block.size)));
      return;
    case 'row':
      styled(printer, 'left', block.bold, block.size, rowLines(printable(block.left), printable(block.right), columns));
      return;
    case 'item':
      styled(printer, 'left', false, 'normal', itemLines({ ...block, name: printable(block.name) }, columns));
      return;
    case 'rule':
      styled(printer, 'left', false, 'normal', [ruleLine(block.style, columns)]);
      return;
    case 'taxTable':
      styled(printer, 'left', false, 'normal', taxTableLines(block, columns));
      return;
    case 'qr':
      printer.align('ct').raw(qrCommands(block.url, QR_MODULE[options.paperWidth])).newLine().align('lt');
      return;
    case 'logo':
      if (options.logo) printer.align('ct').raster(options.logo).newLine().align('lt');
      return;
    case 'cut':
      printer.cut(false, 4);
      return;
  }
}

function styled(printer: EscPrinter, align: 'left' | 'center' | 'right', bold: boolean, size: TextSize, lines: string[]): void {
  printer.align(align === 'center' ? 'ct' : align === 'right' ? 'rt' : 'lt');
  if (bold) printer.raw(BOLD_ON);
  if (size !== 'normal') printer.size(...SIZE[size]);
  printer.text(lines.join('\n'));
  if (size !== 'normal') printer.size(1, 1);
  if (bold) printer.raw(BOLD_OFF);
}

/** Typographic characters PC437 lacks, as their plain forms; anything else unknown prints as `?`. */
function printable(text: string): string {
  return text
    .replace(/[\u2012-\u2015]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\u00A0/g, ' ');
}

/** GS ( k pL pH cn fn [params]: pL/pH count the bytes after them; cn 49 is the QR code. */
function qrFunction(fn: number, params: Buffer): Buffer {
  const length = params.length + 2;
  return Buffer.concat([Buffer.from([0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn]), params]);
}

/** Model 2, the module size, error correction M, then store the data (fn 80) and print it (fn 81). */
function qrCommands(data: string, moduleDots: number): Buffer {
  return Buffer.concat([
    qrFunction(0x41, Buffer.from([0x32, 0x00])),
    qrFunction(0x43, Buffer.from([moduleDots])),
    qrFunction(0x45, Buffer.from([0x31])),
    qrFunction(0x50, Buffer.concat([Buffer.from([0x30]), Buffer.from(data, 'ascii')])),
    qrFunction(0x51, Buffer.from([0x30])),
  ]);
}
