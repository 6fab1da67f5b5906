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
  NAME_MATCH_LEVELS,
  nameWords,
  type NamePart,
  type Word,
} from '../compare-names.js';
import { patronymicStem, type NameStem } from '../name-equivalents.js';
import type { DocumentType } from '../../registration/identity-documents.js';
import {
  SEX_MATCH_LEVELS,
  type ComparisonVector,
  type SexMatchLevel,
} from '../linkage/comparison-vector.js';
import type { LinkageDocument } from '../linkage/person-record.js';
import { createPairMemo, type PairMemo } from './pair-memo.js';
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
      givenName: NAME_MATCH_LEVELS[levels.givenName] ?? 'missing',
      familyName: NAME_MATCH_LEVELS[levels.familyName] ?? 'missing',
      patronymic: NAME_MATCH_LEVELS[levels.patronymic] ?? 'missing',
      birthDate: DATE_MATCH_LEVELS[levels.birthDate] ?? 'missing',
      sex: SEX_MATCH_LEVELS[levels.sex] ?? 'missing',
      document: DOCUMENT_MATCH_LEVELS[levels.document] ?? 'missing',
    },
    isSwapped,
    givenClass,
    familyPhonetic,
  };
}

const NAME_INDEX = new Map<string, number>(NAME_MATCH_LEVELS.map((level, i) => [level, i]));
const DOCUMENT_INDEX = new Map<string, number>(DOCUMENT_MATCH_LEVELS.map((level, i) => [level, i]));
const SEX_INDEX = new Map<SexMatchLevel, number>(SEX_MATCH_LEVELS.map((level, i) => [level, i]));
const EXACT = NAME_INDEX.get('exact') ?? 0;
const EQUIVALENT = NAME_INDEX.get('equivalent') ?? 1;
const CLOSE = NAME_INDEX.get('close') ?? 2;
const DIFFERENT = NAME_INDEX.get('different') ?? 4;
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

function sexLevel(a: string | undefined, b: string | undefined): number {
  // 'other' and 'unknown' are recorded choices, not evidence either way.
  if ((a !== 'female' && a !== 'male') || (b !== 'female' && b !== 'male')) {
    return SEX_INDEX.get('missing') ?? 2;
  }
  return SEX_INDEX.get(a === b ? 'same' : 'different') ?? 1;
}

/**
 * A comparer over a prepared table whose patterns equal those of compareRecords.
 * @example createPairComparer(table).compare(0, 1, out); out.pattern // 1234
 */
export function createPairComparer(table: PreparedTable): PairComparer {
  const { prepared, givenIds, familyIds, patronymicIds, spellingOf } = table;
  const { birthDateIds, birthDates } = table;
  // Sized to the input: a small file needs no 75 MB tables.
  const remembered = Math.min(MAX_REMEMBERED, Math.max(4096, prepared.length * 4));
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
    new Array<Word[] | undefined>(table.spellingCount).fill(undefined);
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
  const stemCache = new Array<NameStem | undefined>(table.spellingCount).fill(undefined);
  const stemOf = (id: number): NameStem => {
    let stem = stemCache[id];
    if (stem === undefined) {
      stem = patronymicStem(spellingOf(id));
      stemCache[id] = stem;
    }
    return stem;
  };
  /** comparePatronymics on cached words and stems. */
  const comparePatronymicIds = (a: number, b: number): number => {
    const byWords =
      NAME_INDEX.get(
        compareNameWords(wordsOf(a, 'family'), wordsOf(b, 'family'), 'family').level,
      ) ?? NAME_MISSING;
    if (byWords === NAME_MISSING || byWords === EXACT) {
      return byWords;
    }
    const stemA = stemOf(a);
    const stemB = stemOf(b);
    if (stemA.sex !== undefined && stemB.sex !== undefined && stemA.sex !== stemB.sex) {
      return DIFFERENT;
    }
    if (stemA.stem !== '' && stemA.stem === stemB.stem) {
      return EQUIVALENT;
    }
    return byWords;
  };
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
  const preparedDocuments = new Array<readonly PreparedDocument[] | undefined>(
    prepared.length,
  ).fill(undefined);
  const documentsOf = (
    position: number,
    documents: readonly LinkageDocument[],
  ): readonly PreparedDocument[] => {
    let found = preparedDocuments[position];
    if (found === undefined) {
      found = documents.map(prepareDocument);
      preparedDocuments[position] = found;
    }
    return found;
  };

  return {
    compare(a, b, out) {
      const pa = prepared[a];
      const pb = prepared[b];
      if (!pa || !pb) {
        throw new RangeError(`No record at ${String(a)} or ${String(b)}`);
      }
      const ra = pa.record;
      const rb = pb.record;
      const givenA = givenIds[a] ?? 0;
      const givenB = givenIds[b] ?? 0;
      const familyA = familyIds[a] ?? 0;
      const familyB = familyIds[b] ?? 0;
      const patronymic = nameLevel('patronymic', patronymicIds[a] ?? 0, patronymicIds[b] ?? 0);
      let given: number;
      let family: number;
      let isSwapped = false;
      // As compareRecords: the same spelling skips the word-by-word comparison.
      if (
        pa.givenCanonical !== '' &&
        pa.familyCanonical !== '' &&
        pa.givenCanonical === pb.givenCanonical &&
        pa.familyCanonical === pb.familyCanonical
      ) {
        given = EXACT;
        family = EXACT;
      } else {
        // As comparePersonNames: try the names exchanged when they do not agree as written.
        given = nameLevel('given', givenA, givenB);
        family = nameLevel('family', familyA, familyB);
        if (given > CLOSE || family > CLOSE) {
          const swappedGiven = nameLevel('given', familyA, givenB);
          const swappedFamily = nameLevel('family', givenA, familyB);
          if (
            swappedGiven <= CLOSE &&
            swappedFamily <= CLOSE &&
            swappedGiven + swappedFamily < given + family
          ) {
            given = swappedGiven;
            family = swappedFamily;
            isSwapped = true;
          }
        }
      }
      const birthDate = birthDates.compare(birthDateIds[a] ?? 0, birthDateIds[b] ?? 0);
      const documentsA = ra.documents;
      const documentsB = rb.documents;
      const document =
        documentsA === undefined ||
        documentsB === undefined ||
        documentsA.length === 0 ||
        documentsB.length === 0
          ? DOCUMENT_MISSING
          : compareDocumentLists(documentsOf(a, documentsA), documentsOf(b, documentsB));
      out.pattern = encodePattern({
        givenName: given,
        familyName: family,
        patronymic,
        birthDate,
        sex: sexLevel(ra.sex, rb.sex),
        document,
      });
      out.isSwapped = isSwapped;
    },
  };
}
