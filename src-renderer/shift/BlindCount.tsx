import { useState, type FormEvent } from 'react';
import type { ClosedShift } from '../../src-shared/api';
import { formatKes } from '../../src-shared/money';
import { countedCents, DENOMINATIONS, type CountedPieces } from '../../src-shared/reports/figures';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { Problem } from '../panels/Panel';

const NOTES = DENOMINATIONS.filter((d) => d >= 50);
const COINS = DENOMINATIONS.filter((d) => d < 50);

/** The blind count: pieces by denomination, the total as it is counted, and nothing of what is expected. */
export function BlindCount({ api, onClosed, onCancel }: { api: ApiClient; onClosed: (closed: ClosedShift) => void; onCancel: () => void }) {
  const { t, describeError } = useI18n();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pieces: CountedPieces = Object.fromEntries(
    Object.entries(typed)
      .filter(([, text]) => text.trim() !== '')
      .map(([denomination, text]) => [denomination, Number(text)]),
  );
  let total: number | null;
  try {
    total = countedCents(pieces);
  } catch {
    total = null;
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (total === null) return setProblem(t('entry.quantity.whole'));
    setBusy(true);
    try {
      onClosed(await api.call('shift.close', { pieces }));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  const row = (denomination: number, index: number) => (
    <label key={denomination} className="count-row">
      <span>KES {denomination.toLocaleString('en')}</span>
      <input
        data-testid={`count-${denomination}`}
        data-scanner="off"
        inputMode="numeric"
        autoFocus={index === 0}
        value={typed[denomination] ?? ''}
        onChange={(event) => setTyped({ ...typed, [denomination]: event.target.value.replace(/\D/g, '') })}
      />
    </label>
  );
  return (
    <form className="panel-form" data-testid="blind-count" onSubmit={(event) => void submit(event)}>
      <h3>{t('shift.close.title')}</h3>
      <p className="muted">{t('shift.close.help')}</p>
      <div className="count-grid">
        <fieldset>
          <legend>{t('shift.notes')}</legend>
          {NOTES.map(row)}
        </fieldset>
        <fieldset>
          <legend>{t('shift.coins')}</legend>
          {COINS.map((d, i) => row(d, NOTES.length + i))}
        </fieldset>
      </div>
      <p className="count-total">
        {t('shift.countedTotal')} <strong data-testid="counted-total">{total === null ? '-' : formatKes(total)}</strong>
      </p>
      <Problem text={problem} />
      <div className="toggle">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('report.cancel')}
        </button>
        <button type="submit" className="danger" disabled={busy}>
          {t('shift.close.submit')}
        </button>
      </div>
    </form>
  );
}
