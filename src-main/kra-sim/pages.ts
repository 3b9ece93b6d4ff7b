/**
 * The HTML pages KRA serves to people: the receipt verification page a receipt's QR code opens
 * (spec 5.3: Data={tin}{bhfId}{rcptSign}) and a notice's detail page.
 */
import type { SimState } from './state';
import { dottedDateTime } from './sales';

const escape = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}<p><small>Mauzo KRA simulator: not an official KRA service.</small></p></body></html>`;
}

const row = (label: string, value: unknown) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`;

export interface Page {
  status: number;
  html: string;
}

/** Data is the seller's PIN (11), branch (2) and the receipt signature (16). */
export function receiptPage(state: SimState, data: string): Page {
  const tin = data.slice(0, 11);
  const bhfId = data.slice(11, 13);
  const rcptSign = data.slice(13);
  const sale = rcptSign.length === 16 ? state.salesOf(tin, bhfId).find((s) => s.rcptSign === rcptSign) : undefined;
  if (!sale) {
    return { status: 404, html: page('Invoice not found', `<p id="not-found">No invoice with the verification data ${escape(data)} was found in eTIMS.</p>`) };
  }
  const { body } = sale;
  const seller = state.taxpayer(sale.tin);
  const rows = [
    row('Seller PIN', sale.tin),
    row('Seller name', seller?.name),
    row('Branch', sale.bhfId),
    row('Invoice type', sale.rcptTyCd === 'R' ? 'Credit note' : 'Sale'),
    row('Invoice number (invcNo)', sale.invcNo),
    row('Trader invoice number', sale.trdInvcNo),
    ...(sale.rcptTyCd === 'R' ? [row('Original invoice number', sale.orgInvcNo)] : []),
    row('Buyer PIN', body.custTin),
    row('Buyer name', body.custNm),
    row('Receipt number', `${sale.curRcptNo}/${sale.totRcptNo}`),
    row('Date', dottedDateTime(sale.sdcDateTime).slice(0, 19)),
    row('Taxable amount', body.totTaxblAmt),
    row('Tax amount', body.totTaxAmt),
    row('Total amount', body.totAmt),
    row('Internal data', sale.intrlData),
    row('Receipt signature', sale.rcptSign),
  ];
  return { status: 200, html: page('eTIMS invoice verification', `<table id="invoice">${rows.join('')}</table>`) };
}

export function noticePage(state: SimState, noticeNo: string): Page {
  const notice = state.notices.get(noticeNo);
  if (!notice) return { status: 404, html: page('Notice not found', `<p>No notice number ${escape(noticeNo)}.</p>`) };
  return { status: 200, html: page(notice.title, `<p>${escape(notice.content)}</p>`) };
}
