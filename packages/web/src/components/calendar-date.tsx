import { useTranslation } from 'react-i18next';

/**
 * A 'YYYY-MM-DD' date in the reader's language ("4 March 2025", "4 березня 2025 р."). Dates
 * travel as strings and are formatted in UTC, so no time zone moves them a day.
 */
export function formatCalendarDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? isoDate
    : new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A calendar date in a <time> element: read in the page's language, machine-readable beside. */
export function CalendarDate({ value }: { readonly value: string }) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return <time dateTime={value}>{formatCalendarDate(value, language)}</time>;
}
