/**
 * Nicknames and diminutives of given names: one person, registered once under each. English ones
 * (Tom for Thomas, Peggy for Margaret, Bill for William) from a public genealogy table
 * (data/english-nicknames.ts); Ukrainian ones (Саша for Олександр, Коля for Микола) from
 * data/ukrainian-diminutives.ts. The relation is kept as pairs, never as classes: Bill is listed
 * with William and with Robert, and a class would make William and Robert one name.
 */
import { ENGLISH_NICKNAME_LINES } from './data/english-nicknames.js';
import { UKRAINIAN_DIMINUTIVE_LINES } from './data/ukrainian-diminutives.js';
import { isDictionaryGivenName } from './name-equivalents.js';
import { canonicalTokens, tokenPhoneticKey } from './name-keys.js';

let nicknamePairs: ReadonlySet<string> | undefined;

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The phonetic key of a one-word name, or '' (initials such as "k.c." are left out). */
function keyOfName(name: string): string {
  const tokens = canonicalTokens(name);
  return tokens.length === 1 && tokens[0] ? tokenPhoneticKey(tokens[0]) : '';
}

type KeyLines = readonly (readonly string[])[];
let englishLines: KeyLines | undefined;
let ukrainianLines: KeyLines | undefined;

/** The English table's lines as the phonetic keys of their names, read once. */
function englishTableLines(): KeyLines {
  englishLines ??= ENGLISH_NICKNAME_LINES.split('\n').map((line) => line.split(',').map(keyOfName));
  return englishLines;
}

function ukrainianTableLines(): KeyLines {
  ukrainianLines ??= UKRAINIAN_DIMINUTIVE_LINES.map((line) => line.split(' ').map(keyOfName));
  return ukrainianLines;
}

/**
 * Each line's name with each name listed on it; built once, on first use. From the English
 * table, a pair of two names the Ukrainian–Russian dictionary knows is left out: it knows them as
 * two names (Анна and Анастасія, Алла and Олександра are sisters' names, not one name
 * shortened), and a register of Ukrainian households must keep such sisters apart. The Ukrainian
 * table lists only forms of one name (the dictionary knows Саша, as a name of its own, too).
 */
function buildPairs(): ReadonlySet<string> {
  const pairs = new Set<string>();
  const add = (lines: KeyLines, isKept: (head: string, other: string) => boolean): void => {
    for (const [head, ...others] of lines) {
      for (const other of others) {
        if (head && other !== '' && other !== head && isKept(head, other)) {
          pairs.add(pairKey(head, other));
        }
      }
    }
  };
  add(
    englishTableLines(),
    (head, other) => !(isDictionaryGivenName(head) && isDictionaryGivenName(other)),
  );
  add(ukrainianTableLines(), () => true);
  return pairs;
}

/**
 * True when two given-name words (as phonetic keys) are a name and one of its listed nicknames.
 * @example isNicknamePair(tokenPhoneticKey('TOM'), tokenPhoneticKey('THOMAS')) // true
 */
export function isNicknamePair(keyA: string, keyB: string): boolean {
  if (keyA === keyB || keyA === '' || keyB === '') {
    return false;
  }
  nicknamePairs ??= buildPairs();
  return nicknamePairs.has(pairKey(keyA, keyB));
}

let partnersOfKey: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The keys of the names a one-word given name is listed with (Tom: Thomas, Tommy, Thom), for
 * blocking: a record also keyed under each of its partners meets every record of them.
 * @example nicknamePartners(tokenPhoneticKey('TOM')) // ['TOMAS', 'TOMI', …]
 */
export function nicknamePartners(key: string): readonly string[] {
  if (partnersOfKey === undefined) {
    nicknamePairs ??= buildPairs();
    const partners = new Map<string, string[]>();
    for (const pair of nicknamePairs) {
      const [a = '', b = ''] = pair.split('|');
      partners.set(a, [...(partners.get(a) ?? []), b]);
      partners.set(b, [...(partners.get(b) ?? []), a]);
    }
    partnersOfKey = partners;
  }
  return partnersOfKey.get(key) ?? [];
}

let tableNames: ReadonlySet<string> | undefined;

/**
 * True when the key is a given name the dictionaries know: a Ukrainian or Russian name, a host
 * country's form of one, or a name of the English nickname or Ukrainian diminutive tables. A known name is somebody's
 * name, never a misspelling of another (isSlipOfThePen).
 * @example isKnownGivenName(tokenPhoneticKey('THOMAS')) // true
 */
export function isKnownGivenName(key: string): boolean {
  if (key === '') {
    return false;
  }
  tableNames ??= new Set([...englishTableLines().flat(), ...ukrainianTableLines().flat()]);
  return tableNames.has(key) || isDictionaryGivenName(key);
}
