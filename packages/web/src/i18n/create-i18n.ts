import i18next, { type i18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { FALLBACK_LANGUAGE, LANGUAGES, en, uk, type Language } from './resources.js';

export const LANGUAGE_STORAGE_KEY = 'haven.language';

interface CreateI18nOptions {
  /** A fixed language (tests); without it the stored choice, then the browser's, is used. */
  readonly language?: Language;
}

/**
 * Creates the translation instance. The chosen language is kept in localStorage so a shared
 * tablet stays in the language its registrar picked, and `<html lang>` follows it so screen
 * readers pronounce the page correctly (WCAG 2.2 SC 3.1.1).
 */
export function createI18n(options: CreateI18nOptions = {}): i18n {
  const instance = i18next.createInstance();
  if (!options.language) {
    instance.use(LanguageDetector);
  }
  instance.use(initReactI18next);
  instance.on('languageChanged', (language) => {
    if (typeof document !== 'undefined') {
      document.documentElement.lang = instance.resolvedLanguage ?? language;
    }
  });
  void instance.init({
    resources: { en: { translation: en }, uk: { translation: uk } },
    ...(options.language ? { lng: options.language } : {}),
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // 'uk-UA' from the browser means 'uk'.
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
  });
  return instance;
}
