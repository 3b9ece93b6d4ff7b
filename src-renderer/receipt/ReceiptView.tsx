/**
 * The receipt on screen, drawn from the same document the printer and the PDF render: one character
 * column per printed column, so the preview wraps where the 58 or 80 mm paper will.
 */
import { create as createQr } from 'qrcode';
import type { CSSProperties } from 'react';
import type { Block, ReceiptDocument, TaxTableBlock, TextSize } from '../../src-shared/receipt';

const COLUMNS = { 58: 32, 80: 48 } as const;
const FONT_SCALE: Record<TextSize, number> = { normal: 1, tall: 1.5, large: 2, huge: 3 };

const styles = {
  paper: {
    position: 'relative',
    overflow: 'hidden',
    boxSizing: 'content-box',
    padding: '1.5ch',
    background: '#fff',
    color: '#000',
    fontFamily: "'DejaVu Sans Mono', 'Courier New', monospace",
    fontSize: '13px',
    lineHeight: 1.35,
    boxShadow: '0 1px 4px rgba(0, 0, 0, 0.25)',
  },
  line: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  row: { display: 'flex', justifyContent: 'space-between', gap: '1ch' },
  rule: { border: 0, margin: '0.3em 0' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: '0.92em' },
  watermark: {
    position: 'absolute',
    top: '40%',
    left: '-10%',
    width: '120%',
    textAlign: 'center',
    transform: 'rotate(-30deg)',
    fontSize: '3em',
    fontWeight: 700,
    opacity: 0.08,
    pointerEvents: 'none',
  },
} satisfies Record<string, CSSProperties>;

export interface ReceiptViewProps {
  document: ReceiptDocument;
  paperWidth?: 58 | 80;
  /** The accessible name, e.g. t('receipt.preview'). */
  label: string;
}

export function ReceiptView({ document, paperWidth = 80, label }: ReceiptViewProps) {
  return (
    <article
      aria-label={label}
      data-status={document.status}
      data-copy={document.copy || undefined}
      style={{ ...styles.paper, width: `${COLUMNS[paperWidth]}ch` }}
    >
      {document.watermark && (
        <div aria-hidden="true" style={styles.watermark}>
          {document.watermark}
        </div>
      )}
      {document.blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </article>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'text':
      return (
        <p style={{ ...styles.line, textAlign: block.align, fontWeight: block.bold ? 700 : 400, fontSize: `${FONT_SCALE[block.size]}em` }}>
          {block.text}
        </p>
      );
    case 'row':
      return (
        <p style={{ ...styles.line, ...styles.row, fontWeight: block.bold ? 700 : 400, fontSize: `${FONT_SCALE[block.size]}em` }}>
          <span>{block.left}</span>
          <span>{block.right}</span>
        </p>
      );
    case 'item':
      return (
        <div>
          <p style={styles.line}>{block.name}</p>
          <p style={{ ...styles.line, ...styles.row, paddingLeft: '2ch' }}>
            <span>
              {block.quantity} x {block.unitPrice}
            </span>
            <span>{block.amount}</span>
          </p>
          {block.discount && (
            <p style={{ ...styles.line, ...styles.row, paddingLeft: '2ch' }}>
              <span>Discount</span>
              <span>{block.discount}</span>
            </p>
          )}
        </div>
      );
    case 'rule':
      return <hr style={{ ...styles.rule, borderTop: block.style === 'double' ? '3px double #000' : '1px dashed #000' }} />;
    case 'taxTable':
      return <TaxTable table={block} />;
    case 'qr':
      return <QrCode url={block.url} />;
    case 'logo':
      return <img src={block.dataUrl} alt="" style={{ display: 'block', margin: '0 auto 0.5em', maxWidth: '60%' }} />;
    case 'cut':
      return null;
  }
}

function TaxTable({ table }: { table: TaxTableBlock }) {
  const number: CSSProperties = { textAlign: 'right', padding: 0 };
  const cell: CSSProperties = { textAlign: 'left', padding: 0 };
  return (
    <table style={styles.table}>
      <thead>
        <tr>
          <th style={cell}>RATE</th>
          <th style={number}>TAXABLE</th>
          <th style={number}>VAT</th>
          <th style={number}>TOTAL</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.taxClass}>
            <td style={cell}>{row.label}</td>
            <td style={number}>{row.taxable}</td>
            <td style={number}>{row.tax}</td>
            <td style={number}>{row.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr style={{ fontWeight: 700 }}>
          <td style={cell}>TOTAL</td>
          <td style={number}>{table.total.taxable}</td>
          <td style={number}>{table.total.tax}</td>
          <td style={number}>{table.total.total}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The verification URL as an SVG QR code: one unit per module, four units of quiet zone. */
function QrCode({ url }: { url: string }) {
  const { modules } = createQr(url, { errorCorrectionLevel: 'M' });
  const size = modules.size + 8;
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) runs.push(`M${col + 4} ${row + 4}h1v1h-1z`);
    }
  }
  return (
    <svg
      role="img"
      aria-label={url}
      data-url={url}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      style={{ display: 'block', width: '16ch', height: '16ch', margin: '0.5em auto' }}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={runs.join('')} fill="#000" />
    </svg>
  );
}
