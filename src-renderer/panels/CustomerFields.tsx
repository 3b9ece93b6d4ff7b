import { useI18n } from '../i18n';
import { kraPinProgress } from '../till/entry';

/** The buyer's KRA PIN, checked as it is typed, and their name. */
export function CustomerFields({
  tin,
  name,
  onTin,
  onName,
  autoFocus = false,
}: {
  tin: string;
  name: string;
  onTin: (tin: string) => void;
  onName: (name: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const progress = kraPinProgress(tin);
  const hint = progress === 'complete' ? 'customer.pinOk' : progress === 'invalid' ? 'customer.pinBad' : 'customer.pinHint';
  return (
    <>
      <label className="field">
        <span>{t('customer.pin')}</span>
        <input
          className={`big-input pin-${progress}`}
          data-testid="customer-pin"
          data-scanner="off"
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          maxLength={11}
          aria-invalid={progress === 'invalid'}
          value={tin}
          onChange={(event) => onTin(event.target.value.toUpperCase().replace(/\s/g, ''))}
        />
        <small className={`hint ${progress}`} data-testid="customer-pin-hint" data-progress={progress}>
          {t(hint)}
        </small>
      </label>
      <label className="field">
        <span>{t('customer.name')}</span>
        <input data-testid="customer-name" data-scanner="off" autoComplete="off" maxLength={60} value={name} onChange={(event) => onName(event.target.value)} />
      </label>
    </>
  );
}
