import countryCodes from 'i18n-iso-countries';

/**
 * ISO 3166-1 codes. Host countries are stored as alpha-2, nationalities and document issuers as
 * alpha-3 (as in the machine-readable zone of travel documents, ICAO Doc 9303).
 */

// ICAO Doc 9303 codes that are not countries but are printed as nationality on travel documents.
const ICAO_SPECIAL_NATIONALITIES: ReadonlySet<string> = new Set([
  'XXA', // stateless person (1954 Convention)
  'XXB', // refugee (1951 Convention)
  'XXC', // refugee, other
  'XXX', // unspecified nationality
]);

export function isCountryAlpha2(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countryCodes.alpha2ToAlpha3(code) !== undefined;
}

export function isCountryAlpha3(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && countryCodes.alpha3ToAlpha2(code) !== undefined;
}

/** A nationality is an ISO alpha-3 country or an ICAO code such as XXA (stateless). */
export function isNationalityCode(code: string): boolean {
  return isCountryAlpha3(code) || ICAO_SPECIAL_NATIONALITIES.has(code);
}

export function countryAlpha3(alpha2: string): string | undefined {
  return countryCodes.alpha2ToAlpha3(alpha2);
}
