/**
 * Evacuation figures count people on the calendar day of the place the evacuation happened, not
 * the UTC day: a convoy checked in at 00:30 in Kyiv (22:30 UTC) arrived on the Kyiv day. Each
 * corridor keeps an IANA time zone; a corridor from Ukraine defaults to Europe/Kyiv.
 */

/** Time zones of the countries corridors leave from or end in (each has one). */
const TIME_ZONE_OF_COUNTRY: Readonly<Record<string, string>> = {
  UA: 'Europe/Kyiv',
  PL: 'Europe/Warsaw',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  RO: 'Europe/Bucharest',
  MD: 'Europe/Chisinau',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
};

/**
 * The time zone a corridor's days are counted in when none is given: its origin country's, or
 * undefined for a country with several zones or none known.
 * @example defaultCorridorTimeZone('UA') // 'Europe/Kyiv'
 */
export function defaultCorridorTimeZone(originCountry: string): string | undefined {
  return TIME_ZONE_OF_COUNTRY[originCountry];
}

/** Is this an IANA time zone name the runtime knows (e.g. 'Europe/Kyiv')? */
export function isKnownTimeZone(name: string): boolean {
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
