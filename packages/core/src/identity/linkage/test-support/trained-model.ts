/**
 * The whole linkage pipeline on a synthetic population, for tests that need a trained model:
 * prepare, block, compare, estimate by EM.
 */
import { findCandidatePairs, type CandidatePairs } from '../blocking.js';
import { compareRecords, type ComparisonVector } from '../comparison-vector.js';
import { estimateModel, type LinkageModel } from '../fellegi-sunter.js';
import { countTermFrequencies, type TermFrequencies } from '../term-frequencies.js';
import { prepareRecord, type PreparedRecord } from '../person-record.js';
import { seededRandom, type SyntheticPopulation } from './synthetic-population.js';

export interface TrainedPopulation {
  readonly prepared: readonly PreparedRecord[];
  readonly candidates: CandidatePairs;
  readonly vectors: readonly ComparisonVector[];
  /** Whether each candidate pair is truly one person. */
  readonly isMatch: readonly boolean[];
  readonly model: LinkageModel;
  readonly termFrequencies: TermFrequencies;
}

const RANDOM_PAIRS = 2000;

export function trainOnPopulation(population: SyntheticPopulation, seed = 1): TrainedPopulation {
  const prepared = population.records.map(({ record }) => prepareRecord(record));
  const candidates = findCandidatePairs(prepared);
  const at = (position: number): PreparedRecord => {
    const record = prepared[position];
    if (!record) {
      throw new Error(`no record at ${String(position)}`);
    }
    return record;
  };
  const vectors = candidates.pairs.map(([a, b]) => compareRecords(at(a), at(b)));
  const isMatch = candidates.pairs.map(
    ([a, b]) => population.records[a]?.identity === population.records[b]?.identity,
  );
  const random = seededRandom(seed);
  const randomVectors: ComparisonVector[] = [];
  while (randomVectors.length < RANDOM_PAIRS) {
    const a = Math.floor(random() * prepared.length);
    const b = Math.floor(random() * prepared.length);
    if (a !== b) {
      randomVectors.push(compareRecords(at(a), at(b)));
    }
  }
  return {
    prepared,
    candidates,
    vectors,
    isMatch,
    model: estimateModel(vectors, randomVectors),
    termFrequencies: countTermFrequencies(prepared),
  };
}
