import { describe, expect, it } from 'vitest';
import {
  compareRecords,
  LINKAGE_FIELDS,
  LINKAGE_LEVELS,
  REGISTER_ATTRIBUTE_FIELDS,
  UNINFORMATIVE_LEVELS,
  type ComparisonVector,
  type LinkageField,
  type LinkageLevel,
} from './comparison-vector.js';
import { estimateModel, scorePair } from './fellegi-sunter.js';
import { countTermFrequencies } from './term-frequencies.js';
import { prepareRecord, type PersonRecord } from './person-record.js';
import { generatePopulation } from './test-support/synthetic-population.js';
import { trainOnPopulation } from './test-support/trained-model.js';

// About 2 900 registrations of 1 700 people in 650 households (see the generator).
const population = generatePopulation(7, 650);
const trained = trainOnPopulation(population);

/** The level shares among the labelled candidate pairs: what EM should find without labels. */
function trueShares(field: LinkageField, isMatch: boolean): number[] {
  const levels: readonly LinkageLevel[] = LINKAGE_LEVELS[field];
  const counts = levels.map(() => 0);
  let total = 0;
  trained.vectors.forEach((vector, index) => {
    const level: LinkageLevel = vector.levels[field];
    if (trained.isMatch[index] === isMatch && !UNINFORMATIVE_LEVELS.has(level)) {
      counts[levels.indexOf(level)] = (counts[levels.indexOf(level)] ?? 0) + 1;
      total += 1;
    }
  });
  return counts.map((count) => count / total);
}

const informativeLevels = (field: LinkageField) =>
  LINKAGE_LEVELS[field]
    .map((level, index) => ({ level, index }))
    .filter(({ level }) => !UNINFORMATIVE_LEVELS.has(level));

describe('estimateModel', () => {
  it('converges', () => {
    expect(trained.model.hasConverged).toBe(true);
  });

  it('recovers the share of matches among candidate pairs without labels', () => {
    const share = trained.isMatch.filter(Boolean).length / trained.isMatch.length;
    expect(Math.abs(trained.model.lambda - share)).toBeLessThan(0.02);
  });

  // The population has no places or postcodes (Haven's form records none).
  const recordedFields = LINKAGE_FIELDS.filter((field) => !REGISTER_ATTRIBUTE_FIELDS.has(field));

  it.each(recordedFields)('recovers m and u of every %s level within 0.03', (field) => {
    const [trueM, trueU] = [trueShares(field, true), trueShares(field, false)];
    for (const { level, index } of informativeLevels(field)) {
      const { m, u } = trained.model.fields[field];
      expect(Math.abs((m[index] ?? 0) - (trueM[index] ?? 0)), `m ${level}`).toBeLessThan(0.03);
      expect(Math.abs((u[index] ?? 0) - (trueU[index] ?? 0)), `u ${level}`).toBeLessThan(0.03);
    }
  });

  it('gives no level probability 0, even one never observed (Laplace smoothing)', () => {
    const model = estimateModel(trained.vectors.slice(0, 50), trained.vectors.slice(50, 100));
    for (const field of LINKAGE_FIELDS) {
      for (const { index } of informativeLevels(field)) {
        expect(model.fields[field].m[index]).toBeGreaterThan(0);
        expect(model.fields[field].u[index]).toBeGreaterThan(0);
      }
    }
  });

  it('stops at the iteration limit', () => {
    const model = estimateModel(trained.vectors, trained.vectors, { maxIterations: 2 });
    expect(model.iterations).toBe(2);
    expect(model.hasConverged).toBe(false);
  });
});

const buildRecord = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 'r1',
  givenName: 'Олена',
  familyName: 'Шевченко',
  sex: 'female',
  birthDate: '1984-11-20',
  ...overrides,
});

const comparePeople = (a: Partial<PersonRecord>, b: Partial<PersonRecord>): ComparisonVector =>
  compareRecords(prepareRecord(buildRecord(a)), prepareRecord(buildRecord(b)));

describe('scorePair', () => {
  const { model, termFrequencies } = trained;

  it('explains the weight: the fields’ contributions sum to it', () => {
    for (const vector of trained.vectors.slice(0, 500)) {
      const score = scorePair(model, vector, { termFrequencies });
      const sum = score.contributions.reduce((total, { weight }) => total + weight, 0);
      expect(score.matchWeight).toBeCloseTo(sum, 10);
      // Places and postcodes, which these records lack, are left out of the explanation.
      expect(score.contributions.map(({ field }) => field)).toEqual(
        LINKAGE_FIELDS.filter((field) => !REGISTER_ATTRIBUTE_FIELDS.has(field)),
      );
    }
  });

  it('explains places and postcodes when both records have them', () => {
    const vector = compareRecords(
      prepareRecord({ id: 'a', familyName: 'Мельник', birthPlace: 'Львів', postcode: '79000' }),
      prepareRecord({ id: 'b', familyName: 'Melnyk', birthPlace: 'Lwów', postcode: '79000' }),
    );
    const fields = scorePair(model, vector).contributions.map(({ field }) => field);
    expect(fields).toContain('birthPlace');
    expect(fields).toContain('postcode');
    expect(fields).not.toContain('residence');
  });

  it('weighs a missing field 0', () => {
    const score = scorePair(model, comparePeople({ birthDate: undefined }, {}));
    expect(score.contributions.find(({ field }) => field === 'birthDate')).toMatchObject({
      level: 'missing',
      weight: 0,
    });
  });

  it('ranks agreement on a rare surname above agreement on Shevchenko', () => {
    const common = comparePeople({}, {});
    const rare = comparePeople({ familyName: 'Гайдамакич' }, { familyName: 'Гайдамакич' });
    const familyWeight = (vector: ComparisonVector) =>
      scorePair(model, vector, { termFrequencies }).contributions.find(
        ({ field }) => field === 'familyName',
      )?.weight ?? 0;
    const frequencies = countTermFrequencies(trained.prepared).familyName.shares;
    expect(frequencies.get('SEVSENKO') ?? 0).toBeGreaterThan(
      (frequencies.get(rare.familyPhonetic) ?? 1) * 5,
    );
    expect(familyWeight(rare)).toBeGreaterThan(familyWeight(common) + 2);
    // Without term frequencies both are the same level and weigh the same.
    expect(scorePair(model, rare).matchWeight).toBeCloseTo(scorePair(model, common).matchWeight);
  });

  it('separates true pairs from other candidate pairs', () => {
    const weights = trained.vectors.map(
      (vector) => scorePair(model, vector, { termFrequencies }).matchWeight,
    );
    const linked = weights.map((weight) => weight >= 5);
    const truePositives = linked.filter((isLinked, i) => isLinked && trained.isMatch[i]).length;
    const precision = truePositives / linked.filter(Boolean).length;
    const recall = truePositives / trained.isMatch.filter(Boolean).length;
    expect(precision).toBeGreaterThan(0.97);
    expect(recall).toBeGreaterThan(0.85);
  });

  it('gives a probability that agrees with the weight and the prior', () => {
    const score = scorePair(model, comparePeople({}, {}));
    const prior = Math.log2(model.lambda / (1 - model.lambda));
    expect(score.matchProbability).toBeCloseTo(1 / (1 + 2 ** -(prior + score.matchWeight)), 12);
    expect(score.matchProbability).toBeGreaterThan(0.9);
  });
});
