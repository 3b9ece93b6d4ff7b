import { roleAllows, type UserSummary } from '../../src-shared/api';
import { useI18n } from '../i18n';
import { ACTION_KEYS } from '../till/keys';
import { LanguageSwitch } from './LanguageSwitch';

export function TillHeader({ user, onLogout, onDay, onManager, onMyPin, onStaff }: { user: UserSummary; onLogout: () => void; onDay: () => void; onManager: () => void; onMyPin: () => void; onStaff: () => void }) {
  const { t } = useI18n();
  return (
    <header className="till-header">
      <h1 className="brand">{t('app.name')}</h1>
      <span className="who" data-testid="logged-in-user">
        {t('till.loggedInAs', { name: user.name, role: t(`role.${user.role}`) })}
      </span>
      <LanguageSwitch />
      <button type="button" className="secondary key-button" data-testid="day-button" onClick={onDay}>
        <kbd>{ACTION_KEYS.day}</kbd> {t(user.role === 'cashier' ? 'day.key' : 'day.keyManager')}
      </button>
      {user.role === 'manager' && (
        <button type="button" className="secondary" data-testid="manager-button" onClick={onManager}>
          {t('till.manager')}
        </button>
      )}
      {roleAllows(user.role, 'manager') && (
        <button type="button" className="secondary key-button" onClick={onStaff}>
          <kbd>{ACTION_KEYS.staff}</kbd> {t('action.staff')}
        </button>
      )}
      <button type="button" className="secondary" data-testid="my-pin-button" onClick={onMyPin}>
        {t('action.myPin')}
      </button>
      <button type="button" className="secondary key-button" onClick={onLogout}>
        <kbd>{ACTION_KEYS.logout}</kbd> {t('till.logout')}
      </button>
    </header>
  );
}
