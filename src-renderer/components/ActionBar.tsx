import { useI18n } from '../i18n';
import type { MessageKey } from '../../src-shared/i18n';

export interface ActionButton {
  key: string;
  label: MessageKey;
  onPress: () => void;
  disabled?: boolean;
  primary?: boolean;
}

/** Touch-sized buttons that print the function key doing the same thing. */
export function ActionBar({ buttons }: { buttons: readonly ActionButton[] }) {
  const { t } = useI18n();
  return (
    <nav className="action-bar">
      {buttons.map((button) => (
        <button
          key={button.label}
          type="button"
          className={button.primary ? 'action primary' : 'action'}
          disabled={button.disabled}
          onClick={button.onPress}
        >
          <kbd>{button.key}</kbd>
          <span>{t(button.label)}</span>
        </button>
      ))}
    </nav>
  );
}
