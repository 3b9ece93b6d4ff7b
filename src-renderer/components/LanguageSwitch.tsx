import { LANGUAGES } from '../../src-shared/i18n';
import { useI18n } from '../i18n';

/** English or Kiswahili, one tap away on every screen. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
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
  );
}
