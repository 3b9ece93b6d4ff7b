import type { UserSummary } from '../../src-shared/api';
import { useI18n } from '../i18n';

export function TillScreen({ user, onLogout }: { user: UserSummary; onLogout: () => Promise<void> }) {
  const { t } = useI18n();
  return (
    <section className="till" aria-label={t('till.title')}>
      <header className="till-header">
        <h1 className="brand">{t('app.name')}</h1>
        <span className="who" data-testid="logged-in-user">
          {t('till.loggedInAs', { name: user.name, role: t(`role.${user.role}`) })}
        </span>
        <button type="button" className="secondary" onClick={() => void onLogout()}>
          {t('till.logout')}
        </button>
      </header>
      <div className="cart-empty">{t('till.emptyCart')}</div>
    </section>
  );
}
