/**
 * Graded comparison of personal names for identity resolution (#3): word by word, so that
 * double surnames, two given names and reordered words compare sensibly, with Russian and
 * Ukrainian forms of a given name treated as one name.
 */
import { canonicalTokens, tokenPhoneticKey } from './name-keys.js';
import { classOfPhoneticKey, patronymicStem, type NameStem } from './name-equivalents.js';
import { givenNameWithoutTitles } from './name-titles.js';
import { isNicknamePair } from './nicknames.js';
import { editDistance, jaroWinklerSimilarity } from './string-similarity.js';
import { isOtherFamilySuffix } from './surname-suffixes.js';

/** Best first. 'missing' means no information: one side has no usable name. */
export const NAME_MATCH_LEVELS = [
  'exact', // same canonical spelling
  'equivalent', // same phonetic key, the same given name in its Russian and Ukrainian forms, or a given name and its English nickname (Tom, Thomas)
  'close', // Jaro-Winkler at least CLOSE_NAME_SIMILARITY: a typo or an unusual transcription
  'partial', // some words agree (a double surname against one of its halves)
  'different',
  'missing',
] as const;
export type NameMatchLevel = (typeof NAME_MATCH_LEVELS)[number];

export interface NameComparison {
  readonly level: NameMatchLevel;
  /** Similarity in [0, 1]; 0 when a name is missing, or the names differ by sex or family suffix. */
  readonly score: number;
}

/** Which part of a name is compared: only given names have Russian/Ukrainian equivalents. */
export type NamePart = 'given' | 'family';

/** Jaro-Winkler similarity from which two words count as 'close'. */
export const CLOSE_NAME_SIMILARITY = 0.92;
/** Score given to words that are equivalent but spelt differently. */
export const EQUIVALENT_NAME_SCORE = 0.95;
/** Score from which two names are taken to match (see NAME_MATCH_LEVELS). */
export const NAME_MATCH_THRESHOLD = CLOSE_NAME_SIMILARITY;

/** Words beyond this are not compared: no real name has more, and it bounds the work. */
const MAX_WORDS = 8;

/** A word of a name with its keys, computed once per spelling by nameWords. */
export interface Word {
  readonly canonical: string;
  readonly key: string;
  readonly classId: string;
  /** Given-name words also meet their English nicknames (Tom, Thomas). */
  readonly isGiven: boolean;
}

interface WordComparison {
  /** 'initial': a given name written as its first letter (J., О.) against a name it begins. */
  readonly level: 'exact' | 'equivalent' | 'close' | 'initial' | 'different';
  readonly score: number;
}

/**
 * The words of a name with their keys: what compareNameWords compares. A batch computes them once
 * per spelling instead of once per pair.
 * @example nameWords('Anna-Maria', 'given').length // 2
 */
export function nameWords(name: string | null | undefined, part: NamePart): Word[] {
  return canonicalTokens(part === 'given' ? givenNameWithoutTitles(name ?? undefined) : name)
    .slice(0, MAX_WORDS)
    .map((canonical) => wordOf(canonical, part));
}

/** A canonical word with its keys, as a name of this part. */
function wordOf(canonical: string, part: NamePart): Word {
  const key = tokenPhoneticKey(canonical);
  return {
    canonical,
    key,
    classId: part === 'given' ? classOfPhoneticKey(key) : key,
    isGiven: part === 'given',
  };
}

/**
 * True when one key is the other's feminine form: Олександр/Олександра, Іван/Іванна,
 * Ковальський/Ковальська, Євгеній/Євгенія. Such names are close in spelling but belong to
 * different people, so they must never be scored as a typo.
 */
export function isSexVariant(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (longer === `${shorter}A`) {
    return true;
  }
  return (
    shorter.length === longer.length &&
    shorter.length > 2 &&
    shorter.slice(0, -1) === longer.slice(0, -1) &&
    /[^AEIOUY]$/.test(shorter.slice(0, -1)) &&
    [shorter.at(-1), longer.at(-1)].sort().join('') === 'AI'
  );
}

// What one letter of the Ukrainian or Latin alphabet folds to (Х to kh, Я to ya, Щ to shch):
// a given-name word spelt as one of these is an initial, whatever its script.
const SINGLE_LETTERS = new Set(
  [...'абвгґдеєжзиіїйклмнопрстуфхцчшщюяabcdefghijklmnopqrstuvwxyz'].flatMap((letter) =>
    canonicalTokens(letter),
  ),
);

/** Keys of names begin with I or Y for the same sound (Iaroslav, Yurii, John as YOHN). */
const firstSoundOf = (key: string): string => (key.startsWith('I') ? `Y${key.slice(1)}` : key);

/**
 * One word is the other's initial (J. against John, Г. against Georgii, Я. against Iaroslav):
 * it agrees with the name but says little about it. Read on the phonetic keys, which fold the
 * letters scripts write differently (г and g, х and h).
 */
function isInitialOf(a: Word, b: Word): boolean {
  const isInitialA = SINGLE_LETTERS.has(a.canonical);
  if (!a.isGiven || !b.isGiven || isInitialA === SINGLE_LETTERS.has(b.canonical)) {
    return false;
  }
  const [initial, name] = isInitialA ? [a, b] : [b, a];
  return initial.key !== '' && firstSoundOf(name.key).startsWith(firstSoundOf(initial.key));
}

/** Score of an initial against a name it begins: some agreement, far from a match. */
const INITIAL_SCORE = 0.5;

function compareWords(a: Word, b: Word): WordComparison {
  if (a.canonical === b.canonical) {
    return { level: 'exact', score: 1 };
  }
  if (isInitialOf(a, b)) {
    return { level: 'initial', score: INITIAL_SCORE };
  }
  if (isSexVariant(a.key, b.key) || isSexVariant(a.classId, b.classId)) {
    return { level: 'different', score: 0 };
  }
  const spelling = jaroWinklerSimilarity(a.canonical, b.canonical);
  if (
    a.key === b.key ||
    a.classId === b.classId ||
    (a.isGiven && b.isGiven && isNicknamePair(a.key, b.key))
  ) {
    return { level: 'equivalent', score: Math.max(EQUIVALENT_NAME_SCORE, spelling) };
  }
  // The keys' similarity forgives what the transcriptions disagree on (Myxajlo, Mykhailo).
  const similarity = Math.max(spelling, jaroWinklerSimilarity(a.key, b.key));
  if (!a.isGiven && !b.isGiven && isOtherFamilySuffix(a.key, b.key)) {
    return { level: 'different', score: 0 };
  }
  if (similarity >= CLOSE_NAME_SIMILARITY || isOneTypoApart(a.key, b.key)) {
    return { level: 'close', score: similarity };
  }
  return { level: 'different', score: similarity };
}

/** Keys shorter than this lose too much of themselves to one edit (Ivan, Iван, Inna). */
const MIN_KEY_FOR_TYPO = 5;

/**
 * One keystroke apart on the phonetic keys (a letter dropped, added, replaced or two exchanged)
 * past the first letter: a typo on top of a transcription (Мар'яна/Мир'яна, Oleua/Олена), which
 * Jaro–Winkler scores below 'close' in short names. The first letter must agree: sisters' names
 * one letter apart differ there (Марія/Дарія), and clerks rarely mistype a name's first letter.
 */
function isOneTypoApart(a: string, b: string): boolean {
  return (
    Math.min(a.length, b.length) >= MIN_KEY_FOR_TYPO &&
    Math.abs(a.length - b.length) <= 1 &&
    a.charCodeAt(0) === b.charCodeAt(0) &&
    editDistance(a, b) === 1
  );
}

const WORD_LEVEL_RANK = { exact: 4, equivalent: 3, close: 2, initial: 1, different: 0 } as const;

function isBetter(a: WordComparison, b: WordComparison | undefined): boolean {
  if (b === undefined) {
    return true;
  }
  const rankA = WORD_LEVEL_RANK[a.level];
  const rankB = WORD_LEVEL_RANK[b.level];
  return rankA !== rankB ? rankA > rankB : a.score > b.score;
}

/** Pairs words one to one, best pair first (greedy; names have few words). */
function pairWords(a: readonly Word[], b: readonly Word[]): WordComparison[] {
  const table = a.map((wordA) => b.map((wordB) => compareWords(wordA, wordB)));
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: WordComparison[] = [];
  while (pairs.length < Math.min(a.length, b.length)) {
    let best: WordComparison | undefined;
    let bestI = -1;
    let bestJ = -1;
    table.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (!usedA.has(i) && !usedB.has(j) && isBetter(cell, best)) {
          [best, bestI, bestJ] = [cell, i, j];
        }
      }),
    );
    if (best === undefined) {
      break;
    }
    pairs.push(best);
    usedA.add(bestI);
    usedB.add(bestJ);
  }
  return pairs;
}

const isMatch = (pair: WordComparison): boolean => pair.level !== 'different';

/**
 * Compares two names (a given name, or a family name) word by word, whatever their script,
 * transliteration, word order or hyphenation.
 * @example compareNames('Sevcsenko', 'Шевченко', 'family').level // 'equivalent'
 */
export function compareNames(
  a: string | null | undefined,
  b: string | null | undefined,
  part: NamePart,
): NameComparison {
  return compareNameWords(nameWords(a, part), nameWords(b, part), part);
}

/**
 * compareNames on words already split and keyed by nameWords.
 * @example compareNameWords(nameWords('Sevcsenko', 'family'), nameWords('Шевченко', 'family'), 'family').level // 'equivalent'
 */
export function compareNameWords(
  wordsA: readonly Word[],
  wordsB: readonly Word[],
  part: NamePart,
): NameComparison {
  if (wordsA.length === 0 || wordsB.length === 0) {
    return { level: 'missing', score: 0 };
  }
  const pairs = pairWords(wordsA, wordsB);
  const longest = Math.max(wordsA.length, wordsB.length);
  const score = pairs.reduce((sum, pair) => sum + pair.score, 0) / longest;
  const matched = pairs.filter(isMatch);
  if (matched.length === longest) {
    const worst = matched.reduce((low, pair) => (isBetter(low, pair) ? pair : low));
    // An initial agrees with the name without matching it: part of the name is known.
    return { level: worst.level === 'initial' ? 'partial' : worst.level, score };
  }
  if (wordsA.length !== wordsB.length) {
    // Written as one word on one side and two on the other (Anna Maria, Annamaria)?
    const joined = compareWords(joinWords(wordsA, part), joinWords(wordsB, part));
    if (isMatch(joined) && joined.level !== 'initial') {
      return { level: joined.level, score: joined.score };
    }
  }
  if (matched.length > 0) {
    return { level: 'partial', score };
  }
  return { level: 'different', score };
}

function joinWords(words: readonly Word[], part: NamePart): Word {
  return wordOf(words.map((word) => word.canonical).join(''), part);
}

/**
 * Compares two patronymics by the father's name they carry and their sex: Сергійович and
 * Сергеевич are equivalent; Сергійович and Сергіївна (a brother and a sister) are different;
 * an initial (В., as forms write "Шевченко О. В.") against a patronymic it begins is no evidence
 * ('missing'), against one it does not begin it is 'different'.
 * @example comparePatronymics('Миколайович', 'Nikolaevich') // { level: 'equivalent', score: 0.95 }
 */
export function comparePatronymics(
  a: string | null | undefined,
  b: string | null | undefined,
): NameComparison {
  return comparePatronymicWords(patronymicWordsOf(a), patronymicWordsOf(b));
}

/** A patronymic's words (compared as a family name is) and the father's name it carries. */
export interface PatronymicWords {
  readonly words: readonly Word[];
  readonly stem: NameStem;
}

export function patronymicWordsOf(patronymic: string | null | undefined): PatronymicWords {
  return { words: nameWords(patronymic, 'family'), stem: patronymicStem(patronymic) };
}

/**
 * comparePatronymics on words and stems already made (a batch or an index makes them once per
 * spelling).
 * @example comparePatronymicWords(patronymicWordsOf('В.'), patronymicWordsOf('Петрович')).level // 'different'
 */
export function comparePatronymicWords(a: PatronymicWords, b: PatronymicWords): NameComparison {
  const byWords = compareNameWords(a.words, b.words, 'family');
  if (byWords.level === 'missing' || byWords.level === 'exact') {
    return byWords;
  }
  if (a.stem.sex !== undefined && b.stem.sex !== undefined && a.stem.sex !== b.stem.sex) {
    return { level: 'different', score: 0 };
  }
  if (a.stem.stem !== '' && a.stem.stem === b.stem.stem) {
    return { level: 'equivalent', score: Math.max(EQUIVALENT_NAME_SCORE, byWords.score) };
  }
  if (byWords.level === 'different' && isPatronymicInitialOf(a.words, b.words)) {
    // Says nothing either way: siblings share their father's initial, and it carries no sex.
    return { level: 'missing', score: 0 };
  }
  return byWords;
}

/** One patronymic is a lone initial, and the other (not an initial) begins with its sound. */
function isPatronymicInitialOf(a: readonly Word[], b: readonly Word[]): boolean {
  const [initial, name] =
    a.length === 1 && SINGLE_LETTERS.has(a[0]?.canonical ?? '') ? [a, b] : [b, a];
  const letter = initial.length === 1 ? initial[0] : undefined;
  const first = name[0];
  return (
    letter !== undefined &&
    first !== undefined &&
    SINGLE_LETTERS.has(letter.canonical) &&
    !SINGLE_LETTERS.has(first.canonical) &&
    letter.key !== '' &&
    firstSoundOf(first.key).startsWith(firstSoundOf(letter.key))
  );
}

/** The parts of a person's name as registered; any may be absent. */
export interface PersonName {
  readonly given?: string | null | undefined;
  readonly family?: string | null | undefined;
  readonly patronymic?: string | null | undefined;
}

export interface PersonNameComparison {
  readonly given: NameComparison;
  readonly family: NameComparison;
  readonly patronymic: NameComparison;
  /** True when the names agree only with given and family name exchanged on one side. */
  readonly isSwapped: boolean;
}

/** Levels by rank, best highest; from 'close' up, two names agree. */
export const NAME_LEVEL_RANK: Readonly<Record<NameMatchLevel, number>> = {
  exact: 5,
  equivalent: 4,
  close: 3,
  partial: 2,
  different: 1,
  missing: 0,
};

const MISSING_NAME: NameComparison = { level: 'missing', score: 0 };

/** Two names agree from 'close' up. */
export const agreesLevel = (level: NameMatchLevel): boolean =>
  NAME_LEVEL_RANK[level] >= NAME_LEVEL_RANK.close;
const agrees = (comparison: NameComparison): boolean => agreesLevel(comparison.level);

/** How two records' names are best read against each other (nameReading). */
export type NameReading = 'as-written' | 'exchanged' | 'surname-as-given';

/**
 * How two records' names are best read, from the levels of both readings (given against given,
 * family against family; then one record's family name against the other's given name, and its
 * given name against the other's family name):
 *   - 'exchanged': one record has its given and family names the wrong way round; both agree so;
 *   - 'surname-as-given': one record has only a given name, and it is the other's surname
 *     (Watts / —, against William / Watts): its surname agrees, its given name is missing;
 *   - 'as-written' otherwise. Batch, live index and compareRecords all read names by it.
 * @example nameReading('different', 'missing', 'missing', 'exact') // 'surname-as-given'
 */
export function nameReading(
  given: NameMatchLevel,
  family: NameMatchLevel,
  exchangedGiven: NameMatchLevel,
  exchangedFamily: NameMatchLevel,
): NameReading {
  if (agreesLevel(given) && agreesLevel(family)) {
    return 'as-written';
  }
  const isBetter =
    NAME_LEVEL_RANK[exchangedGiven] + NAME_LEVEL_RANK[exchangedFamily] >
    NAME_LEVEL_RANK[given] + NAME_LEVEL_RANK[family];
  if (agreesLevel(exchangedGiven) && agreesLevel(exchangedFamily)) {
    return isBetter ? 'exchanged' : 'as-written';
  }
  // One record's given-name field holds a name that disagrees as a given name and its family
  // field is empty; not an empty given name (Ivan as one record's given name and the other's
  // surname, and nothing else, is evidence of neither).
  const agreesOneSided =
    (agreesLevel(exchangedGiven) && exchangedFamily === 'missing') ||
    (agreesLevel(exchangedFamily) && exchangedGiven === 'missing');
  return agreesOneSided && given !== 'missing' && family === 'missing' && isBetter
    ? 'surname-as-given'
    : 'as-written';
}

/** A given and a family level of one reading of two records' names. */
export interface NameLevelPair {
  readonly given: NameMatchLevel;
  readonly family: NameMatchLevel;
}

/**
 * Which record of two is written the wrong way round, once their names are read exchanged. That
 * decides which crossed pair are given names (compared with Russian forms and nicknames) and
 * which surnames: Elena against Olena written as the surname is equivalent only as given names.
 * The first record's reading is taken unless the second's agrees better; the second is worked out
 * only where the first agrees on a name or misses one (strangers, most pairs, disagree on both).
 * @param first the comparisons if the first record is the one: its family field against the
 *   other's given field as given names, its given field against the other's family field as
 *   surnames
 * @param second the same if the second record is, worked out on demand
 * @example exchangedComparison({ given: 'exact', family: 'different' }, () => ({ given: 'exact', family: 'equivalent' }), (c) => c) // the second
 */
export function exchangedComparison<T>(
  first: T,
  second: () => T,
  levelsOf: (comparison: T) => NameLevelPair,
): T {
  const firstLevels = levelsOf(first);
  // Both crossed pairs disagree (strangers, most pairs): the other reading compares the same
  // pairs the other way round, and what agrees as surnames agrees as given names too, so it
  // cannot agree better. A missing name (an empty field, a title) is worked out.
  const isSettled = (level: NameMatchLevel): boolean => !agreesLevel(level) && level !== 'missing';
  if (isSettled(firstLevels.given) && isSettled(firstLevels.family)) {
    return first;
  }
  const other = second();
  const rank = (levels: NameLevelPair): number =>
    NAME_LEVEL_RANK[levels.given] + NAME_LEVEL_RANK[levels.family];
  return rank(levelsOf(other)) > rank(firstLevels) ? other : first;
}

/** The agreeing one of two exchanged comparisons: the surname, in a 'surname-as-given' reading. */
export function surnameOfOneSided<T extends { readonly level: NameMatchLevel }>(
  exchangedGiven: T,
  exchangedFamily: T,
): T {
  return exchangedGiven.level === 'missing' ? exchangedFamily : exchangedGiven;
}

/**
 * Compares two people's names part by part, and detects given and family names written the
 * wrong way round (common when forms are filled in a foreign language, or read from an MRZ).
 * @example comparePersonNames({ given: 'Shevchenko', family: 'Olena' }, { given: 'Олена', family: 'Шевченко' }).isSwapped // true
 */
export function comparePersonNames(a: PersonName, b: PersonName): PersonNameComparison {
  const patronymic = comparePatronymics(a.patronymic, b.patronymic);
  const given = compareNames(a.given, b.given, 'given');
  const family = compareNames(a.family, b.family, 'family');
  if (agrees(given) && agrees(family)) {
    return { given, family, patronymic, isSwapped: false };
  }
  const { given: swappedGiven, family: swappedFamily } = exchangedComparison(
    {
      given: compareNames(a.family, b.given, 'given'),
      family: compareNames(a.given, b.family, 'family'),
    },
    () => ({
      given: compareNames(a.given, b.family, 'given'),
      family: compareNames(a.family, b.given, 'family'),
    }),
    (comparison) => ({ given: comparison.given.level, family: comparison.family.level }),
  );
  const reading = nameReading(given.level, family.level, swappedGiven.level, swappedFamily.level);
  if (reading === 'exchanged') {
    return { given: swappedGiven, family: swappedFamily, patronymic, isSwapped: true };
  }
  if (reading === 'surname-as-given') {
    const surname = surnameOfOneSided(swappedGiven, swappedFamily);
    return { given: MISSING_NAME, family: surname, patronymic, isSwapped: true };
  }
  return { given, family, patronymic, isSwapped: false };
}
