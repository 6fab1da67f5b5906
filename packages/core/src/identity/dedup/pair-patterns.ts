/**
 * compareRecords for millions of pairs (#3 item 5): the same levels, encoded as one small
 * integer per pair (the comparison pattern), and each comparison of two name spellings computed
 * once and remembered, since candidate pairs meet the same spellings again and again.
 */
import { DATE_MATCH_LEVELS } from '../compare-dates.js';
import {
  comparableCountry,
  comparableDocumentNumber,
  compareComparableDocuments,
  DOCUMENT_MATCH_LEVELS,
  type ComparableDocument,
  type DocumentMatchLevel,
} from '../compare-documents.js';
import {
  compareNameWords,
  comparePatronymicWords,
  exchangedComparison,
  NAME_MATCH_LEVELS,
  nameWords,
  nameReading,
  type NameMatchLevel,
  type NamePart,
  type Word,
} from '../compare-names.js';
import { patronymicStem, type NameStem } from '../name-equivalents.js';
import type { DocumentType } from '../../registration/identity-documents.js';
import {
  LINKAGE_FIELDS,
  SEX_MATCH_LEVELS,
  type ComparisonVector,
  type LinkageField,
  type SexMatchLevel,
} from '../linkage/comparison-vector.js';
import type { LinkageDocument } from '../linkage/person-record.js';
import { createPairMemo, type PairMemo } from './pair-memo.js';
import { createBirthDateTable } from './birth-date-table.js';
import type { PreparedTable } from './prepared-records.js';

const NAME_LEVELS = NAME_MATCH_LEVELS.length;
const DATE_LEVELS = DATE_MATCH_LEVELS.length;
const SEX_LEVELS = SEX_MATCH_LEVELS.length;
const DOCUMENT_LEVELS = DOCUMENT_MATCH_LEVELS.length;

/** Number of distinct patterns: a pattern is a number below this. */
export const PATTERN_COUNT = NAME_LEVELS ** 3 * DATE_LEVELS * SEX_LEVELS * DOCUMENT_LEVELS;

/** Level positions of a pattern, in the order of LINKAGE_FIELDS. */
export interface PatternLevels {
  readonly givenName: number;
  readonly familyName: number;
  readonly patronymic: number;
  readonly birthDate: number;
  readonly sex: number;
  readonly document: number;
}

/** The fields a pattern holds: the first six of LINKAGE_FIELDS, in their order. */
export const PATTERN_FIELDS = LINKAGE_FIELDS.slice(0, 6) as readonly (keyof PatternLevels &
  LinkageField)[];

export function encodePattern(levels: PatternLevels): number {
  return (
    ((((levels.givenName * NAME_LEVELS + levels.familyName) * NAME_LEVELS + levels.patronymic) *
      DATE_LEVELS +
      levels.birthDate) *
      SEX_LEVELS +
      levels.sex) *
      DOCUMENT_LEVELS +
    levels.document
  );
}

export function decodePattern(pattern: number): PatternLevels {
  let rest = pattern;
  const document = rest % DOCUMENT_LEVELS;
  rest = Math.floor(rest / DOCUMENT_LEVELS);
  const sex = rest % SEX_LEVELS;
  rest = Math.floor(rest / SEX_LEVELS);
  const birthDate = rest % DATE_LEVELS;
  rest = Math.floor(rest / DATE_LEVELS);
  const patronymic = rest % NAME_LEVELS;
  rest = Math.floor(rest / NAME_LEVELS);
  const familyName = rest % NAME_LEVELS;
  const givenName = Math.floor(rest / NAME_LEVELS);
  return { givenName, familyName, patronymic, birthDate, sex, document };
}

/** A name level's index back to its name. */
const levelName = (index: number): NameMatchLevel => NAME_MATCH_LEVELS[index] ?? 'missing';

/** The pattern as the ComparisonVector estimateModel and scorePair read (for a sample of pairs). */
export function patternVector(
  pattern: number,
  isSwapped: boolean,
  givenClass: string,
  familyPhonetic: string,
): ComparisonVector {
  const levels = decodePattern(pattern);
  return {
    levels: {
      givenName: levelName(levels.givenName),
      familyName: levelName(levels.familyName),
      patronymic: levelName(levels.patronymic),
      birthDate: DATE_MATCH_LEVELS[levels.birthDate] ?? 'missing',
      sex: SEX_MATCH_LEVELS[levels.sex] ?? 'missing',
      document: DOCUMENT_MATCH_LEVELS[levels.document] ?? 'missing',
      // Places and postcodes have their own pattern (attribute-patterns.ts).
      birthPlace: 'missing',
      residence: 'missing',
      postcode: 'missing',
    },
    isSwapped,
    givenClass,
    familyPhonetic,
    // EM reads levels only; scoring a pattern's pair weighs its names by the records themselves.
    birthDecade: '',
  };
}

const NAME_INDEX = new Map<string, number>(NAME_MATCH_LEVELS.map((level, i) => [level, i]));
const DOCUMENT_INDEX = new Map<string, number>(DOCUMENT_MATCH_LEVELS.map((level, i) => [level, i]));
const SEX_INDEX = new Map<SexMatchLevel, number>(SEX_MATCH_LEVELS.map((level, i) => [level, i]));
const EXACT = NAME_INDEX.get('exact') ?? 0;
const CLOSE = NAME_INDEX.get('close') ?? 2;
const NAME_MISSING = NAME_INDEX.get('missing') ?? NAME_LEVELS - 1;
const DOCUMENT_MISSING = DOCUMENT_INDEX.get('missing') ?? DOCUMENT_LEVELS - 1;

/** Remembered comparisons are forgotten past this many, so memory stays bounded. */
const MAX_REMEMBERED = 4_000_000;

type NameKind = 'given' | 'family' | 'patronymic';

/** A pair's pattern, and whether given and family names matched only once exchanged. */
export interface PairPattern {
  pattern: number;
  isSwapped: boolean;
}

export interface PairComparer {
  /** Compares records a and b into `out` (reused: no allocation per pair). */
  compare(a: number, b: number, out: PairPattern): void;
  /**
   * The pattern of birth date, sex and document alone, names 'missing': for u of the fields
   * strangers rarely agree on, from many more random pairs than names need.
   */
  compareWithoutNames(a: number, b: number): number;
}

/** A record's document, normalised once; type and country stay absent when not recorded. */
interface PreparedDocument {
  readonly type: DocumentType | undefined;
  readonly issuingCountry: string | undefined;
  /** The document as compared when both type and country are recorded. */
  readonly complete: ComparableDocument | undefined;
  readonly number: string;
}

function prepareDocument(document: LinkageDocument): PreparedDocument {
  const { type } = document;
  const issuingCountry =
    document.issuingCountry === undefined ? undefined : comparableCountry(document.issuingCountry);
  const number = comparableDocumentNumber(document.number);
  return {
    type,
    issuingCountry,
    complete:
      type === undefined || issuingCountry === undefined
        ? undefined
        : { type, issuingCountry, number },
    number,
  };
}

/** Documents without a recorded type or country are compared as if they had the other's. */
function compareDocumentLists(
  a: readonly PreparedDocument[],
  b: readonly PreparedDocument[],
): number {
  let best = DOCUMENT_MISSING;
  for (const documentA of a) {
    for (const documentB of b) {
      let level: DocumentMatchLevel;
      if (documentA.complete && documentB.complete) {
        level = compareComparableDocuments(documentA.complete, documentB.complete);
      } else {
        const type: DocumentType = documentA.type ?? documentB.type ?? 'other';
        const issuingCountry = documentA.issuingCountry ?? documentB.issuingCountry ?? '';
        level = compareComparableDocuments(
          { type, issuingCountry, number: documentA.number },
          {
            type: documentB.type ?? type,
            issuingCountry: documentB.issuingCountry ?? issuingCountry,
            number: documentB.number,
          },
        );
      }
      best = Math.min(best, DOCUMENT_INDEX.get(level) ?? DOCUMENT_MISSING);
    }
  }
  return best;
}

/** The sex level of two sex codes (see ComparisonTable.sexes). */
function sexLevel(a: number, b: number): number {
  // 'other' and 'unknown' are recorded choices, not evidence either way.
  if (a === 0 || b === 0) {
    return SEX_INDEX.get('missing') ?? 2;
  }
  return SEX_INDEX.get(a === b ? 'same' : 'different') ?? 1;
}

/**
 * What comparing two records needs, in flat arrays and lists of strings: small enough to hand
 * to a worker thread (structured clone), with no record objects.
 */
export interface ComparisonTable {
  readonly count: number;
  /** Per record, the id of each name's spelling (0 when absent). */
  readonly givenIds: Int32Array;
  readonly familyIds: Int32Array;
  readonly patronymicIds: Int32Array;
  /** Spellings by id, '' at 0. */
  readonly spellings: readonly string[];
  /** Per record, the id of its canonical given and family name (0 when '', one numbering). */
  readonly givenCanonicalIds: Int32Array;
  readonly familyCanonicalIds: Int32Array;
  /** Per record: 1 female, 2 male, 0 anything else (not evidence either way). */
  readonly sexes: Uint8Array;
  readonly birthDateIds: Int32Array;
  /** BirthDateTable.texts(): the dates by id. */
  readonly birthDateTexts: readonly string[];
  /** Record r's documents are those from documentStart[r] to documentStart[r + 1]. */
  readonly documentStart: Int32Array;
  readonly documentTypes: readonly (DocumentType | undefined)[];
  readonly documentCountries: readonly (string | undefined)[];
  readonly documentNumbers: readonly string[];
}

const SEX_CODES = new Map<string | undefined, number>([
  ['female', 1],
  ['male', 2],
]);

/**
 * The comparison table of prepared records.
 * @example comparisonTableOf(prepareRecords(records)).givenIds[0] // 1
 */
export function comparisonTableOf(table: PreparedTable): ComparisonTable {
  const { prepared } = table;
  const count = prepared.length;
  const canonicalIds = new Map<string, number>([['', 0]]);
  const canonicalIdOf = (canonical: string): number => {
    let id = canonicalIds.get(canonical);
    if (id === undefined) {
      id = canonicalIds.size;
      canonicalIds.set(canonical, id);
    }
    return id;
  };
  const givenCanonicalIds = new Int32Array(count);
  const familyCanonicalIds = new Int32Array(count);
  const sexes = new Uint8Array(count);
  const documentStart = new Int32Array(count + 1);
  const documentTypes: (DocumentType | undefined)[] = [];
  const documentCountries: (string | undefined)[] = [];
  const documentNumbers: string[] = [];
  for (let position = 0; position < count; position++) {
    const record = prepared[position];
    documentStart[position] = documentNumbers.length;
    if (!record) {
      continue;
    }
    givenCanonicalIds[position] = canonicalIdOf(record.givenCanonical);
    familyCanonicalIds[position] = canonicalIdOf(record.familyCanonical);
    sexes[position] = SEX_CODES.get(record.record.sex) ?? 0;
    for (const document of record.record.documents ?? []) {
      documentTypes.push(document.type);
      documentCountries.push(document.issuingCountry);
      documentNumbers.push(document.number);
    }
  }
  documentStart[count] = documentNumbers.length;
  return {
    count,
    givenIds: table.givenIds,
    familyIds: table.familyIds,
    patronymicIds: table.patronymicIds,
    spellings: Array.from({ length: table.spellingCount }, (_, id) => table.spellingOf(id)),
    givenCanonicalIds,
    familyCanonicalIds,
    sexes,
    birthDateIds: table.birthDateIds,
    birthDateTexts: table.birthDates.texts(),
    documentStart,
    documentTypes,
    documentCountries,
    documentNumbers,
  };
}

/**
 * A comparer over a prepared table whose patterns equal those of compareRecords.
 * @example createPairComparer(table).compare(0, 1, out); out.pattern // 1234
 */
export function createPairComparer(table: PreparedTable | ComparisonTable): PairComparer {
  return createTableComparer('prepared' in table ? comparisonTableOf(table) : table);
}

/**
 * A comparer over a comparison table, in whichever thread holds it.
 * @example createTableComparer(comparisonTableOf(table)).compare(0, 1, out)
 */
export function createTableComparer(table: ComparisonTable): PairComparer {
  const { givenIds, familyIds, patronymicIds, spellings } = table;
  const { givenCanonicalIds, familyCanonicalIds, sexes, birthDateIds } = table;
  const spellingOf = (id: number): string => spellings[id] ?? '';
  const birthDates = createBirthDateTable();
  for (const text of table.birthDateTexts.slice(1)) {
    birthDates.idOf(text);
  }
  // Sized to the input: a small file needs no 75 MB tables. 300,000 generated registrations
  // brought 2.6 new spelling pairs per record over the three kinds; each large table allocated
  // can set off a full collection of the records' heap, so two per record and kind are kept.
  const remembered = Math.min(MAX_REMEMBERED, Math.max(4096, table.count * 2));
  const memos: Record<NameKind, PairMemo> = {
    given: createPairMemo(remembered),
    family: createPairMemo(remembered),
    patronymic: createPairMemo(remembered),
  };
  // An absent name compares as 'missing' whatever the other: no need to remember it.
  const nameLevel = (kind: NameKind, a: number, b: number): number =>
    a === 0 || b === 0 ? NAME_MISSING : levelOf(kind, a, b);
  // Words and stems per spelling, computed on first use: a comparison then costs only the
  // similarity of the words.
  // Filled ahead: an array written at scattered indices would fall back to a dictionary.
  const noWords = (): (Word[] | undefined)[] =>
    new Array<Word[] | undefined>(spellings.length).fill(undefined);
  const wordCache: Record<NamePart, (Word[] | undefined)[]> = {
    given: noWords(),
    family: noWords(),
  };
  const wordsOf = (id: number, part: NamePart): Word[] => {
    let words = wordCache[part][id];
    if (words === undefined) {
      words = nameWords(spellingOf(id), part);
      wordCache[part][id] = words;
    }
    return words;
  };
  const stemCache = new Array<NameStem | undefined>(spellings.length).fill(undefined);
  const stemOf = (id: number): NameStem => {
    let stem = stemCache[id];
    if (stem === undefined) {
      stem = patronymicStem(spellingOf(id));
      stemCache[id] = stem;
    }
    return stem;
  };
  /** comparePatronymics on cached words and stems. */
  const comparePatronymicIds = (a: number, b: number): number =>
    NAME_INDEX.get(
      comparePatronymicWords(
        { words: wordsOf(a, 'family'), stem: stemOf(a) },
        { words: wordsOf(b, 'family'), stem: stemOf(b) },
      ).level,
    ) ?? NAME_MISSING;
  const levelOf = (kind: NameKind, a: number, b: number): number => {
    if (a === b) {
      // One spelling: exact whenever it has a word at all (compareNames of a name with itself).
      return wordsOf(a, kind === 'given' ? 'given' : 'family').length > 0 ? EXACT : NAME_MISSING;
    }
    const memo = memos[kind];
    let level = memo.get(a, b);
    if (level === -1) {
      level =
        kind === 'patronymic'
          ? comparePatronymicIds(a, b)
          : (NAME_INDEX.get(compareNameWords(wordsOf(a, kind), wordsOf(b, kind), kind).level) ??
            NAME_MISSING);
      memo.set(a, b, level);
    }
    return level;
  };

  // Each record's documents normalised on first use, not once per pair it is in.
  const { documentStart, documentTypes, documentCountries, documentNumbers } = table;
  const preparedDocuments = new Array<readonly PreparedDocument[] | undefined>(table.count).fill(
    undefined,
  );
  const documentsOf = (position: number): readonly PreparedDocument[] => {
    let found = preparedDocuments[position];
    if (found === undefined) {
      const documents: PreparedDocument[] = [];
      const last = documentStart[position + 1] ?? 0;
      for (let d = documentStart[position] ?? 0; d < last; d++) {
        documents.push(
          prepareDocument({
            type: documentTypes[d],
            issuingCountry: documentCountries[d],
            number: documentNumbers[d] ?? '',
          }),
        );
      }
      found = documents;
      preparedDocuments[position] = found;
    }
    return found;
  };
  const hasDocuments = (position: number): boolean =>
    (documentStart[position + 1] ?? 0) > (documentStart[position] ?? 0);
  const documentLevel = (a: number, b: number): number =>
    hasDocuments(a) && hasDocuments(b)
      ? compareDocumentLists(documentsOf(a), documentsOf(b))
      : DOCUMENT_MISSING;

  return {
    compare(a, b, out) {
      if (a < 0 || b < 0 || a >= table.count || b >= table.count) {
        throw new RangeError(`No record at ${String(a)} or ${String(b)}`);
      }
      const givenA = givenIds[a] ?? 0;
      const givenB = givenIds[b] ?? 0;
      const familyA = familyIds[a] ?? 0;
      const familyB = familyIds[b] ?? 0;
      const patronymic = nameLevel('patronymic', patronymicIds[a] ?? 0, patronymicIds[b] ?? 0);
      let given: number;
      let family: number;
      let isSwapped = false;
      const givenCanonical = givenCanonicalIds[a] ?? 0;
      const familyCanonical = familyCanonicalIds[a] ?? 0;
      // As compareRecords: the same spelling skips the word-by-word comparison.
      if (
        givenCanonical !== 0 &&
        familyCanonical !== 0 &&
        givenCanonical === givenCanonicalIds[b] &&
        familyCanonical === familyCanonicalIds[b]
      ) {
        given = EXACT;
        family = EXACT;
      } else {
        // As comparePersonNames: try the names exchanged when they do not agree as written.
        given = nameLevel('given', givenA, givenB);
        family = nameLevel('family', familyA, familyB);
        if (given > CLOSE || family > CLOSE) {
          const { given: swappedGiven, family: swappedFamily } = exchangedComparison(
            {
              given: nameLevel('given', familyA, givenB),
              family: nameLevel('family', givenA, familyB),
            },
            () => ({
              given: nameLevel('given', givenA, familyB),
              family: nameLevel('family', familyA, givenB),
            }),
            (levels) => ({ given: levelName(levels.given), family: levelName(levels.family) }),
          );
          const reading = nameReading(
            levelName(given),
            levelName(family),
            levelName(swappedGiven),
            levelName(swappedFamily),
          );
          if (reading === 'exchanged') {
            given = swappedGiven;
            family = swappedFamily;
            isSwapped = true;
          } else if (reading === 'surname-as-given') {
            given = NAME_MISSING;
            family = swappedGiven === NAME_MISSING ? swappedFamily : swappedGiven;
            isSwapped = true;
          }
        }
      }
      const birthDate = birthDates.compare(birthDateIds[a] ?? 0, birthDateIds[b] ?? 0);
      const document = documentLevel(a, b);
      out.pattern = encodePattern({
        givenName: given,
        familyName: family,
        patronymic,
        birthDate,
        sex: sexLevel(sexes[a] ?? 0, sexes[b] ?? 0),
        document,
      });
      out.isSwapped = isSwapped;
    },
    compareWithoutNames: (a, b) =>
      encodePattern({
        givenName: NAME_MISSING,
        familyName: NAME_MISSING,
        patronymic: NAME_MISSING,
        birthDate: birthDates.compare(birthDateIds[a] ?? 0, birthDateIds[b] ?? 0),
        sex: sexLevel(sexes[a] ?? 0, sexes[b] ?? 0),
        document: documentLevel(a, b),
      }),
  };
}

/**
 * Compares the candidate pairs from `from` to `to` into patterns and isSwapped (1 when the
 * names matched only exchanged).
 * @example comparePairRange(comparer, first, second, 0, first.length, patterns, isSwapped)
 */
export function comparePairRange(
  comparer: PairComparer,
  first: Uint32Array,
  second: Uint32Array,
  from: number,
  to: number,
  patterns: Uint16Array,
  isSwapped: Uint8Array,
): void {
  const compared: PairPattern = { pattern: 0, isSwapped: false };
  for (let p = from; p < to; p++) {
    comparer.compare(first[p] ?? 0, second[p] ?? 0, compared);
    patterns[p] = compared.pattern;
    isSwapped[p] = compared.isSwapped ? 1 : 0;
  }
}

/** Compares every candidate pair, given the comparer of the calling thread. */
export type CandidateComparison = (
  table: ComparisonTable,
  comparer: PairComparer,
  first: Uint32Array,
  second: Uint32Array,
) => { readonly patterns: Uint16Array; readonly isSwapped: Uint8Array };

/**
 * Every candidate pair compared in this thread, one after another.
 * @example compareCandidatePairs(table, createPairComparer(table), first, second).patterns
 */
export const compareCandidatePairs: CandidateComparison = (_table, comparer, first, second) => {
  const patterns = new Uint16Array(first.length);
  const isSwapped = new Uint8Array(first.length);
  comparePairRange(comparer, first, second, 0, first.length, patterns, isSwapped);
  return { patterns, isSwapped };
};
