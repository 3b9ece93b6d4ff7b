import { useEffect, useState } from 'react';
import type { CompletedSale } from '../../src-shared/api';
import { formatKes, formatQuantity } from '../../src-shared/money';
import type { ReceiptDocument } from '../../src-shared/receipt';
import type { ApiClient } from '../api/client';
import { useWindowKeys } from '../hooks';
import { useI18n } from '../i18n';
import type { Tender } from '../panels/PaymentPanel';
import { Problem } from '../panels/Panel';
import { ReceiptView } from '../receipt/ReceiptView';
import type { Customer } from '../till/cart';

export interface FinishedSale {
  sale: CompletedSale;
  tenders: Tender[];
  customer: Customer | undefined;
}

/**
 * Right after the sale: the change, big; the receipt as it prints, marked provisional until KRA
 * signs it (the mark turns when the engine says so). The till starts a new sale on Enter or a scan.
 */
export function ReceiptScreen({ api, finished, signed, onNewSale }: { api: ApiClient; finished: FinishedSale; signed: boolean; onNewSale: () => void }) {
  const { t, describeError } = useI18n();
  const { sale } = finished;
  const [document, setDocument] = useState<ReceiptDocument | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [printed, setPrinted] = useState(false);
  const [printing, setPrinting] = useState(false);
  const isSigned = signed || sale.status === 'signed' || document?.status === 'signed';

  useEffect(() => {
    api.call('receipt.get', { saleId: sale.saleId }).then(setDocument, () => setDocument(null));
  }, [api, sale.saleId, signed]);

  const print = async () => {
    if (printing) return;
    setPrinting(true);
    setProblem(null);
    try {
      await api.call('receipt.print', { saleId: sale.saleId });
      setPrinted(true);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setPrinting(false);
    }
  };

  useWindowKeys((event) => {
    if (event.defaultPrevented || !event.ctrlKey || event.key.toLowerCase() !== 'p') return;
    event.preventDefault();
    void print();
  });

  return (
    <section className="receipt-screen" aria-label={t('sold.title', { number: sale.tradeInvoiceNo })} data-testid="receipt-screen" data-status={isSigned ? 'signed' : 'provisional'}>
      <div className="receipt-paper">
        {document ? <ReceiptView document={document} label={t('receipt.preview')} /> : <ReceiptSummary finished={finished} />}
      </div>
      <aside className="receipt-side">
        <div className={isSigned ? 'sale-mark signed' : 'sale-mark provisional'} data-testid="sale-mark">
          <strong>{isSigned ? t('sold.signed') : t('sold.provisional')}</strong>
          <span>{isSigned ? t('sold.signedHelp') : t('sold.provisionalHelp')}</span>
        </div>
        <div className="change-box">
          <div className="change-label">{sale.change > 0 ? t('sold.change') : t('sold.noChange')}</div>
          <div className="change-figure" data-testid="change">
            {formatKes(sale.change)}
          </div>
          <div className="change-notes">
            {t('sold.totals', { total: formatKes(sale.total), paid: formatKes(sale.paid) })}
          </div>
        </div>
        <Problem text={problem} />
        {printed && <p className="muted">{t('sold.printed')}</p>}
        <button type="button" className="primary wide tall" data-testid="new-sale" onClick={onNewSale}>
          <kbd>Enter</kbd> {t('sold.newSale')}
        </button>
        <button type="button" className="secondary wide" disabled={printing} onClick={() => void print()}>
          <kbd>Ctrl+P</kbd> {t('sold.print')}
        </button>
      </aside>
    </section>
  );
}

/** What the till knows of the sale when the receipt document cannot be had. */
function ReceiptSummary({ finished }: { finished: FinishedSale }) {
  const { t } = useI18n();
  const { sale, tenders, customer } = finished;
  return (
    <article className="receipt-summary" aria-label={t('receipt.preview')}>
      <h2>{t('sold.title', { number: sale.tradeInvoiceNo })}</h2>
      <p className="muted">{new Date(sale.committedAt).toLocaleString()}</p>
      {customer && <p>{t('till.customer', { name: customer.name, tin: customer.tin })}</p>}
      <table>
        <tbody>
          {sale.lines.map((line) => (
            <tr key={line.seq}>
              <td>{line.name}</td>
              <td className="num">
                {formatQuantity(line.quantity)} × {formatKes(line.unitPrice)}
              </td>
              <td className="num">{formatKes(line.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="row strong">
        <span>{t('till.total')}</span>
        <span>{formatKes(sale.total)}</span>
      </p>
      {tenders.map((tender, i) => (
        <p key={i} className="row">
          <span>
            {t(`tender.${tender.kind}`)} {tender.reference ?? ''}
          </span>
          <span>{formatKes(tender.amount)}</span>
        </p>
      ))}
    </article>
  );
}
