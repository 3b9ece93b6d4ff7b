import { useEffect, useState } from 'react';
import type { UserSummary } from '../../src-shared/api';
import type { ApiClient } from '../api/client';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';

const MAX_PIN = 8;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function LoginScreen({
  api,
  onLogin,
  keptLines,
  why,
}: {
  api: ApiClient;
  onLogin: (token: string, user: UserSummary) => void;
  /** Lines of the open cart the last user left, for the next one to carry on with. */
  keptLines: number;
  /** Why the last session ended, when the engine ended it (idle too long...). */
  why: string | null;
}) {
  const { t, describeError } = useI18n();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(why);
  const [busy, setBusy] = useState(false);

  const press = (digit: string) => setPin((current) => (current.length < MAX_PIN ? current + digit : current));
  const submit = async () => {
    if (busy || pin.length === 0) return;
    setBusy(true);
    try {
      const { token, user } = await api.call('session.login', { pin });
      onLogin(token, user);
    } catch (e) {
      setError(describeError(e));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (/^\d$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') setPin((current) => current.slice(0, -1));
      else if (event.key === 'Enter') void submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 className="brand">{t('app.name')}</h1>
      <h2 id="login-title">{t('login.title')}</h2>
      <div className="pin-dots" aria-label="PIN" data-testid="pin-dots">
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'dot filled' : 'dot'} />
        ))}
      </div>
      {keptLines > 0 && (
        <p className="kept-cart" data-testid="kept-cart">
          {keptLines === 1 ? t('login.cartKept.one') : t('login.cartKept.other', { count: keptLines })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="pin-pad">
        {KEYS.map((key) => (
          <button key={key} type="button" onClick={() => press(key)}>
            {key}
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => setPin('')}>
          {t('login.clear')}
        </button>
        <button type="button" onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="primary" onClick={() => void submit()} disabled={busy}>
          {t('login.submit')}
        </button>
      </div>
      <LanguageSwitch />
    </section>
  );
}
