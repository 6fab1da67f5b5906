import { describe, expect, it } from 'vitest';
import type { LinkageField } from '../linkage/comparison-vector.js';
import type { PersonRecord } from '../linkage/person-record.js';
import { generatePopulation } from '../linkage/test-support/synthetic-population.js';
import { DEFAULT_BLOCKING_RULES } from '../linkage/blocking.js';
import { BLOCKING_RULE_FIELDS, MatchIndex, type IndexMatch } from './match-index.js';

// About 2 900 registrations of 1 700 people: the crowd the planted persons hide in.
const population = generatePopulation(7, 650).records.map(({ record }) => record);
const trainingIndex = new MatchIndex();
trainingIndex.load(population);
const model = trainingIndex.estimateModel({ sampleSize: 1500 });

const buildPerson = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 'oleksandr',
  givenName: 'Олександр',
  familyName: 'Шевченко',
  patronymic: 'Іванович',
  sex: 'male',
  birthDate: '1980-05-12',
  documents: [{ type: 'international-passport', issuingCountry: 'UA', number: 'FA123456' }],
  ...overrides,
});

/** A namesake: same names, born another year, another passport. */
const namesake = buildPerson({
  id: 'namesake',
  birthDate: '1975-03-02',
  documents: [{ type: 'international-passport', issuingCountry: 'UA', number: 'FB987654' }],
});

function buildIndex(): MatchIndex {
  const index = new MatchIndex({ model });
  index.load(population);
  index.add(buildPerson());
  index.add(namesake);
  return index;
}

const levelOf = (match: IndexMatch | undefined, field: LinkageField) =>
  match?.contributions.find((contribution) => contribution.field === field)?.level;

describe('MatchIndex.findMatches', () => {
  const index = buildIndex();

  it.each([
    ['Aleksandr', 'Szewczenko'],
    ['Alexander', 'Schewtschenko'],
    ['Oleksandr', 'Shevchenko'],
    ['Александр', 'Шевченко'],
  ])('finds Олександр Шевченко registered as %s %s', (givenName, familyName) => {
    const [best] = index.findMatches(
      buildPerson({ id: 'new', givenName, familyName, patronymic: undefined, documents: [] }),
    );
    expect(best?.id).toBe('oleksandr');
    expect(best?.matchProbability).toBeGreaterThan(0.5);
  });

  it('finds a person whose birth date was written month first, and says so field by field', () => {
    const [best] = index.findMatches(
      buildPerson({
        id: 'new',
        givenName: 'Aleksandr',
        familyName: 'Szewczenko',
        birthDate: '1980-12-05',
      }),
    );
    expect(best?.id).toBe('oleksandr');
    expect(levelOf(best, 'birthDate')).toBe('day-month-swapped');
    expect(levelOf(best, 'givenName')).toBe('equivalent');
    expect(levelOf(best, 'document')).toBe('exact');
    const birthDate = best?.contributions.find(({ field }) => field === 'birthDate');
    expect(birthDate?.weight).toBeGreaterThan(0);
    // The explanation adds up to the weight shown.
    const sum = best?.contributions.reduce((total, { weight }) => total + weight, 0);
    expect(sum).toBeCloseTo(best?.matchWeight ?? Number.NaN, 10);
  });

  it('does not offer a namesake born another year with another passport as a match', () => {
    const matches = index.findMatches(buildPerson({ id: 'new', familyName: 'Shevchenko' }), {
      minProbability: 0.5,
    });
    expect(matches.map(({ id }) => id)).toContain('oleksandr');
    expect(matches.map(({ id }) => id)).not.toContain('namesake');
  });

  it('ranks best first and keeps to the limit', () => {
    const matches = index.findMatches(buildPerson({ id: 'new' }), { limit: 3 });
    expect(matches.length).toBeLessThanOrEqual(3);
    const weights = matches.map(({ matchWeight }) => matchWeight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('answers a resent household as it did before the household was indexed', () => {
    const fresh = buildIndex();
    // A mother and son registered again under another spelling, with a rare surname.
    const household = [
      buildPerson({
        id: 'mother',
        givenName: 'Ярина',
        familyName: 'Гайдамачук',
        sex: 'female',
        birthDate: '1984-02-03',
        documents: [],
      }),
      buildPerson({
        id: 'son',
        givenName: 'Тарас',
        familyName: 'Гайдамачук',
        birthDate: '2012-06-07',
        documents: [],
      }),
    ];
    fresh.add(
      buildPerson({
        id: 'mother-before',
        givenName: 'Jaryna',
        familyName: 'Hajdamaczuk',
        sex: 'female',
        birthDate: '1984-02-03',
        documents: [],
      }),
    );
    const weightsOf = (matches: readonly IndexMatch[]) =>
      matches.map(({ id, matchWeight }) => [id, matchWeight]);
    const [mother] = household;
    if (!mother) {
      throw new Error('no household');
    }
    const first = weightsOf(fresh.findMatches(mother));
    household.forEach((person) => {
      fresh.add(person);
    });
    const ids = household.map(({ id }) => id);
    expect(weightsOf(fresh.findMatches(mother, { countedAsAbsent: ids }))).toEqual(first);
    // Counted again afterwards: without the option the household's own names weigh less.
    expect(weightsOf(fresh.findMatches(mother))).not.toEqual(first);
    expect(weightsOf(fresh.findMatches(mother, { countedAsAbsent: ids }))).toEqual(first);
  });

  it('leaves out the person indexed under the record’s own id', () => {
    const matches = index.findMatches(buildPerson());
    expect(matches.map(({ id }) => id)).not.toContain('oleksandr');
  });

  it('finds nobody for a person nobody registered', () => {
    const matches = index.findMatches(
      { id: 'new', givenName: 'Ґеньо', familyName: 'Жмайлокрут', birthDate: '1931-01-30' },
      { minProbability: 0.5 },
    );
    expect(matches).toEqual([]);
  });

  it('needs a model to score', () => {
    const untrained = new MatchIndex();
    untrained.add(buildPerson());
    expect(() => untrained.findMatches(buildPerson({ id: 'new' }))).toThrow(/model/);
  });
});

describe('MatchIndex writes', () => {
  const query = buildPerson({ id: 'new', givenName: 'Aleksandr', familyName: 'Szewczenko' });

  it('stops finding a person once removed', () => {
    const index = buildIndex();
    expect(index.remove('oleksandr')).toBe(true);
    expect(index.remove('oleksandr')).toBe(false);
    expect(index.has('oleksandr')).toBe(false);
    expect(index.size).toBe(population.length + 1);
    expect(index.findMatches(query).map(({ id }) => id)).not.toContain('oleksandr');
  });

  it('finds a person by their corrected record once updated, not by the old one', () => {
    const index = buildIndex();
    index.update(buildPerson({ birthDate: '1981-07-30', documents: [] }));
    const [best] = index.findMatches(
      buildPerson({ id: 'new', birthDate: '1981-07-30', documents: [] }),
    );
    expect(best?.id).toBe('oleksandr');
    expect(levelOf(best, 'birthDate')).toBe('exact');
    expect(index.size).toBe(population.length + 2);
  });

  it('adds a person on update when absent, and refuses to add an id twice', () => {
    const index = new MatchIndex({ model });
    index.update(buildPerson());
    expect(index.size).toBe(1);
    expect(() => {
      index.add(buildPerson());
    }).toThrow(/indexed already/);
  });

  it('reuses the slots of removed persons without mixing them up', () => {
    const index = new MatchIndex({ model });
    index.add(buildPerson({ id: 'a' }));
    index.add(namesake);
    index.remove('a');
    index.add(buildPerson({ id: 'b', givenName: 'Марія', familyName: 'Гайдамака', sex: 'female' }));
    const [best] = index.findMatches(
      buildPerson({ id: 'new', givenName: 'Maria', familyName: 'Hajdamaka', sex: 'female' }),
    );
    expect(best?.id).toBe('b');
    expect(index.findMatches(buildPerson({ id: 'new' })).map(({ id }) => id)).not.toContain('a');
  });

  it('keeps term frequencies in step: a surname weighs less as it grows common', () => {
    const index = new MatchIndex({ model });
    index.load(population);
    const rare = buildPerson({ id: 'rare', familyName: 'Гайдамакович' });
    index.add(rare);
    const familyWeight = (): number | undefined =>
      index
        .findMatches(buildPerson({ id: 'new', familyName: 'Hajdamakowicz' }))
        .find(({ id }) => id === 'rare')
        ?.contributions.find(({ field }) => field === 'familyName')?.weight;
    const whenRare = familyWeight();
    for (let n = 0; n < 200; n++) {
      index.add(
        buildPerson({ id: `relative-${String(n)}`, familyName: 'Гайдамакович', birthDate: '1950' }),
      );
    }
    const whenCommon = familyWeight();
    for (let n = 0; n < 200; n++) {
      index.remove(`relative-${String(n)}`);
    }
    expect(whenCommon).toBeLessThan(whenRare ?? Number.NaN);
    expect(familyWeight()).toBeCloseTo(whenRare ?? Number.NaN, 10);
  });
});

describe('MatchIndex.estimateModel', () => {
  it('knows the fields of every default blocking rule', () => {
    expect(Object.keys(BLOCKING_RULE_FIELDS).sort()).toEqual(
      DEFAULT_BLOCKING_RULES.map(({ name }) => name).sort(),
    );
  });

  it('learns a model under which agreeing documents and birth dates are evidence of one person', () => {
    const weight = (field: 'document' | 'birthDate') =>
      Math.log2((model.fields[field].m[0] ?? 0) / (model.fields[field].u[0] ?? 1));
    expect(model.hasConverged).toBe(true);
    expect(weight('document')).toBeGreaterThan(5);
    expect(weight('birthDate')).toBeGreaterThan(1);
  });

  it('gives the same model for the same seed', () => {
    expect(trainingIndex.estimateModel({ sampleSize: 200, randomPairs: 500, seed: 3 })).toEqual(
      trainingIndex.estimateModel({ sampleSize: 200, randomPairs: 500, seed: 3 }),
    );
  });
});
