/**
 * Titles and forms of address written where a given name belongs (#3 item 1): "Sir", "Mrs",
 * "пані", "Herr", an ordinal ("2nd"). They are no one's name: compared as a given name they made
 * two records of one person disagree on it, and a disagreeing given name is what keeps twins
 * apart, so such a pair could never merge.
 */
import { canonicalTokens, MAX_NAME_CHARS } from './name-keys.js';

// Courtesy titles of the languages Haven's registers are kept in, and ranks of nobility that
// older registers and historical sources put before a name. Words that are also given names
// (Earl, Prince) are left out.
const TITLES = [
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Mx',
  'Dr',
  'Prof',
  'Rev',
  'Hon',
  'Rt',
  'King',
  'Queen',
  'Duke',
  'Duchess',
  'Count',
  'Countess',
  'Baron',
  'Baroness',
  'Baronet',
  'Viscount',
  'Marquess',
  'Herr',
  'Frau',
  'Pan',
  'Pani',
  'Domnul',
  'Doamna',
  'пан',
  'пані',
  'господин',
  'госпожа',
];

/** Their canonical spellings, so that "ПАН", "pan" and "Pan." are all one title. */
const TITLE_TOKENS = new Set(TITLES.flatMap((title) => canonicalTokens(title)));

/** An ordinal or a bare number (2nd, 3., 14): a word of digits only names no one. */
const ORDINAL = /^\d+(?:st|nd|rd|th|\.)?$/i;

/** A word that names no one: a title, or an ordinal. */
function isTitle(word: string): boolean {
  if (ORDINAL.test(word)) {
    return true;
  }
  const tokens = canonicalTokens(word);
  return tokens.length > 0 && tokens.every((token) => TITLE_TOKENS.has(token));
}

/**
 * A given name without the titles written in it; undefined when nothing else was written.
 * @example givenNameWithoutTitles('Sir George') // 'George'
 */
export function givenNameWithoutTitles(text: string | undefined): string | undefined {
  if (!text) {
    return text;
  }
  // Only what canonicalTokens would read: a name pasted a million times over is cut there too.
  // Words end where canonicalTokens ends them (Sir_George, Sir/George), but an apostrophe or a
  // hyphen stays inside its word (Мар'яна, Anna-Maria).
  const words = text.slice(0, MAX_NAME_CHARS).split(/[^\p{L}\p{N}\p{M}'’ʼ`-]+/u);
  if (!words.some(isTitle)) {
    return text;
  }
  const kept = words.filter((word) => word !== '' && !isTitle(word));
  return kept.length > 0 ? kept.join(' ') : undefined;
}
