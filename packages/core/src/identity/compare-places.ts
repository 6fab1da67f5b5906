/**
 * Places and postcodes for identity resolution (#3), when a register records them: where a person
 * was born (Ukrainian passports print it), where they live or last lived. Place names compare as
 * family names do — word by word, whatever the script or transcription (Київ, Kyiv, Kijów, Kiew);
 * postcodes as identifiers a clerk may mistype, or that two records share only by area.
 */
import { compareNames, NAME_MATCH_LEVELS, type NameMatchLevel } from './compare-names.js';
import { editDistance } from './string-similarity.js';

/** The levels of a place name: those of a name ('exact', 'equivalent', 'close', …). */
export const PLACE_MATCH_LEVELS = NAME_MATCH_LEVELS;
export type PlaceMatchLevel = NameMatchLevel;

/**
 * Compares two place names as written.
 * @example comparePlaces('Київ', 'Kijów') // 'equivalent'
 */
export function comparePlaces(
  a: string | null | undefined,
  b: string | null | undefined,
): PlaceMatchLevel {
  return compareNames(a, b, 'family').level;
}

/** Best first. 'same-area': the district part agrees (TQ13 8DF, TQ13 8HU; 01001, 01034). */
export const POSTCODE_MATCH_LEVELS = [
  'exact',
  'one-typo',
  'same-area',
  'different',
  'missing',
] as const;
export type PostcodeMatchLevel = (typeof POSTCODE_MATCH_LEVELS)[number];

/** Shorter codes name no area worth comparing. */
const MIN_POSTCODE_CHARS = 3;

/**
 * A postcode in one spelling: upper case, letters and digits, words separated by one space.
 * @example normalisePostcode(' tq13-8df ') // 'TQ13 8DF'
 */
export function normalisePostcode(text: string | null | undefined): string {
  return (text ?? '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The area a postcode names: its first word when it has several (the British outward code),
 * else its first three characters (a Ukrainian or Polish district).
 * @example postcodeArea('TQ13 8DF') // 'TQ13'
 */
export function postcodeArea(normalised: string): string {
  const space = normalised.indexOf(' ');
  return space > 0 ? normalised.slice(0, space) : normalised.slice(0, MIN_POSTCODE_CHARS);
}

/**
 * A postcode as one string without spaces, or '' when it is too short to name an area: what
 * comparePostcodes compares and blocking keys on.
 * @example compactPostcode('tq13 8df') // 'TQ138DF'
 */
export function compactPostcode(text: string | null | undefined): string {
  const compact = normalisePostcode(text).replaceAll(' ', '');
  return compact.length >= MIN_POSTCODE_CHARS ? compact : '';
}

/**
 * Compares two postcodes as written.
 * @example comparePostcodes('tq13 8df', 'TQ13 8HU') // 'same-area'
 */
export function comparePostcodes(
  a: string | null | undefined,
  b: string | null | undefined,
): PostcodeMatchLevel {
  const codeA = normalisePostcode(a);
  const codeB = normalisePostcode(b);
  const compactA = compactPostcode(codeA);
  const compactB = compactPostcode(codeB);
  if (compactA === '' || compactB === '') {
    return 'missing';
  }
  if (compactA === compactB) {
    return 'exact';
  }
  if (editDistance(compactA, compactB) === 1) {
    return 'one-typo';
  }
  return postcodeArea(codeA) === postcodeArea(codeB) ? 'same-area' : 'different';
}
