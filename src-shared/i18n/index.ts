import { en, type MessageKey } from './en';
import { sw } from './sw';

export type { MessageKey };
export type Language = 'en' | 'sw';
export const LANGUAGES: readonly Language[] = ['en', 'sw'];

const catalogues: Record<Language, Record<MessageKey, string>> = { en, sw };

export type Params = Record<string, string | number>;

/** Looks a message up and fills its {placeholders}; a missing parameter stays visible as {name}. */
export function translate(language: Language, key: MessageKey, params: Params = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
