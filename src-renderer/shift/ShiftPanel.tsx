import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { roleAllows, type ClosedShift, type ShiftState, type UserSummary } from '../../src-shared/api';
import type { MessageKey } from '../../src-shared/i18n';
import { formatKes } from '../../src-shared/money';
import { nairobiDisplay } from '../../src-shared/reports/document';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { Problem } from '../panels/Panel';
import { readAmount } from '../till/entry';
import { BlindCount } from './BlindCount';

const REASONS: readonly MessageKey[] = ['shift.reason.supplier', 'shift.reason.petty', 'shift.reason.banking', 'shift.reason.float'];

/** The till's shift: open it with the float, pay in and out, and close it with a blind count. */
export function ShiftPanel({ api, user, onChanged }: { api: ApiClient; user: UserSummary; onChanged: () => void }) {
  const { t, describeError } = useI18n();
  const [shift, setShift] = useState<ShiftState | null | undefined>(undefined);
  const [closed, setClosed] = useState<ClosedShift | null>(null);
  const [counting, setCounting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    api.call('shift.current', {}).then(({ shift: current }) => setShift(current), (error: unknown) => setProblem(describeError(error)));
  }, [api, describeError]);
  useEffect(load, [load]);

  const changed = () => {
    load();
    onChanged();
  };
  if (shift === undefined) return <Problem text={problem} />;
  if (closed) return <ClosedSummary closed={closed} onNext={() => setClosed(null)} />;
  if (shift === null) return <OpenShift api={api} onOpened={changed} />;
  const mayAct = shift.mine || roleAllows(user.role, 'supervisor');
  return (
    <section className="day-card" data-testid="shift-open">
      <h3>{t('shift.openedBy', { shiftId: shift.shiftId, name: shift.openedBy.name, time: nairobiDisplay(shift.openedAt) })}</h3>
      <dl className="pay-figures">
        <dt>{t('shift.floatIs')}</dt>
        <dd className="num">{formatKes(shift.float)}</dd>
        <dt>{t('shift.payIns')}</dt>
        <dd className="num">{formatKes(shift.payIns)}</dd>
        <dt>{t('shift.payOuts')}</dt>
        <dd className="num">{formatKes(shift.payOuts)}</dd>
      </dl>
      {!mayAct && <p className="notice info">{t('shift.notYours', { name: shift.openedBy.name })}</p>}
      {mayAct && !counting && (
        <>
          <CashMove api={api} onMoved={changed} />
          {roleAllows(user.role, 'supervisor') && <NoSale api={api} />}
          <button type="button" className="primary wide" data-testid="shift-close-start" onClick={() => setCounting(true)}>
            {t('shift.close.start')}
          </button>
        </>
      )}
      {mayAct && counting && (
        <BlindCount
          api={api}
          onClosed={(result) => {
            setCounting(false);
            setClosed(result);
            changed();
          }}
          onCancel={() => setCounting(false)}
        />
      )}
      <Problem text={problem} />
    </section>
  );
}

function OpenShift({ api, onOpened }: { api: ApiClient; onOpened: () => void }) {
  const { t, describeError } = useI18n();
  const [float, setFloat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = float.trim() === '0' ? { ok: true as const, value: 0 } : readAmount(float);
    if (!read.ok) return setProblem(t('shift.float.invalid'));
    setBusy(true);
    try {
      await api.call('shift.open', { float: read.value });
      onOpened();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="day-card panel-form" data-testid="shift-open-form" onSubmit={(event) => void submit(event)}>
      <h3>{t('shift.open.title')}</h3>
      <p className="muted">{t('shift.none')}</p>
      <label className="field">
        <span>{t('shift.float')}</span>
        <input className="big-input" data-testid="shift-float" data-scanner="off" inputMode="decimal" autoFocus value={float} onChange={(event) => setFloat(event.target.value)} />
      </label>
      <Problem text={problem} />
      <button type="submit" className="primary wide" disabled={busy}>
        {t('shift.open.submit')}
      </button>
    </form>
  );
}

function CashMove({ api, onMoved }: { api: ApiClient; onMoved: () => void }) {
  const { t, describeError } = useI18n();
  const [kind, setKind] = useState<'payIn' | 'payOut'>('payOut');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readAmount(amount);
    if (!read.ok) return setProblem(t(read.problem));
    if (reason.trim().length < 3) return setProblem(t('shift.reason.needed'));
    try {
      await api.call('shift.cashMove', { kind, amount: read.value, reason });
      setDone(t('shift.moved', { amount: `${t(kind === 'payIn' ? 'shift.payIn' : 'shift.payOut')} ${formatKes(read.value)}` }));
      setProblem(null);
      setAmount('');
      setReason('');
      onMoved();
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  return (
    <form className="panel-form" data-testid="cash-move" onSubmit={(event) => void submit(event)}>
      <div className="toggle">
        {(['payIn', 'payOut'] as const).map((k) => (
          <button key={k} type="button" className={kind === k ? 'primary' : ''} aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(k === 'payIn' ? 'shift.payIn' : 'shift.payOut')}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('shift.amount')}</span>
        <input data-testid="cash-move-amount" data-scanner="off" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
      </label>
      <div className="reasons">
        {REASONS.map((key) => (
          <button key={key} type="button" onClick={() => setReason(t(key))}>
            {t(key)}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('shift.reason')}</span>
        <input data-testid="cash-move-reason" data-scanner="off" maxLength={200} value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <Problem text={problem} />
      {done && <p className="notice info">{done}</p>}
      <button type="submit">{t('shift.move.submit')}</button>
    </form>
  );
}

/** The drawer opened without a sale, through the receipt printer; the reports count it. */
function NoSale({ api }: { api: ApiClient }) {
  const { t, describeError } = useI18n();
  const [said, setSaid] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const open = () =>
    api.call('drawer.open', { reason: 'no sale' }).then(
      () => setSaid({ tone: 'info', text: t('shift.noSale.done') }),
      (error: unknown) => setSaid({ tone: 'error', text: describeError(error) }),
    );
  return (
    <>
      <button type="button" data-testid="no-sale" onClick={() => void open()}>
        {t('shift.noSale')}
      </button>
      {said && <p className={`notice ${said.tone}`}>{said.text}</p>}
    </>
  );
}

/** After the count: the cashier sees what they counted; a supervisor or manager also sees over or short. */
function ClosedSummary({ closed, onNext }: { closed: ClosedShift; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <section className="day-card" data-testid="shift-closed">
      <h3>{t('shift.closed', { shiftId: closed.shiftId, counted: formatKes(closed.counted) })}</h3>
      {closed.expected === null ? (
        <p>{t('shift.closedHandOver')}</p>
      ) : (
        <dl className="pay-figures">
          <dt>{t('shift.expected')}</dt>
          <dd className="num">{formatKes(closed.expected)}</dd>
          <dt>{t('shift.overShort')}</dt>
          <dd className="num strong" data-testid="over-short">
            {overShortText(t, closed.overShort ?? 0)}
          </dd>
        </dl>
      )}
      <button type="button" onClick={onNext}>
        {t('panel.close')}
      </button>
    </section>
  );
}

export function overShortText(t: ReturnType<typeof useI18n>['t'], overShort: number): string {
  if (overShort === 0) return t('shift.exact');
  return t(overShort > 0 ? 'shift.over' : 'shift.short', { amount: formatKes(Math.abs(overShort)) });
}
