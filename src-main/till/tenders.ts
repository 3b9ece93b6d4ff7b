import { ApiError } from '../../src-shared/api';
import type { ParsedInputOf } from '../../src-shared/api';

type TenderInput = ParsedInputOf<'sale.complete'>['tenders'][number];

export const MPESA_CODE = /^[A-Z0-9]{10}$/;

/** KRA takes one payment type per invoice: the tender that paid the most (Mauzo decision 12.7). */
export const PAYMENT_TYPE: Record<TenderInput['kind'], string> = {
  cash: '01',
  credit: '02',
  card: '05',
  mpesa: '06',
};

export function dominantPaymentType(tenders: readonly TenderInput[]): string {
  const largest = tenders.reduce((best, t) => (t.amount > best.amount ? t : best));
  return PAYMENT_TYPE[largest.kind];
}

/**
 * Checks the payment against the total and returns the change: only cash can be over-tendered,
 * an M-Pesa payment carries its transaction code, and credit needs a named customer.
 */
export function settle(tenders: readonly TenderInput[], total: number, hasCustomer: boolean): number {
  tenders.forEach((tender, i) => {
    if (tender.kind === 'mpesa' && !MPESA_CODE.test(tender.reference ?? '')) {
      throw new ApiError('MPESA_CODE_REQUIRED', `tenders.${i}.reference: an M-Pesa code is 10 letters and digits`, {
        field: `tenders.${i}.reference`,
      });
    }
    if (tender.kind === 'credit' && !hasCustomer) {
      throw new ApiError('CUSTOMER_REQUIRED', 'customer: a credit sale needs the customer', { field: 'customer' });
    }
  });
  const paid = tenders.reduce((sum, t) => sum + t.amount, 0);
  if (paid < total) {
    throw new ApiError('TENDER_SHORT', `tenders: ${total - paid} cents short of ${total}`, {
      field: 'tenders',
      params: { short: (total - paid) / 100 },
    });
  }
  const cash = tenders.filter((t) => t.kind === 'cash').reduce((sum, t) => sum + t.amount, 0);
  const change = paid - total;
  if (change > cash) {
    throw new ApiError('CHANGE_NOT_IN_CASH', 'tenders: only cash can pay more than the total', { field: 'tenders' });
  }
  return change;
}
