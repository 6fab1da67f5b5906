/**
 * English nicknames and diminutives of given names (Tom for Thomas, Peggy for Margaret, Bill for
 * William): one person, registered once under each. From a public genealogy table
 * (data/english-nicknames.ts). The relation is kept as pairs, never as classes: Bill is listed
 * with William and with Robert, and a class would make William and Robert one name.
 */
import { ENGLISH_NICKNAME_LINES } from './data/english-nicknames.js';
import { isDictionaryGivenName } from './name-equivalents.js';
import { canonicalTokens, tokenPhoneticKey } from './name-keys.js';

let nicknamePairs: ReadonlySet<string> | undefined;

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The phonetic key of a one-word name, or '' (initials such as "k.c." are left out). */
function keyOfName(name: string): string {
  const tokens = canonicalTokens(name);
  return tokens.length === 1 && tokens[0] ? tokenPhoneticKey(tokens[0]) : '';
}

let lines: readonly (readonly string[])[] | undefined;

/** The table's lines as the phonetic keys of their names, read once. */
function tableLines(): readonly (readonly string[])[] {
  lines ??= ENGLISH_NICKNAME_LINES.split('\n').map((line) => line.split(',').map(keyOfName));
  return lines;
}

/**
 * Each line's name with each name listed on it; built once, on first use. A pair of two names the
 * Ukrainian–Russian dictionary knows is left out: it knows them as two names (Анна and
 * Анастасія, Алла and Олександра are sisters' names, not one name shortened), and a register of
 * Ukrainian households must keep such sisters apart.
 */
function buildPairs(): ReadonlySet<string> {
  const pairs = new Set<string>();
  for (const [head, ...others] of tableLines()) {
    if (!head) {
      continue;
    }
    for (const other of others) {
      if (
        other !== '' &&
        other !== head &&
        !(isDictionaryGivenName(head) && isDictionaryGivenName(other))
      ) {
        pairs.add(pairKey(head, other));
      }
    }
  }
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
 * country's form of one, or a name of the English nickname table. A known name is somebody's
 * name, never a misspelling of another (isSlipOfThePen).
 * @example isKnownGivenName(tokenPhoneticKey('THOMAS')) // true
 */
export function isKnownGivenName(key: string): boolean {
  if (key === '') {
    return false;
  }
  tableNames ??= new Set(tableLines().flat());
  return tableNames.has(key) || isDictionaryGivenName(key);
}
