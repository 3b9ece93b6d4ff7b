import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../src-shared/api';
import { translate, type Language, type MessageKey, type Params } from '../src-shared/i18n';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Params): string;
  /** A failed call in the cashier's language, by its error code. */
  describeError(error: unknown): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'mauzo.language';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(STORAGE_KEY) === 'sw' ? 'sw' : 'en',
  );
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, params?: Params) => translate(language, key, params);
    return {
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLanguageState(next);
      },
      t,
      describeError(error) {
        if (error instanceof ApiError) return t(`error.${error.code}`, error.params);
        return t('error.INTERNAL');
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
