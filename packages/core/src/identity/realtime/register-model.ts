/**
 * The model the real-time match index scores with (#3 item 4), estimated the batch's way:
 * deduplicatePersons (EM by blocking rule, u from random pairs) run on a uniform sample of the
 * register. A pair survives uniform sampling with the same odds whether it is one person or two,
 * so each rule's share of matches, hence m, is the same in the sample as in the whole register,
 * and so is the prior of a pair taken at random. u comes from random pairs either way.
 *
 * The prior is that of a pair at large (as the batch's thresholds use it), not the share of
 * matches among a lookup's candidates: u describes pairs at large, so this is the prior that
 * makes a match probability mean what it says. On a sample, though, EM's prior does not fall as
 * sampling says it should (measured with 100 000 of 200 000 and of 1 000 000 generated
 * registrations: 2.05e-5 and 1.97e-5): it behaves as d/n, d the matches EM counts per record.
 * So d is read off the sample and divided by the register's size.
 */
import { deduplicatePersons } from '../dedup/deduplicate-persons.js';
import type { LinkageModel } from '../linkage/fellegi-sunter.js';
import type { PersonRecord } from '../linkage/person-record.js';

export interface RegisterModelOptions {
  /** Records EM learns from; a larger register is sampled down to this many. */
  readonly sampleSize?: number | undefined;
  /** Persons in the register, when the records given are already a sample of it. */
  readonly registerSize?: number | undefined;
  readonly seed?: number | undefined;
}

/** Below this many records the batch's EM has too few duplicates to learn from. */
export const MIN_RECORDS_TO_ESTIMATE = 5000;
const DEFAULT_SAMPLE_SIZE = 100_000;

/** mulberry32, seeded: one register always gives one model. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uniform sample without replacement (Floyd's partial Fisher–Yates on a copy of the indices). */
function sampleOf<T>(items: readonly T[], size: number, random: () => number): T[] {
  if (items.length <= size) {
    return [...items];
  }
  const positions = new Int32Array(items.length).map((_, i) => i);
  const sample: T[] = [];
  for (let taken = 0; taken < size; taken++) {
    const pick = taken + Math.floor(random() * (positions.length - taken));
    const position = positions[pick] ?? 0;
    positions[pick] = positions[taken] ?? 0;
    positions[taken] = position;
    const item = items[position];
    if (item !== undefined) {
      sample.push(item);
    }
  }
  return sample;
}

/**
 * m, u and the prior of a pair at large, by the batch's EM on a sample of the register; its
 * lambda is that prior, ready for MatchIndex.setModel. Returns undefined below
 * MIN_RECORDS_TO_ESTIMATE records: use REFERENCE_MODEL then.
 * @example const model = estimateRegisterModel(persons); if (model) index.setModel(model);
 */
export function estimateRegisterModel(
  records: readonly PersonRecord[],
  options: RegisterModelOptions = {},
): LinkageModel | undefined {
  if (records.length < MIN_RECORDS_TO_ESTIMATE) {
    return undefined;
  }
  const seed = options.seed ?? 1;
  const sample = sampleOf(records, options.sampleSize ?? DEFAULT_SAMPLE_SIZE, seededRandom(seed));
  const { report } = deduplicatePersons(sample, { seed });
  const registerSize = Math.max(options.registerSize ?? records.length, sample.length);
  return {
    ...report.model,
    lambda: (report.thresholds.priorMatchProbability * sample.length) / registerSize,
  };
}
