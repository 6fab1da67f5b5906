/**
 * Comparable keys for personal names written in any of the renderings a Ukrainian name meets on
 * its way through Europe: Ukrainian or Russian Cyrillic, KMU-55 (2010), older passport tables,
 * Polish, German, Czech/Slovak, Hungarian, Romanian and French transcriptions, ISO 9, and the
 * upper-case machine-readable zone (DOMAIN.md section 7).
 *
 * Two keys with different jobs:
 * - the canonical form keeps the spelling recognisable (KMU-55-like Latin) for edit distance;
 * - the phonetic key is deliberately coarse so that every rendering of one name lands on the
 *   same key (blocking); the comparators decide how close two names really are.
 */
import { transliterateUkrainian } from '../names/transliteration.js';

/**
 * Longer inputs are cut: no name on a document is this long (the MRZ keeps 39 characters), and a
 * bound keeps every later step cheap whatever arrives.
 */
export const MAX_NAME_CHARS = 256;

/**
 * Letters whose diacritic carries a sound of its own, so plain stripping would lose it. Mapped to
 * the KMU-55 spelling of that sound before the remaining marks are stripped.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  // ISO 9 (1995) for Ukrainian and Russian: â ê û are the iotated я є ю, ŝ is щ. Romanian â (the
  // vowel of Ukrainian и) is far rarer in names than ISO 9 output, so ISO 9 wins the clash.
  ŝ: 'shch',
  â: 'ia',
  ê: 'ie',
  û: 'iu',
  ĉ: 'ch',
  // Czech, Slovak, Croatian, Lithuanian and Latvian hačeks; Polish ż; Romanian and Turkish
  // cedillas and commas (ş ș = ш, ţ ț = ц).
  š: 'sh',
  č: 'ch',
  ž: 'zh',
  ż: 'zh',
  ş: 'sh',
  ș: 'sh',
  ţ: 'ts',
  ț: 'ts',
  ć: 'ch',
  ě: 'ie',
  // Romanian î is the vowel that KMU-55 writes y (и).
  î: 'y',
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  ı: 'i',
};

/** Soft signs and apostrophes inside a word (ь, ʼ, ISO 9 ʹ, GOST ′) are not rendered (KMU-55). */
const WORD_INTERNAL_MARKS = /['’ʼʹ′`‘´"″ˮ\p{Lm}]/gu;

const LETTERS_TO_FOLD = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

function foldLetters(text: string): string {
  return text.replace(LETTERS_TO_FOLD, (ch) => LETTER_FOLDS[ch] ?? ch);
}

/**
 * National digraphs rewritten to the KMU-55 spelling of the same sound, in one left-to-right
 * pass over a lower-case ASCII token. Longer sequences come first so that "schtsch" is not read
 * as "sch".
 */
const DIGRAPHS = /schtsch|szcz|tsch|sch|tch|sz|cz|zs|cs|gy(?=[aeiou])|rz|w|ou|gu(?=[eiy])|x|j|q|ph|ff$/g;
const CONSONANT_BEFORE_POLISH_RZ = /[bcdgkpt]/;

function foldDigraph(match: string, offset: number, token: string): string {
  const before = token.charAt(offset - 1);
  switch (match) {
    case 'schtsch': // German щ
    case 'szcz': // Polish щ
      return 'shch';
    case 'tsch': // German ч
    case 'tch': // French ч
    case 'cz': // Polish ч
    case 'cs': // Hungarian ч (Sevcsenko, Tkacsuk), though one old table wrote кс so (Olecsandr)
      return 'ch';
    case 'sch': // German ш
    case 'sz': // Polish ш (Hungarian sz = с is rarer among Ukrainian names than Polish sz)
      return 'sh';
    case 'zs': // Hungarian ж
      return 'zh';
    case 'gy':
      // Hungarian soft д before a vowel (Vlagyimir, Gyenyisz, Ligyija, Nagyija); a word-final
      // gyi is an old spelling of -гий (Dovgyi) and keeps its г.
      return token.slice(offset) === 'gyi' ? match : 'd';
    case 'rz': {
      // Polish rz = ж after a consonant or at the start (Grzegorz); after a vowel it is usually
      // р + з (Borzenko, Myrzoian), and before h it is KMU-55 р + ж (Drzhevetskyi).
      const isPolish = offset === 0 || CONSONANT_BEFORE_POLISH_RZ.test(before);
      return isPolish && token.charAt(offset + 2) !== 'h' ? 'zh' : 'rz';
    }
    case 'w': // Polish and German в
      return 'v';
    case 'ou': // French у
      return 'u';
    case 'gu': // French hard g before e, i (Serguei)
      return 'g';
    case 'x':
      // ISO 9 and scientific х at the start (Xmelʹnycʹkyj); elsewhere кс (Alexandr, Maxym).
      return offset === 0 ? 'kh' : 'ks';
    case 'j':
      // й as KMU-55 writes it: y at the start, i elsewhere (Jurij → yurii, Mychajlo → mychailo).
      return offset === 0 ? 'y' : 'i';
    case 'q':
      return 'k';
    case 'ph':
      return 'f';
    case 'ff': // French -off for -ов (Ivanoff)
      return 'v';
    default:
      return match;
  }
}

function foldDigraphs(token: string): string {
  return token.replace(DIGRAPHS, foldDigraph);
}

/**
 * Marks of a Polish, German or Czech/Slovak spelling: there "ch" is х (Mychajło, Charczenko,
 * Chomenko), while in English and KMU-55 it is ч. The mark decides for the whole word.
 */
// j after a vowel (й: Mychajło) or before one (я, ю, є: Chomjuk, Chrystja): English and KMU-55
// write y or i there.
const CENTRAL_EUROPEAN_MARKS = /[čšžřěůłąęńśźż]|cz|sz|rz|w|tsch|sch|(?<=[aeiouy])j|j(?=[aeiou])/u;

/** "ch" not after s (German sch, tsch) */
const CH_AS_KH = /(?<!s)ch/gu;

/** A word spelt the Central European way has its "ch" read as х (kh), before anything is folded. */
function readCentralEuropeanKh(word: string): string {
  return word.includes('ch') && CENTRAL_EUROPEAN_MARKS.test(word)
    ? word.replace(CH_AS_KH, 'kh')
    : word;
}

/**
 * Marks of a Romanian (or Turkish) spelling, where "j" is ж (Jukeț, Jîtomîr), while in Polish,
 * German, Czech and Hungarian it is й. Romanian writes и as î, ц as ț and ш as ș, so most
 * Ukrainian names carry a mark; â is left out, as ISO 9 writes я with it.
 */
const ROMANIAN_MARKS = /[șşțţăî]/u;

function readRomanianZh(word: string): string {
  return word.includes('j') && ROMANIAN_MARKS.test(word) ? word.replace(/j/gu, 'zh') : word;
}

/** How the word's own spelling says its ambiguous letters are read. */
function readNationalSpelling(word: string): string {
  return readRomanianZh(readCentralEuropeanKh(word));
}

/**
 * The words of a name in the canonical Latin alphabet: lower-case a–z only, national digraphs
 * folded to KMU-55 spellings. Characters of other scripts (Georgian, Arabic, emoji) are dropped,
 * so such a name yields no tokens rather than an error.
 * @example canonicalTokens('SHEVCHENKO<<OLENA') // ['shevchenko', 'olena']
 */
export function canonicalTokens(text: string | null | undefined): string[] {
  if (!text) {
    return [];
  }
  const latin = transliterateUkrainian(
    // MRZ: '<' separates the surname from the given names and stands for spaces and hyphens.
    text.slice(0, MAX_NAME_CHARS).replace(/</g, ' ').normalize('NFC'),
  ).toLowerCase();
  const plain = foldLetters(latin.replace(/\p{L}+/gu, readNationalSpelling))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(WORD_INTERNAL_MARKS, '');
  const tokens: string[] = [];
  for (const match of plain.matchAll(/[a-z]+/g)) {
    const token = foldDigraphs(match[0]);
    if (token) {
      tokens.push(token);
    }
  }
  return tokens;
}

/**
 * A script-independent Latin form of a name, for display-neutral storage and edit distance.
 * @example canonicalName('Schewtschenko') // 'shevchenko'
 */
export function canonicalName(text: string | null | undefined): string {
  return canonicalTokens(text).join(' ');
}

const VOWEL_KEYS = new Set(['A', 'E', 'I', 'O', 'U']);

function isVowelKey(symbol: string | undefined): boolean {
  return symbol !== undefined && VOWEL_KEYS.has(symbol);
}

/** Хл, Хм, Хн, Хр, Хв begin many Ukrainian names; ч before these letters hardly ever does. */
const CONSONANTS_AFTER_INITIAL_KH = new Set(['l', 'm', 'n', 'r', 'v']);

/**
 * Key symbol of a "c" that is not part of "ch": к in Romanian and the older passport tables
 * (Cravchenco, Victor), ц in Polish, Czech and ISO 9 (Hmelʹnickij, Kravec).
 */
function keyOfC(prev: string | undefined, next: string | undefined): string {
  if (next === undefined) {
    return prev === 'e' || prev === 'i' || prev === 'y' ? 'S' : 'K';
  }
  if ('aoulrt'.includes(next)) {
    return 'K';
  }
  return 'S';
}

/** Maps a canonical token to raw key symbols, one per sound class. */
function rawSymbols(token: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < token.length) {
    const ch = token.charAt(i);
    const next = token[i + 1];
    if (token.startsWith('shch', i)) {
      out.push('S');
      i += 4;
      continue;
    }
    if (next === 'h' && (ch === 's' || ch === 'z')) {
      out.push('S');
      i += 2;
      continue;
    }
    if (next === 'h' && ch === 'c') {
      // Word-initial "ch" before a consonant is the German, Polish and Czech х (Chmelnyzkyj,
      // Chrystyna); elsewhere it is the English and KMU-55 ч.
      out.push(i === 0 && CONSONANTS_AFTER_INITIAL_KH.has(token[i + 2] ?? '') ? 'H' : 'S');
      i += 2;
      continue;
    }
    if (next === 'h' && (ch === 'k' || ch === 'g')) {
      out.push('H'); // kh = х; gh is KMU-55's г after з
      i += 2;
      continue;
    }
    out.push(symbolOf(ch, token[i - 1], next));
    i += 1;
  }
  return out;
}

function symbolOf(ch: string, prev: string | undefined, next: string | undefined): string {
  switch (ch) {
    case 'c':
      return keyOfC(prev, next);
    case 's':
    case 'z':
      // One class for every sibilant and affricate: the tables disagree on what a letter means
      // (Hungarian s = ш, Polish c = ц, Romanian c = ч before e and i, German z = ц), and a
      // clerk without diacritics turns Ševčenko into Sevcenko.
      return 'S';
    case 'g':
    case 'h':
      return 'H'; // г is h in KMU-55 and g in Russian-style and older forms
    case 'k':
    case 'q':
      return 'K';
    case 'w':
      return 'V';
    case 'x':
      return 'X';
    case 'y':
    case 'j':
      return 'I';
    default:
      return ch.toUpperCase();
  }
}

/**
 * Folds the raw symbols: affricates and sibilants into one class, doubled letters into one,
 * and the glide of я ю є (ya, ia, ja, yu, iu, ju, ye, ie, je) into its vowel.
 */
function foldSymbols(raw: readonly string[]): string {
  const merged: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const symbol = raw[i] ?? '';
    const prev = merged[merged.length - 1];
    if (symbol === 'X') {
      merged.push('K', 'S');
      continue;
    }
    if (symbol === 'S' && prev === 'T') {
      merged[merged.length - 1] = 'S'; // ts, tz, tc = ц; tsch, tch = ч
      continue;
    }
    if (symbol === 'H' && prev === 'S') {
      continue; // зг: Zghurskyi (2010) and Zhurskyi (before 2010) are one name
    }
    if (symbol === prev) {
      continue;
    }
    merged.push(symbol);
  }
  let key = '';
  for (let i = 0; i < merged.length; i++) {
    const symbol = merged[i] ?? '';
    const next = merged[i + 1];
    if (symbol === 'I' && isVowelKey(next) && next !== 'I') {
      if (next === 'E') {
        // є and е are one: Russian е is "ye" in some tables and "e" in others (Yevgeniy, Evgeniy;
        // Makeyeva, Makeeva), and Ukrainian -еєв- is Russian -еев- (Yerofieiev, Yerofeev).
        continue;
      }
      if (i === 0) {
        key += 'Y'; // a word-initial я ю stays apart from а у: Yana is not Anna
        continue;
      }
      if (!isVowelKey(merged[i - 1])) {
        continue; // after a consonant the glide is spelt many ways: Tetiana, Tetyana, Tetjana, Tetâna
      }
    }
    if (key.endsWith(symbol)) {
      continue;
    }
    key += symbol;
  }
  // Russian feminine adjectival -ая is Ukrainian -а (Zaritskaya, Zaritska); short words keep it,
  // since there it is a name of its own (Maiia, Raia).
  return key.length > 6 && key.endsWith('AIA') ? key.slice(0, -2) : key;
}

/**
 * The phonetic key of one canonical token.
 * @example tokenPhoneticKey('shevchenko') // 'SEVSENKO'
 */
export function tokenPhoneticKey(token: string): string {
  return foldSymbols(rawSymbols(token));
}

/**
 * The phonetic keys of the words of a name, in order; empty for a name with no Latin or
 * Cyrillic letters.
 * @example phoneticKeys('Szewczenko Jurij') // ['SEVSENKO', 'YURI']
 */
export function phoneticKeys(text: string | null | undefined): string[] {
  return canonicalTokens(text).map(tokenPhoneticKey);
}

/**
 * A coarse, script-independent key under which every rendering of a name meets: h/g, kh/ch/h,
 * sibilants (zh ż ž sch zs, ts c z ț, shch szcz šč schtsch), y/i/j, glides, doubled letters and
 * the -yi/-ii/-iy/-y endings all fold. Use it for blocking; grade matches with compareNames.
 * @example phoneticKey('Şevcenco') === phoneticKey('Шевченко') // true ('SEVSENKO')
 */
export function phoneticKey(text: string | null | undefined): string {
  return phoneticKeys(text).join(' ');
}
