import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_AUTONYMS } from '../i18n/resources.js';

/** Buttons naming each language in itself; the pressed one is the current language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={current === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {LANGUAGE_AUTONYMS[language]}
        </button>
      ))}
    </div>
  );
}
