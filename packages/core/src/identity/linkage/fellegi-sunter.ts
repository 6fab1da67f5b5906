/**
 * A Fellegi–Sunter model (Fellegi & Sunter 1969, "A theory for record linkage", JASA 64) for
 * identity resolution (#3 item 3): each field level has a probability m among pairs of records
 * of one person and u among pairs of different people; a pair's match weight is the sum of
 * log2(m/u) of its levels. m, u and the share of matches λ are estimated by expectation
 * maximisation on unlabelled candidate pairs (Winkler 1988), assuming the fields independent
 * given the match status.
 */
import {
  LINKAGE_FIELDS,
  LINKAGE_LEVELS,
  REGISTER_ATTRIBUTE_FIELDS,
  UNINFORMATIVE_LEVELS,
  type ComparisonVector,
  type TermValues,
  type LinkageField,
  type LinkageLevel,
} from './comparison-vector.js';
import { isOneDecade } from './given-name-context.js';
import type { TermFrequencies } from './term-frequencies.js';

/** m and u of each level of a field, in the order of LINKAGE_LEVELS[field]. */
export interface FieldProbabilities {
  readonly m: readonly number[];
  readonly u: readonly number[];
}

export interface LinkageModel {
  /** Share of candidate pairs that are one person. */
  readonly lambda: number;
  readonly fields: { readonly [F in LinkageField]: FieldProbabilities };
  readonly iterations: number;
  readonly hasConverged: boolean;
}

export interface EmOptions {
  readonly maxIterations?: number;
  /** EM stops when no probability moves by more than this between two iterations. */
  readonly tolerance?: number;
  /** Laplace pseudo-count per level, so that no level is ever impossible. */
  readonly smoothing?: number;
  readonly initialLambda?: number;
  /**
   * Keep u as the random pairs give it and estimate only m and λ (as Splink does): candidate
   * pairs agree on their blocking keys far more often than people at large, so u re-estimated
   * on them says little about chance agreement.
   */
  readonly isUFixed?: boolean;
  /**
   * u already estimated (from the same random pairs), kept fixed: EM on several samples then
   * counts the random pairs once instead of once per sample.
   */
  readonly fixedU?: { readonly [F in LinkageField]: readonly number[] } | undefined;
}

const DEFAULT_EM_OPTIONS = {
  maxIterations: 200,
  // Splink's default: below this, m moves only in digits no weight shows (1e-6 never converged
  // within 200 iterations on a real file, as m of a rare level crept towards its limit).
  tolerance: 1e-4,
  smoothing: 1,
  initialLambda: 0.1,
} as const;

/** Ratio between the starting m of a level and that of the level above it. */
const INITIAL_M_DECAY = 0.2;

/** A level by its position in LINKAGE_LEVELS[field]. */
function levelIndex(field: LinkageField, level: LinkageLevel): number {
  const levels: readonly LinkageLevel[] = LINKAGE_LEVELS[field];
  return levels.indexOf(level);
}

function isInformative(field: LinkageField, index: number): boolean {
  const levels: readonly LinkageLevel[] = LINKAGE_LEVELS[field];
  const level = levels[index];
  return level !== undefined && !UNINFORMATIVE_LEVELS.has(level);
}

/** Vectors as level positions, grouped by pattern: EM then costs per pattern, not per pair. */
function countPatterns(
  vectors: readonly ComparisonVector[],
): { indices: number[]; count: number }[] {
  // A pattern's key is its levels as one mixed-radix number: hundreds of thousands of random
  // pairs are counted without a string each.
  const patterns = new Map<number, { indices: number[]; count: number }>();
  for (const vector of vectors) {
    let key = 0;
    for (const field of LINKAGE_FIELDS) {
      key = key * LINKAGE_LEVELS[field].length + levelIndex(field, vector.levels[field]);
    }
    const pattern = patterns.get(key);
    if (pattern) {
      pattern.count += 1;
    } else {
      const indices = LINKAGE_FIELDS.map((field) => levelIndex(field, vector.levels[field]));
      patterns.set(key, { indices, count: 1 });
    }
  }
  return [...patterns.values()];
}

/**
 * Smoothed shares of the informative levels (a Laplace pseudo-count of `smoothing` each, EM's
 * default unless given); uninformative levels keep probability 1.
 * @example levelShares('sex', [3, 1, 0]) // [0.667, 0.333, 1]
 */
export function levelShares(
  field: LinkageField,
  counts: readonly number[],
  smoothing: number = DEFAULT_EM_OPTIONS.smoothing,
): number[] {
  const informative = counts.map((_, index) => isInformative(field, index));
  const total = counts.reduce(
    (sum, count, index) => (informative[index] ? sum + count + smoothing : sum),
    0,
  );
  return counts.map((count, index) => (informative[index] ? (count + smoothing) / total : 1));
}

/** One value per field, written out so that the type needs no assertion. */
function perField<T>(make: (field: LinkageField) => T): Record<LinkageField, T> {
  return {
    givenName: make('givenName'),
    familyName: make('familyName'),
    patronymic: make('patronymic'),
    birthDate: make('birthDate'),
    sex: make('sex'),
    document: make('document'),
    birthPlace: make('birthPlace'),
    residence: make('residence'),
    postcode: make('postcode'),
  };
}

const emptyCounts = (): Record<LinkageField, number[]> =>
  perField((field) => LINKAGE_LEVELS[field].map(() => 0));

/**
 * Estimates m, u and λ by EM on unlabelled candidate pairs; u starts from the level shares
 * among random pairs (nearly all of different people), m from a guess that favours agreement.
 * @example const model = estimateModel(candidateVectors, randomPairVectors); model.fields.document.m[0] // ≈ 0.89
 */
export function estimateModel(
  candidates: readonly ComparisonVector[],
  randomPairs: readonly ComparisonVector[],
  options: EmOptions = {},
): LinkageModel {
  const { maxIterations, tolerance, smoothing, initialLambda } = {
    ...DEFAULT_EM_OPTIONS,
    ...options,
  };
  const patterns = countPatterns(candidates);
  const randomCounts = emptyCounts();
  for (const pattern of options.fixedU ? [] : countPatterns(randomPairs)) {
    LINKAGE_FIELDS.forEach((field, f) => {
      const index = pattern.indices[f] ?? -1;
      const row = randomCounts[field];
      row[index] = (row[index] ?? 0) + pattern.count;
    });
  }
  let lambda: number = initialLambda;
  const { fixedU } = options;
  let u = fixedU
    ? perField((field) => [...fixedU[field]])
    : perField((field) => levelShares(field, randomCounts[field], smoothing));
  let m = perField((field) => {
    let rank = 0;
    const start = LINKAGE_LEVELS[field].map((_, index) =>
      isInformative(field, index) ? INITIAL_M_DECAY ** rank++ : 0,
    );
    return levelShares(field, start, 0);
  });

  let iterations = 0;
  let hasConverged = false;
  while (iterations < maxIterations && !hasConverged) {
    iterations += 1;
    const mCounts = emptyCounts();
    const uCounts = emptyCounts();
    let expectedMatches = 0;
    let total = 0;
    for (const { indices, count } of patterns) {
      let likelihoodM = lambda;
      let likelihoodU = 1 - lambda;
      LINKAGE_FIELDS.forEach((field, f) => {
        const index = indices[f] ?? -1;
        likelihoodM *= m[field][index] ?? 1;
        likelihoodU *= u[field][index] ?? 1;
      });
      const matchShare = likelihoodM / (likelihoodM + likelihoodU);
      expectedMatches += matchShare * count;
      total += count;
      LINKAGE_FIELDS.forEach((field, f) => {
        const index = indices[f] ?? -1;
        mCounts[field][index] = (mCounts[field][index] ?? 0) + matchShare * count;
        uCounts[field][index] = (uCounts[field][index] ?? 0) + (1 - matchShare) * count;
      });
    }
    const nextM = perField((field) => levelShares(field, mCounts[field], smoothing));
    const nextU =
      options.isUFixed || fixedU
        ? u
        : perField((field) => levelShares(field, uCounts[field], smoothing));
    let change = 0;
    for (const field of LINKAGE_FIELDS) {
      nextM[field].forEach((value, index) => {
        change = Math.max(change, Math.abs(value - (m[field][index] ?? 0)));
      });
      nextU[field].forEach((value, index) => {
        change = Math.max(change, Math.abs(value - (u[field][index] ?? 0)));
      });
    }
    const nextLambda = total > 0 ? expectedMatches / total : lambda;
    change = Math.max(change, Math.abs(nextLambda - lambda));
    [m, u, lambda] = [nextM, nextU, nextLambda];
    hasConverged = change < tolerance;
  }

  const [finalM, finalU] = [m, u];
  const fields = perField((field): FieldProbabilities => ({ m: finalM[field], u: finalU[field] }));
  return { lambda, fields, iterations, hasConverged };
}

/** Levels on which the agreed value is known, so its frequency can stand in for u. */
const TERM_FREQUENCY_LEVELS: ReadonlySet<LinkageLevel> = new Set<LinkageLevel>([
  'exact',
  'equivalent',
]);

/** Given-name levels on which two records carry one name. */
const NAMES_AGREED = TERM_FREQUENCY_LEVELS;

export interface FieldContribution {
  readonly field: LinkageField;
  readonly level: LinkageLevel;
  /** log2(m/u) of the level; 0 for an uninformative level. */
  readonly weight: number;
  readonly isTermFrequencyAdjusted: boolean;
}

export interface PairScore {
  /** log2 of the Bayes factor: the sum of the contributions' weights. */
  readonly matchWeight: number;
  /** Posterior probability that the pair is one person, with λ as the prior. */
  readonly matchProbability: number;
  readonly contributions: readonly FieldContribution[];
}

export interface ScoreOptions {
  readonly termFrequencies?: TermFrequencies | undefined;
}

/**
 * Scores a compared pair: its match weight, match probability, and the weight each field
 * contributed. With term frequencies, agreeing on a rare name weighs more than agreeing on
 * Shevchenko (after Splink's term-frequency adjustment): u of the agreement is scaled by the
 * value's frequency over the frequency typical of agreeing pairs, which keeps u's average.
 * @example scorePair(model, compareRecords(a, b), { termFrequencies }).matchProbability // 0.998
 */
export function scorePair(
  model: LinkageModel,
  vector: ComparisonVector,
  options: ScoreOptions = {},
): PairScore {
  const explained = LINKAGE_FIELDS.filter(
    (field) => !REGISTER_ATTRIBUTE_FIELDS.has(field) || vector.levels[field] !== 'missing',
  );
  const contributions = explained.map((field): FieldContribution => {
    const level: LinkageLevel = vector.levels[field];
    const index = levelIndex(field, level);
    if (!isInformative(field, index)) {
      return { field, level, weight: 0, isTermFrequencyAdjusted: false };
    }
    const m = model.fields[field].m[index] ?? 1;
    const u = model.fields[field].u[index] ?? 1;
    if (field === 'sex') {
      return {
        field,
        level,
        weight: Math.log2(m / sexU(level, u, vector, options)),
        isTermFrequencyAdjusted: false,
      };
    }
    const adjustedU = termFrequencyU(field, level, u, vector, options.termFrequencies);
    return {
      field,
      level,
      weight: Math.log2(m / (adjustedU ?? u)),
      isTermFrequencyAdjusted: adjustedU !== undefined,
    };
  });
  const matchWeight = contributions.reduce((sum, contribution) => sum + contribution.weight, 0);
  const priorWeight = Math.log2(model.lambda / (1 - model.lambda));
  return {
    matchWeight,
    matchProbability: 1 / (1 + 2 ** -(priorWeight + matchWeight)),
    contributions,
  };
}

/**
 * u adjusted to the agreed value's frequency, or undefined when no adjustment applies. When the
 * names agree only exchanged, either record may be the one written the wrong way round, and a
 * surname read as a given name looks very rare: the smaller adjustment of the two is taken.
 */
function termFrequencyU(
  field: LinkageField,
  level: LinkageLevel,
  u: number,
  vector: ComparisonVector,
  termFrequencies: TermFrequencies | undefined,
): number | undefined {
  if (!termFrequencies || !TERM_FREQUENCY_LEVELS.has(level)) {
    return undefined;
  }
  const ofSecond = adjustedU(field, u, vector.levels.birthDate, vector, termFrequencies);
  if (!vector.isSwapped || !vector.firstValues) {
    return ofSecond;
  }
  const ofFirst = adjustedU(field, u, vector.levels.birthDate, vector.firstValues, termFrequencies);
  // The larger u is the smaller adjustment; no adjustment is u itself.
  return (ofSecond ?? u) >= (ofFirst ?? u) ? ofSecond : ofFirst;
}

/** u scaled by one record's value's share over the share typical of agreeing pairs. */
function adjustedU(
  field: LinkageField,
  u: number,
  birthDateLevel: LinkageLevel,
  values: TermValues,
  termFrequencies: TermFrequencies,
): number | undefined {
  const [frequencies, value] =
    field === 'givenName'
      ? [termFrequencies.givenName, values.givenClass]
      : field === 'familyName'
        ? [termFrequencies.familyName, values.familyPhonetic]
        : [undefined, ''];
  const share =
    (field === 'givenName'
      ? givenNameShareInDecade(birthDateLevel, values, termFrequencies)
      : undefined) ?? frequencies?.shares.get(value);
  if (!frequencies || share === undefined || frequencies.typicalAgreedShare === 0) {
    return undefined;
  }
  // A very common value must not push u above 1.
  return Math.min(1, (u * share) / frequencies.typicalAgreedShare);
}

/**
 * Two records whose birth dates agree (or nearly) were born in one decade, where the given name
 * may be far commoner than over the whole register: its share among those born then.
 */
function givenNameShareInDecade(
  birthDateLevel: LinkageLevel,
  values: TermValues,
  termFrequencies: TermFrequencies,
): number | undefined {
  if (!isOneDecade(birthDateLevel) || values.birthDecade === '') {
    return undefined;
  }
  const share = termFrequencies.givenNameContext?.shareInDecade(
    values.birthDecade,
    values.givenClass,
  );
  return share === undefined || share === 0 ? undefined : share;
}

/**
 * u of the sex level. Two strangers who agree on a given name nearly always agree on the sex
 * too, so for them a shared sex is no news: u is the share of same-sex pairs among namesakes,
 * not the half of strangers at large.
 */
function sexU(
  level: LinkageLevel,
  u: number,
  vector: ComparisonVector,
  options: ScoreOptions,
): number {
  const amongNamesakes = options.termFrequencies?.givenNameContext?.sameSexShare;
  return level === 'same' &&
    NAMES_AGREED.has(vector.levels.givenName) &&
    amongNamesakes !== undefined
    ? Math.max(u, amongNamesakes)
    : u;
}
