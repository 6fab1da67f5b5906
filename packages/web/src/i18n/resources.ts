import en from '../locales/en.json';
import uk from '../locales/uk.json';

export { en, uk };

export const LANGUAGES = ['en', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

/** Each language named in itself, so a reader finds theirs whatever the current language is. */
export const LANGUAGE_AUTONYMS: Readonly<Record<Language, string>> = {
  en: 'English',
  uk: 'Українська',
};

export function isLanguage(value: string | undefined): value is Language {
  return LANGUAGES.some((language) => language === value);
}
