// Interface language: Korean or English, chosen from the system locale, switchable, remembered.
import { en, type MessageKey } from './en';
import { ko } from './ko';

export type Lang = 'ko' | 'en';
export const LANGS: Lang[] = ['ko', 'en'];
const STORAGE_KEY = 'newsdesk.lang';
const catalogs: Record<Lang, Record<MessageKey, string>> = { ko, en };

/** The language for a locale string such as "ko_KR.UTF-8", "ko-KR" or "en_US". */
export function langFromLocale(locale: string | null | undefined): Lang {
  return (locale ?? '').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export const i18n = $state({ lang: 'ko' as Lang });

/** Use the reporter's saved choice, else the system locale. */
export function initLang(systemLocale: string | null | undefined): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  setLang(saved === 'ko' || saved === 'en' ? saved : langFromLocale(systemLocale), false);
}

export function setLang(lang: Lang, remember = true): void {
  i18n.lang = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private storage unavailable: the choice lasts for this session only.
    }
  }
}

/** Translate a key, filling `{name}` placeholders. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs[i18n.lang][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export const catalogsForTest = catalogs;
