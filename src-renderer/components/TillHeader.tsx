import type { UserSummary } from '../../src-shared/api';
import { LANGUAGES } from '../../src-shared/i18n';
import { useI18n } from '../i18n';
import { ACTION_KEYS } from '../till/keys';

export function TillHeader({ user, onLogout }: { user: UserSummary; onLogout: () => void }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <header className="till-header">
      <h1 className="brand">{t('app.name')}</h1>
      <span className="who" data-testid="logged-in-user">
        {t('till.loggedInAs', { name: user.name, role: t(`role.${user.role}`) })}
      </span>
      <div className="languages">
        {LANGUAGES.map((code) => (
          <button
            key={code}
            type="button"
            className={code === language ? 'link active' : 'link'}
            aria-pressed={code === language}
            onClick={() => setLanguage(code)}
          >
            {t(`language.${code}`)}
          </button>
        ))}
      </div>
      <button type="button" className="secondary key-button" onClick={onLogout}>
        <kbd>{ACTION_KEYS.logout}</kbd> {t('till.logout')}
      </button>
    </header>
  );
}
