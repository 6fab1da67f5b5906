import { describe, expect, it } from 'vitest';
import { compareRecords } from './comparison-vector.js';
import { estimateModel, scorePair } from './fellegi-sunter.js';
import { birthDecadeOf, GivenNameContext } from './given-name-context.js';
import { prepareRecord, type PersonRecord } from './person-record.js';
import { countTermFrequencies } from './term-frequencies.js';

/** 100 girls born in the 2010s, a third of them Софія; 100 women born in the 1960s, one Софія. */
function register(): PersonRecord[] {
  const records: PersonRecord[] = [];
  for (let i = 0; i < 100; i++) {
    records.push({
      id: `g${i}`,
      givenName: i % 3 === 0 ? 'Софія' : `Дівчина${String.fromCharCode(1072 + (i % 30))}`,
      familyName: `Прізвище${i}`,
      sex: 'female',
      birthDate: `201${i % 10}-05-01`,
    });
    records.push({
      id: `w${i}`,
      givenName: i === 0 ? 'Софія' : 'Галина',
      familyName: `Прізвище${i}`,
      sex: 'female',
      birthDate: `196${i % 10}-05-01`,
    });
  }
  for (let i = 0; i < 100; i++) {
    records.push({ id: `m${i}`, givenName: 'Богдан', familyName: `Прізвище${i}`, sex: 'male' });
  }
  return records;
}

describe('GivenNameContext', () => {
  const records = register().map(prepareRecord);
  const context = new GivenNameContext();
  records.forEach((record) => {
    context.add(record);
  });
  const sofia = prepareRecord({ id: 's', givenName: 'Sofiia' }).givenClass;

  it("knows a name's share among those born in a decade, drawn towards its share overall", () => {
    // 35 of the 300 named records are Софія; 34 of the 100 girls, 1 of the 100 women.
    const overall = 35 / 300;
    const prior = 2000;
    expect(context.shareInDecade('201', sofia)).toBeCloseTo(
      (34 + prior * overall) / (100 + prior),
      10,
    );
    expect(context.shareInDecade('196', sofia)).toBeCloseTo(
      (1 + prior * overall) / (100 + prior),
      10,
    );
    // Nobody born then: the share over the register.
    expect(context.shareInDecade('199', sofia)).toBeCloseTo(overall, 10);
    expect(new GivenNameContext().shareInDecade('199', sofia)).toBeUndefined();
    expect(birthDecadeOf('2014')).toBe('201');
    expect(birthDecadeOf('')).toBe('');
  });

  it('finds that namesakes share their sex where names are male or female', () => {
    expect(context.sameSexShare).toBe(1);
    const mixed = new GivenNameContext();
    for (const sex of ['male', 'female', 'male', 'female'] as const) {
      mixed.add(prepareRecord({ id: sex, givenName: 'Sasha', sex }));
    }
    // Of the 4·3 ordered pairs of the four Sashas, 2·(2·1) are of one sex.
    expect(mixed.sameSexShare).toBeCloseTo(4 / 12, 10);
  });

  it('forgets a record as it is removed', () => {
    const live = new GivenNameContext();
    const taras = (id: string) => prepareRecord({ id, givenName: 'Тарас', sex: 'male' });
    live.add(taras('1'));
    live.add(taras('2'));
    expect(live.sameSexShare).toBe(1);
    live.remove(taras('2'));
    expect(live.sameSexShare).toBeUndefined();
  });
});

describe('scorePair among namesakes', () => {
  const prepared = register().map(prepareRecord);
  const termFrequencies = countTermFrequencies(prepared);
  const model = estimateModel(
    [],
    prepared.slice(0, 150).map((record, i) => compareRecords(record, prepared[i + 150] ?? record)),
    { isUFixed: true, maxIterations: 0 },
  );
  const weightOf = (
    vector: ReturnType<typeof compareRecords>,
    field: 'givenName' | 'sex',
    withContext: boolean,
  ): number =>
    scorePair(model, vector, {
      termFrequencies: withContext
        ? termFrequencies
        : { ...termFrequencies, givenNameContext: undefined },
    }).contributions.find((contribution) => contribution.field === field)?.weight ?? Number.NaN;

  it('gives a shared sex no weight when the given names agree, and its weight when they do not', () => {
    const bohdan = (id: string) => prepareRecord({ id, givenName: 'Богдан', sex: 'male' });
    const sameName = compareRecords(bohdan('a'), bohdan('b'));
    expect(weightOf(sameName, 'sex', true)).toBeLessThan(weightOf(sameName, 'sex', false));
    expect(weightOf(sameName, 'sex', true)).toBeCloseTo(Math.log2(model.fields.sex.m[0] ?? 1), 6);
    const otherName = compareRecords(
      bohdan('a'),
      prepareRecord({ id: 'c', givenName: 'Тарас', sex: 'male' }),
    );
    expect(weightOf(otherName, 'sex', true)).toBe(weightOf(otherName, 'sex', false));
  });

  it('weighs a given name by its share among those born in the same decade', () => {
    const sofia = (id: string, birthDate: string) =>
      prepareRecord({ id, givenName: 'Софія', familyName: 'Коваль', birthDate });
    const girls = compareRecords(sofia('a', '2014-02-02'), sofia('b', '2014-02-02'));
    const women = compareRecords(sofia('a', '1964-02-02'), sofia('b', '1964-02-02'));
    // A third of the girls are Софія: agreeing on it says less than over the whole register.
    expect(weightOf(girls, 'givenName', true)).toBeLessThan(weightOf(girls, 'givenName', false));
    // One woman in a hundred is: it says more.
    expect(weightOf(women, 'givenName', true)).toBeGreaterThan(weightOf(women, 'givenName', false));
    // Born decades apart, the register's share stands.
    const apart = compareRecords(sofia('a', '2014-02-02'), sofia('b', '1964-02-02'));
    expect(weightOf(apart, 'givenName', true)).toBe(weightOf(apart, 'givenName', false));
  });
});
