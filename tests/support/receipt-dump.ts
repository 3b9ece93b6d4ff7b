import type { Block, ReceiptDocument } from '../../src-shared/receipt';

/** A receipt document as reviewable text, one block a line: what the golden files hold. */
export function dumpReceipt(document: ReceiptDocument): string {
  const head = [
    `kind=${document.kind} status=${document.status} copy=${document.copy} demo=${document.demo} label=${document.label ?? '-'}`,
    `title=${document.title}`,
    `watermark=${document.watermark ?? '-'}`,
    `verification=${document.verificationUrl ?? '-'}`,
    '',
  ];
  return [...head, ...document.blocks.flatMap(dumpBlock)].join('\n') + '\n';
}

function dumpBlock(block: Block): string[] {
  const at = block.section.padEnd(8);
  switch (block.type) {
    case 'text':
      return [`${at} text  ${[block.align, block.bold ? 'bold' : '', block.size === 'normal' ? '' : block.size].filter(Boolean).join(' ')} | ${block.text}`];
    case 'row':
      return [`${at} row   ${[block.bold ? 'bold' : '', block.size === 'normal' ? '' : block.size, '|'].filter(Boolean).join(' ')} ${block.left} | ${block.right}`];
    case 'item':
      return [`${at} item  ${block.name} | ${block.quantity} x ${block.unitPrice} | ${block.amount}${block.discount ? ` | discount ${block.discount}` : ''}`];
    case 'rule':
      return [`${at} rule  ${block.style}`];
    case 'taxTable':
      return [
        ...block.rows.map((r) => `${at} tax   ${r.label} | ${r.taxable} | ${r.tax} | ${r.total}`),
        `${at} tax   TOTAL | ${block.total.taxable} | ${block.total.tax} | ${block.total.total}`,
      ];
    case 'qr':
      return [`${at} qr    ${block.url}`];
    case 'logo':
      return [`${at} logo  ${block.dataUrl.slice(0, 30)}...`];
    case 'cut':
      return [`${at} cut`];
  }
}
