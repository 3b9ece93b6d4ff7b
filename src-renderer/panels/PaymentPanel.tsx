import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, type CompletedSale } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import type { ApiClient } from '../api/client';
import { useWindowKeys } from '../hooks';
import { useI18n } from '../i18n';
import { newClientKey, saleOf, type Cart, type CartAction, type Customer } from '../till/cart';
import { MPESA_CODE, plainAmount, readAmount, readCustomer } from '../till/entry';
import { ACTION_KEYS, TENDER_KEYS, tenderForKey, type TenderKind } from '../till/keys';
import { ApprovalField, approve } from './approval';
import { CustomerFields } from './CustomerFields';
import { Panel, Problem } from './Panel';

export interface Tender {
  kind: TenderKind;
  amount: number;
  reference?: string;
}

const KINDS = Object.keys(TENDER_KEYS) as TenderKind[];
const sumOf = (tenders: readonly Tender[]) => tenders.reduce((sum, tender) => sum + tender.amount, 0);

/**
 * Payment, inline beside the cart: one tender or several. The amount starts at what is still to pay,
 * so exact cash is Enter; a sale finishes as soon as its tenders cover the total. Only cash gives change.
 */
export function PaymentPanel({
  api,
  cart,
  total,
  dispatch,
  onPaid,
  onBlocked,
  onClose,
}: {
  api: ApiClient;
  cart: Cart;
  total: number;
  dispatch: (action: CartAction) => void;
  onPaid: (sale: CompletedSale, tenders: Tender[], customer: Customer | undefined) => void;
  onBlocked: () => void;
  onClose: () => void;
}) {
  const { t, describeError } = useI18n();
  const [tenders, setTenders] = useState<Tender[]>([]);
  const [kind, setKind] = useState<TenderKind>('cash');
  const [amount, setAmount] = useState(plainAmount(total));
  const [code, setCode] = useState('');
  const [tin, setTin] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [needPin, setNeedPin] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amountInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const remaining = Math.max(0, total - sumOf(tenders));
  const askCustomer = kind === 'credit' && !cart.customer;

  useEffect(() => {
    if (askCustomer) return;
    const input = kind === 'mpesa' ? codeInput.current : amountInput.current;
    input?.focus();
    input?.select();
  }, [kind, tenders.length, askCustomer]);

  const choose = (next: TenderKind, left = remaining) => {
    setKind(next);
    setAmount(plainAmount(left));
    setCode('');
    setProblem(null);
  };

  const readTender = (): Tender | string => {
    const read = readAmount(amount);
    if (!read.ok) return t(read.problem);
    if (kind !== 'cash' && read.value > remaining) return t('error.CHANGE_NOT_IN_CASH');
    if (kind !== 'mpesa') return { kind, amount: read.value };
    const reference = code.trim().toUpperCase();
    if (!MPESA_CODE.test(reference)) return t('error.MPESA_CODE_REQUIRED');
    if (tenders.some((tender) => tender.reference === reference)) return t('error.MPESA_CODE_USED', { reference });
    return { kind, amount: read.value, reference };
  };

  const finish = async (list: Tender[], customer: Customer | undefined) => {
    setBusy(true);
    setProblem(null);
    try {
      const approval = needPin ? await approve(api, pin, cart) : cart.approval;
      if (approval) dispatch({ type: 'approve', approval });
      const clientKey = cart.clientKey ?? newClientKey();
      if (!cart.clientKey) dispatch({ type: 'clientKey', clientKey });
      const sale = await api.call('sale.complete', saleOf({ ...cart, customer, approval, clientKey }, list));
      onPaid(sale, list, customer);
    } catch (error) {
      setTenders(list);
      choose('cash', 0);
      recover(error, list);
    } finally {
      setBusy(false);
    }
  };

  /** Puts the payment back where the cashier can fix what the engine refused. */
  const recover = (error: unknown, list: Tender[]) => {
    setProblem(describeError(error));
    if (!(error instanceof ApiError)) return;
    if (error.code === 'WRONG_PIN' || error.code === 'PIN_LOCKED') return setPin('');
    if (error.code === 'DISCOUNT_NOT_ALLOWED') {
      setNeedPin(true);
      return setProblem(t('pay.approvalAgain'));
    }
    if (error.code === 'WATCHDOG_BLOCKED') return onBlocked();
    const index = /^tenders\.(\d+)\.reference$/.exec(error.field ?? '')?.[1];
    const refused = index === undefined ? undefined : list[Number(index)];
    if (!refused) return;
    setTenders(list.filter((tender) => tender !== refused));
    setKind(refused.kind);
    setAmount(plainAmount(refused.amount));
    setCode('');
  };

  const proceed = () => {
    if (busy) return;
    if (remaining === 0 && tenders.length > 0) return void finish(tenders, cart.customer);
    const tender = readTender();
    if (typeof tender === 'string') return setProblem(tender);
    let customer = cart.customer;
    if (kind === 'credit' && !customer) {
      const read = readCustomer(tin, name);
      if (!read.ok) return setProblem(t(read.problem));
      customer = read.value;
      dispatch({ type: 'customer', customer });
    }
    const list = [...tenders, tender];
    if (sumOf(list) >= total) return void finish(list, customer);
    setTenders(list);
    choose('cash', total - sumOf(list));
  };

  useWindowKeys((event) => {
    const tender = tenderForKey(event.key);
    if (tender) choose(tender);
    else if (event.key === ACTION_KEYS.pay) proceed();
    else return;
    event.preventDefault();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    proceed();
  };
  const typed = readAmount(amount);
  const change = kind === 'cash' && typed.ok && typed.value > remaining ? typed.value - remaining : 0;

  return (
    <Panel title={t('pay.title')} testId="pay-panel" onClose={onClose}>
      <dl className="pay-figures">
        <dt>{t('pay.remaining')}</dt>
        <dd className="big" data-testid="pay-remaining">
          {formatKes(remaining)}
        </dd>
        {change > 0 && (
          <>
            <dt>{t('pay.change')}</dt>
            <dd className="big change" data-testid="pay-change">
              {formatKes(change)}
            </dd>
          </>
        )}
      </dl>
      <div className="tender-kinds" role="group">
        {KINDS.map((each) => (
          <button key={each} type="button" className={each === kind ? 'active' : ''} aria-pressed={each === kind} onClick={() => choose(each)}>
            <kbd>{TENDER_KEYS[each]}</kbd> {t(`tender.${each}`)}
          </button>
        ))}
      </div>
      <form className="panel-form" onSubmit={submit}>
        <label className="field">
          <span>{t('pay.amount', { kind: t(`tender.${kind}`) })}</span>
          <input
            ref={amountInput}
            className="big-input"
            data-testid="pay-amount"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(event) => {
              setAmount(event.target.value);
              setProblem(null);
            }}
          />
        </label>
        {kind === 'mpesa' && (
          <label className="field">
            <span>{t('pay.mpesaCode')}</span>
            <input
              ref={codeInput}
              className="big-input code"
              data-testid="mpesa-code"
              data-scanner="off"
              autoComplete="off"
              spellCheck={false}
              maxLength={10}
              value={code}
              onChange={(event) => {
                setCode(event.target.value.toUpperCase());
                setProblem(null);
              }}
            />
          </label>
        )}
        {askCustomer && <CustomerFields tin={tin} name={name} onTin={setTin} onName={setName} autoFocus />}
        {needPin && <ApprovalField pin={pin} onChange={setPin} />}
        <Problem text={problem} />
        <button type="submit" className="primary wide" data-testid="pay-submit" disabled={busy}>
          <kbd>Enter</kbd> {t('pay.take')}
        </button>
      </form>
      {tenders.length > 0 && (
        <ul className="tenders" aria-label={t('pay.tenders')}>
          {tenders.map((tender, i) => (
            <li key={i} data-testid="tender">
              <span>{t(`tender.${tender.kind}`)}</span>
              <span className="reference">{tender.reference ?? ''}</span>
              <span className="num">{formatKes(tender.amount)}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('pay.removeTender', { kind: t(`tender.${tender.kind}`), amount: formatKes(tender.amount) })}
                onClick={() => setTenders((current) => current.filter((each) => each !== tender))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
