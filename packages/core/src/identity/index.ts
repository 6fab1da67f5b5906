/** Identity resolution (#3): comparable name keys and graded comparators. Public entry `@haven/core/identity`. */
export {
  canonicalName,
  canonicalTokens,
  MAX_NAME_CHARS,
  phoneticKey,
  phoneticKeys,
  tokenPhoneticKey,
} from './name-keys.js';
export {
  classOfPhoneticKey,
  fatherNameStem,
  nameClass,
  patronymicStem,
  surnameStem,
  type BinarySex,
  type NameStem,
} from './name-equivalents.js';
export { parseMrzName, type MrzName } from './mrz-name.js';
export { givenNameWithoutTitles } from './name-titles.js';
export { birthDateAsWritten, sexAsWritten } from './written-values.js';
export { isNicknamePair, nicknamePartners } from './nicknames.js';
export { editDistance, jaroSimilarity, jaroWinklerSimilarity } from './string-similarity.js';
export {
  CLOSE_NAME_SIMILARITY,
  compareNames,
  comparePatronymics,
  comparePersonNames,
  EQUIVALENT_NAME_SCORE,
  NAME_MATCH_LEVELS,
  NAME_MATCH_THRESHOLD,
  nameReading,
  type NameReading,
  type NameComparison,
  type NameMatchLevel,
  type NamePart,
  type PersonName,
  type PersonNameComparison,
} from './compare-names.js';
export {
  compareBirthDates,
  DATE_MATCH_LEVELS,
  isOneDigitTypo,
  type DateMatchLevel,
} from './compare-dates.js';
export {
  bestDocumentMatch,
  compareDocuments,
  DOCUMENT_MATCH_LEVELS,
  type DocumentIdentity,
  type DocumentMatchLevel,
} from './compare-documents.js';
export * from './linkage/person-record.js';
export * from './linkage/comparison-vector.js';
export * from './linkage/fellegi-sunter.js';
export * from './linkage/term-frequencies.js';
export * from './linkage/blocking.js';
export * from './linkage/clustering.js';
export * from './linkage/disputed-pair.js';
export {
  ALTERNATIVE_GIVEN_NAME_PAIRS,
  PRIMARY_GIVEN_NAME_PAIRS,
} from './data/given-name-classes.js';
export * from './realtime/match-index.js';
export { createRecordPreparer } from './realtime/record-preparer.js';
export { LiveTermFrequencies } from './realtime/live-term-frequencies.js';
export * from './realtime/register-model.js';
export { REFERENCE_MODEL } from './realtime/reference-model.js';
export * from './dedup/deduplicate-persons.js';
export { DEDUP_BLOCKING_RULES, type DedupBlockingRule } from './dedup/dedup-blocking-rules.js';
export {
  compareCandidatePairs,
  comparePairRange,
  createTableComparer,
  type CandidateComparison,
  type ComparisonTable,
  type PairComparer,
  type PairPattern,
} from './dedup/pair-patterns.js';
export * from './dedup/constraints.js';
export * from './dedup/review-band.js';
