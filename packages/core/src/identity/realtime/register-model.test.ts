import { describe, expect, it } from 'vitest';
import { scorePair } from '../linkage/fellegi-sunter.js';
import { compareRecords } from '../linkage/comparison-vector.js';
import { prepareRecord, type PersonRecord } from '../linkage/person-record.js';
import { generatePopulation } from '../linkage/test-support/synthetic-population.js';
import { estimateRegisterModel, MIN_RECORDS_TO_ESTIMATE } from './register-model.js';
import { REFERENCE_MODEL } from './reference-model.js';

const population = generatePopulation(3, 1400).records.map(({ record }) => record);

const person: PersonRecord = {
  id: 'a',
  givenName: 'Олександр',
  familyName: 'Шевченко',
  sex: 'male',
  birthDate: '1980-05-12',
  documents: [{ type: 'international-passport', issuingCountry: 'UA', number: 'FA123456' }],
};
/** Same names, born another year, another passport. */
const namesake: PersonRecord = {
  ...person,
  id: 'b',
  birthDate: '1975-03-02',
  documents: [{ type: 'international-passport', issuingCountry: 'UA', number: 'FB987654' }],
};
const transcribed: PersonRecord = {
  id: 'c',
  givenName: 'Aleksandr',
  familyName: 'Szewczenko',
  sex: 'male',
  birthDate: '1980-05-12',
};

// The batch's EM on 5 000 records takes seconds on a busy machine.
describe('estimateRegisterModel', { timeout: 30_000 }, () => {
  it('leaves a register too small to learn from to the reference model', () => {
    expect(estimateRegisterModel(population.slice(0, MIN_RECORDS_TO_ESTIMATE - 1))).toBeUndefined();
  });

  it.each([
    ['estimated on the register', () => estimateRegisterModel(population, { sampleSize: 4000 })],
    ['the reference model', () => REFERENCE_MODEL],
  ])('%s: calls a transcription a match and a namesake not', (_, modelOf) => {
    expect(population.length).toBeGreaterThanOrEqual(MIN_RECORDS_TO_ESTIMATE);
    const model = modelOf();
    if (!model) {
      throw new Error('no model');
    }
    const probability = (a: PersonRecord, b: PersonRecord) =>
      scorePair(model, compareRecords(prepareRecord(a), prepareRecord(b))).matchProbability;
    expect(probability(person, transcribed)).toBeGreaterThan(0.99);
    expect(probability(person, namesake)).toBeLessThan(0.05);
    // A prior of a pair at large, not of a lookup's candidates: far below one in a hundred.
    expect(model.lambda).toBeLessThan(0.01);
  });
});
