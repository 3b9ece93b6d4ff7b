/**
 * The receipt as a PDF: an 80 mm (or 58 mm) roll one page long, for system printers and sharing, or
 * an A4 tax invoice with its items as a table. Built-in Helvetica; the QR code is drawn as vectors.
 */
import type { create as QrCreate } from 'qrcode';
import type { Block, ItemBlock, ReceiptDocument, RowBlock, Section, TaxTableBlock, TextSize } from '../../src-shared/receipt';
import type { BarsBlock, ReportDocument } from '../../src-shared/reports/document';
import { pngSize } from './logo';

export type PdfPaper = 'roll58' | 'roll80' | 'a4';

type Doc = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const LINE_HEIGHT = 1.3;

interface PaperSpec {
  width: number;
  /** Null for a roll: the page is as long as the receipt. */
  height: number | null;
  margin: number;
  sizes: Record<TextSize, number>;
  qr: number;
  logo: { width: number; height: number };
}

const PAPERS: Record<PdfPaper, PaperSpec> = {
  roll58: { width: 58 * MM, height: null, margin: 3 * MM, sizes: { normal: 7, tall: 9, large: 11, huge: 20 }, qr: 100, logo: { width: 110, height: 50 } },
  roll80: { width: 80 * MM, height: null, margin: 4 * MM, sizes: { normal: 8, tall: 10, large: 13, huge: 24 }, qr: 110, logo: { width: 140, height: 60 } },
  a4: { width: 595.28, height: 841.89, margin: 50, sizes: { normal: 10, tall: 12, large: 16, huge: 32 }, qr: 120, logo: { width: 180, height: 70 } },
};

/** Something drawn at a height, kept whole when an A4 page breaks. */
interface Piece {
  height: number;
  draw(doc: Doc, y: number): void;
}

interface Frame {
  paper: PaperSpec;
  wide: boolean;
  x: number;
  width: number;
}

export function renderPdf(document: ReceiptDocument, paperName: PdfPaper): Promise<Buffer> {
  return renderPieces(`${document.title} ${document.tradeInvoiceNo}`, document.watermark, paperName, (doc, frame) => layout(doc, document, frame));
}

/** An X or Z report: its rows as label and figure, its sales by hour as a bar chart. */
export function renderReportPdf(document: ReportDocument, paperName: PdfPaper): Promise<Buffer> {
  return renderPieces(document.title, document.watermark, paperName, (doc, frame) =>
    document.blocks.flatMap((block) => {
      if (block.type === 'bars') return barPieces(doc, block, frame);
      if (block.type !== 'row') return blockPieces(doc, block, frame);
      const width = Math.min(frame.width, 380);
      return pairPieces(doc, block.left, block.right, { font: block.bold ? BOLD : REGULAR, size: frame.paper.sizes[block.size] }, frame.x, width);
    }),
  );
}

async function renderPieces(title: string, watermark: string | null, paperName: PdfPaper, lay: (doc: Doc, frame: Frame) => Piece[]): Promise<Buffer> {
  const paper = PAPERS[paperName];
  // Loaded on first use: pdfkit and qrcode are large modules, and most tills print to thermal printers.
  const { default: PDFDocument } = await import('pdfkit');
  createQr ??= (await import('qrcode')).create;
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: { Title: title, Creator: 'Mauzo' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const frame: Frame = { paper, wide: paper.height !== null, x: paper.margin, width: paper.width - 2 * paper.margin };
  const pieces = lay(doc, frame);
  if (paper.height === null) drawRoll(doc, pieces, frame, watermark);
  else drawPages(doc, pieces, frame, watermark);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function drawRoll(doc: Doc, pieces: Piece[], frame: Frame, watermark: string | null): void {
  const height = pieces.reduce((sum, p) => sum + p.height, 0) + 2 * frame.paper.margin;
  doc.addPage({ size: [frame.paper.width, height], margin: 0 });
  if (watermark) {
    for (let y = 120; y < height; y += 260) drawWatermark(doc, watermark, frame.paper.width, y, 28);
  }
  let y = frame.paper.margin;
  for (const piece of pieces) {
    piece.draw(doc, y);
    y += piece.height;
  }
}

function drawPages(doc: Doc, pieces: Piece[], frame: Frame, watermark: string | null): void {
  const { paper } = frame;
  const bottom = paper.height! - paper.margin;
  const newPage = () => {
    doc.addPage({ size: [paper.width, paper.height!], margin: 0 });
    if (watermark) drawWatermark(doc, watermark, paper.width, paper.height! / 2, 72);
    return paper.margin;
  };
  let y = newPage();
  for (const piece of pieces) {
    if (y + piece.height > bottom && y > paper.margin) y = newPage();
    piece.draw(doc, y);
    y += piece.height;
  }
}

function drawWatermark(doc: Doc, text: string, pageWidth: number, centreY: number, size: number): void {
  doc.save();
  doc.font(BOLD).fontSize(size);
  const fitted = Math.min(size, (size * pageWidth * 0.9) / doc.widthOfString(text));
  doc.fontSize(fitted).fillColor('#000000').fillOpacity(0.08);
  doc.rotate(-30, { origin: [pageWidth / 2, centreY] });
  const width = doc.widthOfString(text);
  doc.text(text, pageWidth / 2 - width / 2, centreY - fitted / 2, { lineBreak: false });
  doc.restore();
}

function layout(doc: Doc, document: ReceiptDocument, frame: Frame): Piece[] {
  if (!frame.wide) return document.blocks.flatMap((block) => blockPieces(doc, block, frame));
  const qr = document.blocks.find((block) => block.type === 'qr');
  const flow = document.blocks.filter((block) => block.type !== 'qr');
  const scu = flow.filter((block) => block.section === 'scu');
  const pieces: Piece[] = [];
  let previous: Block | undefined;
  for (const block of flow) {
    if (block.section === 'scu') {
      if (block === scu[0]) pieces.push(...blockPieces(doc, block, frame), scuPanel(doc, scu.slice(1), qr?.type === 'qr' ? qr.url : null, frame));
      continue;
    }
    if (block.type === 'item' && previous?.type !== 'item') pieces.push(...itemHeader(doc, frame));
    pieces.push(...blockPieces(doc, block, frame));
    previous = block;
  }
  return pieces;
}

/** On A4 the QR code stands beside the SCU information instead of taking a band of its own. */
function scuPanel(doc: Doc, blocks: Block[], qrUrl: string | null, frame: Frame): Piece {
  const qrWidth = qrUrl ? frame.paper.qr : 0;
  const left = blocks.flatMap((block) => blockPieces(doc, block, { ...frame, width: frame.width - qrWidth - 24 }));
  const qr = qrUrl ? qrPiece(qrUrl, { ...frame, x: frame.x + frame.width - qrWidth, width: qrWidth }) : null;
  const leftHeight = left.reduce((sum, p) => sum + p.height, 0);
  return {
    height: Math.max(leftHeight, qr?.height ?? 0),
    draw: (d, y) => {
      let at = y;
      for (const piece of left) {
        piece.draw(d, at);
        at += piece.height;
      }
      qr?.draw(d, y);
    },
  };
}

function blockPieces(doc: Doc, block: Block, frame: Frame): Piece[] {
  switch (block.type) {
    case 'text':
      return textPieces(doc, block.text, { font: block.bold ? BOLD : REGULAR, size: frame.paper.sizes[block.size], align: alignIn(block.section, block.align, frame) }, frame.x, frame.width);
    case 'row':
      return rowPieces(doc, block, frame);
    case 'item':
      return frame.wide ? itemRowPieces(doc, block, frame) : itemRollPieces(doc, block, frame);
    case 'rule':
      return [rulePiece(block.style, frame)];
    case 'taxTable':
      return taxTablePieces(doc, block, frame);
    case 'qr':
      return [qrPiece(block.url, frame)];
    case 'logo':
      return logoPieces(block.dataUrl, frame);
    case 'cut':
      return [];
  }
}

/** On A4 the SCU block reads as a left-aligned panel; everything else keeps its own alignment. */
function alignIn(section: Section, align: 'left' | 'center' | 'right', frame: Frame): 'left' | 'center' | 'right' {
  return frame.wide && section === 'scu' && align === 'center' ? 'left' : align;
}

interface TextStyle {
  font: string;
  size: number;
  align: 'left' | 'center' | 'right';
  color?: string;
}

function measure(doc: Doc, text: string, style: Pick<TextStyle, 'font' | 'size'>): number {
  return doc.font(style.font).fontSize(style.size).widthOfString(text);
}

function wrapMeasured(doc: Doc, text: string, style: Pick<TextStyle, 'font' | 'size'>, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(doc, candidate, style) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (measure(doc, rest, style) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(doc, rest.slice(0, cut), style) > width) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function drawText(doc: Doc, text: string, style: TextStyle, x: number, width: number, y: number): void {
  const textWidth = measure(doc, text, style);
  const left = style.align === 'center' ? x + (width - textWidth) / 2 : style.align === 'right' ? x + width - textWidth : x;
  doc.fillColor(style.color ?? '#000000').text(text, left, y, { lineBreak: false });
}

function textPieces(doc: Doc, text: string, style: TextStyle, x: number, width: number): Piece[] {
  const height = style.size * LINE_HEIGHT;
  return wrapMeasured(doc, text, style, width).map((line) => ({ height, draw: (d, y) => drawText(d, line, style, x, width, y) }));
}

/** Label and value on one line when they fit, else the label wraps beside the value. */
function pairPieces(doc: Doc, left: string, right: string, style: Omit<TextStyle, 'align'>, x: number, width: number): Piece[] {
  const gap = style.size;
  const rightWidth = measure(doc, right, style);
  const room = width - rightWidth - gap;
  if (room < width * 0.35) {
    return [...textPieces(doc, left, { ...style, align: 'left' }, x, width), ...textPieces(doc, right, { ...style, align: 'right' }, x, width)];
  }
  const [first = '', ...rest] = wrapMeasured(doc, left, style, room);
  const height = style.size * LINE_HEIGHT;
  return [
    {
      height,
      draw: (d, y) => {
        drawText(d, first, { ...style, align: 'left' }, x, width, y);
        drawText(d, right, { ...style, align: 'right' }, x, width, y);
      },
    },
    ...rest.map((line) => ({ height, draw: (d: Doc, y: number) => drawText(d, line, { ...style, align: 'left' }, x, room, y) })),
  ];
}

function rowPieces(doc: Doc, block: RowBlock, frame: Frame): Piece[] {
  const style = { font: block.bold ? BOLD : REGULAR, size: frame.paper.sizes[block.size] };
  if (!frame.wide) return pairPieces(doc, block.left, block.right, style, frame.x, frame.width);
  if (block.section === 'totals') {
    const width = Math.min(300, frame.width);
    return pairPieces(doc, block.left, block.right, style, frame.x + frame.width - width, width);
  }
  const labelWidth = 150;
  const values = textPieces(doc, block.right, { ...style, align: 'left' }, frame.x + labelWidth, frame.width - labelWidth);
  return values.map((piece, i) => ({
    height: piece.height,
    draw: (d, y) => {
      if (i === 0) drawText(d, block.left, { ...style, font: REGULAR, align: 'left', color: '#444444' }, frame.x, labelWidth, y);
      piece.draw(d, y);
    },
  }));
}

function itemRollPieces(doc: Doc, item: ItemBlock, frame: Frame): Piece[] {
  const style = { font: REGULAR, size: frame.paper.sizes.normal };
  const indent = style.size;
  return [
    ...textPieces(doc, item.name, { ...style, align: 'left' }, frame.x, frame.width),
    ...pairPieces(doc, `${item.quantity} x ${item.unitPrice}`, item.amount, style, frame.x + indent, frame.width - indent),
    ...(item.discount ? pairPieces(doc, 'Discount', item.discount, style, frame.x + indent, frame.width - indent) : []),
  ];
}

/** The A4 item table: description, quantity, unit price, discount, amount with its tax class. */
const ITEM_COLUMNS = [
  { title: 'DESCRIPTION', share: 0.43, align: 'left' },
  { title: 'QTY', share: 0.1, align: 'right' },
  { title: 'UNIT PRICE', share: 0.15, align: 'right' },
  { title: 'DISCOUNT', share: 0.15, align: 'right' },
  { title: 'AMOUNT', share: 0.17, align: 'right' },
] as const;

function tableRow(doc: Doc, cells: readonly string[], shares: readonly { share: number; align: 'left' | 'right' }[], style: Omit<TextStyle, 'align'>, frame: Frame): Piece {
  const pad = 4;
  const columns = shares.map((column, i) => ({
    ...column,
    x: frame.x + shares.slice(0, i).reduce((sum, c) => sum + c.share, 0) * frame.width,
    width: column.share * frame.width,
  }));
  const wrapped = cells.map((cell, i) => wrapMeasured(doc, cell, style, columns[i]!.width - pad));
  const lineHeight = style.size * LINE_HEIGHT;
  const lines = Math.max(...wrapped.map((w) => w.length));
  return {
    height: lines * lineHeight,
    draw: (d, y) =>
      wrapped.forEach((cellLines, i) => {
        const column = columns[i]!;
        const width = column.align === 'right' ? column.width : column.width - pad;
        cellLines.forEach((line, n) => drawText(d, line, { ...style, align: column.align }, column.x, width, y + n * lineHeight));
      }),
  };
}

function itemHeader(doc: Doc, frame: Frame): Piece[] {
  const style = { font: BOLD, size: frame.paper.sizes.normal - 1 };
  return [tableRow(doc, ITEM_COLUMNS.map((c) => c.title), ITEM_COLUMNS, style, frame), rulePiece('single', frame)];
}

function itemRowPieces(doc: Doc, item: ItemBlock, frame: Frame): Piece[] {
  const style = { font: REGULAR, size: frame.paper.sizes.normal };
  return [tableRow(doc, [item.name, item.quantity, item.unitPrice, item.discount ?? '', item.amount], ITEM_COLUMNS, style, frame)];
}

function taxTablePieces(doc: Doc, table: TaxTableBlock, frame: Frame): Piece[] {
  const withTotal = frame.width >= 180;
  const numberShare = withTotal ? 0.24 : 0.32;
  const shares = [
    { share: 1 - numberShare * (withTotal ? 3 : 2), align: 'left' as const },
    ...Array.from({ length: withTotal ? 3 : 2 }, () => ({ share: numberShare, align: 'right' as const })),
  ];
  const cells = (label: string, taxable: string, tax: string, total: string) => (withTotal ? [label, taxable, tax, total] : [label, taxable, tax]);
  const size = frame.paper.sizes.normal - (frame.wide ? 0 : 0.5);
  return [
    tableRow(doc, cells('RATE', 'TAXABLE', 'VAT', 'TOTAL'), shares, { font: BOLD, size }, frame),
    ...table.rows.map((r) => tableRow(doc, cells(r.label, r.taxable, r.tax, r.total), shares, { font: REGULAR, size }, frame)),
    tableRow(doc, cells('TOTAL', table.total.taxable, table.total.tax, table.total.total), shares, { font: BOLD, size }, frame),
  ];
}

function rulePiece(style: 'single' | 'double', frame: Frame): Piece {
  const height = frame.paper.sizes.normal;
  return {
    height,
    draw: (doc, y) => {
      const middle = y + height / 2;
      doc.save().lineWidth(0.6).strokeColor('#000000');
      if (style === 'double') {
        doc.moveTo(frame.x, middle - 1.2).lineTo(frame.x + frame.width, middle - 1.2).stroke();
        doc.moveTo(frame.x, middle + 1.2).lineTo(frame.x + frame.width, middle + 1.2).stroke();
      } else {
        doc.dash(2, { space: 2 }).moveTo(frame.x, middle).lineTo(frame.x + frame.width, middle).stroke().undash();
      }
      doc.restore();
    },
  };
}

/** Overlap between neighbouring runs, so anti-aliasing leaves no hairlines inside the code. */
const BLEED = 0.15;

/** qrcode's encoder, loaded by the first render. */
let createQr: typeof QrCreate | undefined;

/** The QR code as filled runs of dark modules, with the four-module quiet zone the standard asks for. */
function qrPiece(url: string, frame: Frame): Piece {
  const { modules } = createQr!(url, { errorCorrectionLevel: 'M' });
  const size = frame.paper.qr;
  const module = size / (modules.size + 8);
  const gap = frame.paper.sizes.normal / 2;
  return {
    height: size + 2 * gap,
    draw: (doc, y) => {
      const left = frame.x + (frame.width - size) / 2 + 4 * module;
      const top = y + gap + 4 * module;
      for (let row = 0; row < modules.size; row++) {
        let col = 0;
        while (col < modules.size) {
          if (!modules.get(row, col)) {
            col += 1;
            continue;
          }
          const start = col;
          while (col < modules.size && modules.get(row, col)) col += 1;
          doc.rect(left + start * module, top + row * module, (col - start) * module + BLEED, module + BLEED);
        }
      }
      doc.fillColor('#000000').fill();
    },
  };
}

function logoPieces(dataUrl: string, frame: Frame): Piece[] {
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const size = pngSize(png);
  if (!size) return [];
  const scale = Math.min(frame.paper.logo.width / size.width, frame.paper.logo.height / size.height, 1);
  const width = size.width * scale;
  const height = size.height * scale;
  const gap = frame.paper.sizes.normal / 2;
  return [{ height: height + gap, draw: (doc, y) => void doc.image(png, frame.x + (frame.width - width) / 2, y, { width, height }) }];
}

/** One bar a row: the hour, a filled bar as long as its share of the busiest hour, and the figure. */
function barPieces(doc: Doc, block: BarsBlock, frame: Frame): Piece[] {
  const size = frame.paper.sizes.normal;
  const style = { font: REGULAR, size };
  const labelWidth = Math.max(...block.bars.map((b) => measure(doc, b.label, style))) + size / 2;
  const textWidth = Math.max(...block.bars.map((b) => measure(doc, b.text, style))) + size / 2;
  const room = Math.max(10, Math.min(frame.width, 480) - labelWidth - textWidth);
  const longest = Math.max(1, ...block.bars.map((b) => b.value));
  return block.bars.map((bar) => ({
    height: size * 1.6,
    draw: (d, y) => {
      drawText(d, bar.label, { ...style, align: 'left' }, frame.x, labelWidth, y);
      d.rect(frame.x + labelWidth, y + size * 0.1, Math.max(0.5, (bar.value / longest) * room), size).fillColor('#333333').fill();
      drawText(d, bar.text, { ...style, align: 'right' }, frame.x + labelWidth + room, textWidth, y);
    },
  }));
}
