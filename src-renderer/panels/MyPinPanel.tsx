import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n';
import { Panel, Problem } from './Panel';

const PIN = /^\d{4,8}$/;

export function PinInput({ label, testId, value, onChange, autoFocus }: { label: string; testId: string; value: string; onChange: (pin: string) => void; autoFocus?: boolean }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        className="big-input"
        data-testid={testId}
        data-scanner="off"
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 8))}
      />
    </label>
  );
}

/** Anyone logged in changes their own PIN, proving it with the one they have now. */
export function MyPinPanel({ api, onChanged, onClose }: { api: ApiClient; onChanged: () => void; onClose: () => void }) {
  const { t, describeError } = useI18n();
  const [oldPin, setOldPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!PIN.test(oldPin) || !PIN.test(newPin)) return setProblem(t('myPin.short'));
    if (newPin !== repeat) return setProblem(t('myPin.mismatch'));
    setBusy(true);
    try {
      await api.call('session.changePin', { oldPin, newPin });
      onChanged();
    } catch (error) {
      setProblem(describeError(error));
      setOldPin('');
    } finally {
      setBusy(false);
    }
  };
  const typed = (set: (pin: string) => void) => (pin: string) => {
    set(pin);
    setProblem(null);
  };

  return (
    <Panel title={t('myPin.title')} testId="my-pin-panel" onClose={onClose}>
      <form className="panel-form" onSubmit={(event) => void submit(event)}>
        <PinInput label={t('myPin.old')} testId="my-pin-old" value={oldPin} onChange={typed(setOldPin)} autoFocus />
        <PinInput label={t('myPin.new')} testId="my-pin-new" value={newPin} onChange={typed(setNewPin)} />
        <PinInput label={t('myPin.repeat')} testId="my-pin-repeat" value={repeat} onChange={typed(setRepeat)} />
        <Problem text={problem} />
        <button type="submit" className="primary wide" disabled={busy}>
          {t('myPin.submit')}
        </button>
      </form>
    </Panel>
  );
}
