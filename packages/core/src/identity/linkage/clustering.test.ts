import { describe, expect, it } from 'vitest';
import { clusterIdentities, type ClusteringOptions, type ScoredLink } from './clustering.js';
import { compareRecords } from './comparison-vector.js';
import { isDisputedPair } from './disputed-pair.js';
import { scorePair } from './fellegi-sunter.js';
import { prepareRecord, type PersonRecord } from './person-record.js';
import { generatePopulation } from './test-support/synthetic-population.js';
import { trainOnPopulation } from './test-support/trained-model.js';

const THRESHOLDS: ClusteringOptions = { linkWeight: 5, contradictionWeight: -5 };

const link = (a: string, b: string, weight: number): ScoredLink => ({ a, b, weight });

const together = (clusters: readonly (readonly string[])[], a: string, b: string): boolean =>
  clusters.some((cluster) => cluster.includes(a) && cluster.includes(b));

describe('clusterIdentities on given weights', () => {
  it('refuses the chain A~B~C when A and C disagree strongly', () => {
    const result = clusterIdentities(
      ['a', 'b', 'c'],
      [link('a', 'b', 12), link('b', 'c', 11), link('a', 'c', -20)],
      THRESHOLDS,
    );
    expect(result.clusters).toEqual([['a', 'b'], ['c']]);
    expect(result.refusedLinks).toEqual([{ a: 'b', b: 'c', weight: 11, reason: 'contradiction' }]);
  });

  it('scores a pair blocking never compared before merging across it', () => {
    const result = clusterIdentities(['a', 'b', 'c'], [link('a', 'b', 12), link('b', 'c', 11)], {
      ...THRESHOLDS,
      scoreUnscoredPair: (x, y) => ({
        weight: new Set([x, y]).has('a') && new Set([x, y]).has('c') ? -20 : 0,
        disagrees: false,
      }),
    });
    expect(result.clusters).toEqual([['a', 'b'], ['c']]);
  });

  it('treats an unscored pair as not contradicting when it cannot score it', () => {
    const result = clusterIdentities(
      ['a', 'b', 'c'],
      [link('a', 'b', 12), link('b', 'c', 11)],
      THRESHOLDS,
    );
    expect(result.clusters).toEqual([['a', 'b', 'c']]);
  });

  it('refuses a merge whose cross pairs are weak on average', () => {
    const result = clusterIdentities(
      ['a', 'b', 'c', 'd'],
      [link('a', 'b', 20), link('c', 'd', 20), link('b', 'c', 6), link('a', 'd', 0)],
      { ...THRESHOLDS, linkWeight: 5 },
    );
    // Cross pairs b–c 6 and a–d 0 average 3, below 5.
    expect(result.clusters).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(result.refusedLinks[0]?.reason).toBe('weak-average');
  });

  const agreeing = (a: string, b: string, weight: number): ScoredLink => ({
    ...link(a, b, weight),
    disagrees: false,
  });
  const WITH_AGREEING_BAR: ClusteringOptions = { ...THRESHOLDS, agreeingAverageWeight: 3 };

  it('makes a merge whose cross pairs are weak on average when none of them disagrees', () => {
    const links = [agreeing('a', 'b', 20), agreeing('b', 'c', 6), agreeing('a', 'c', 2)];
    const result = clusterIdentities(['a', 'b', 'c'], links, WITH_AGREEING_BAR);
    // Cross pairs b–c 6 and a–c 2 average 4: below the link weight 5, above 3.
    expect(result.clusters).toEqual([['a', 'b', 'c']]);
  });

  it('refuses the same merge when a cross pair disagrees, or is not known to agree', () => {
    const disagreeing = { ...link('a', 'c', 2), disagrees: true };
    const links = [agreeing('a', 'b', 20), agreeing('b', 'c', 6), disagreeing];
    const result = clusterIdentities(['a', 'b', 'c'], links, WITH_AGREEING_BAR);
    expect(result.clusters).toEqual([['a', 'b'], ['c']]);
    expect(result.refusedLinks[0]?.reason).toBe('weak-average');

    const unknown = [agreeing('a', 'b', 20), agreeing('b', 'c', 6), link('a', 'c', 2)];
    expect(clusterIdentities(['a', 'b', 'c'], unknown, WITH_AGREEING_BAR).clusters).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
  });

  it('asks a pair it scores itself whether it disagrees', () => {
    const links = [agreeing('a', 'b', 20), agreeing('b', 'c', 6)];
    const score = (disagrees: boolean) =>
      clusterIdentities(['a', 'b', 'c'], links, {
        ...WITH_AGREEING_BAR,
        scoreUnscoredPair: () => ({ weight: 2, disagrees }),
      }).clusters;
    expect(score(true)).toEqual([['a', 'b'], ['c']]);
    expect(score(false)).toEqual([['a', 'b', 'c']]);
  });

  it('never puts a cannot-link pair together, directly or through a third record', () => {
    const direct = clusterIdentities(['a', 'b'], [link('a', 'b', 30)], {
      ...THRESHOLDS,
      cannotLink: [['a', 'b']],
    });
    expect(direct.clusters).toEqual([['a'], ['b']]);
    expect(direct.refusedLinks[0]?.reason).toBe('cannot-link');

    const chained = clusterIdentities(['a', 'b', 'c'], [link('a', 'b', 30), link('b', 'c', 25)], {
      ...THRESHOLDS,
      cannotLink: [['c', 'a']],
    });
    expect(together(chained.clusters, 'a', 'c')).toBe(false);
  });

  it('merges a must-link pair whatever its weight, unless it breaks a cannot-link', () => {
    const merged = clusterIdentities(['a', 'b'], [link('a', 'b', -3)], {
      ...THRESHOLDS,
      mustLink: [['a', 'b']],
    });
    expect(merged.clusters).toEqual([['a', 'b']]);

    const conflicting = clusterIdentities(['a', 'b', 'c'], [], {
      ...THRESHOLDS,
      mustLink: [
        ['a', 'b'],
        ['b', 'c'],
      ],
      cannotLink: [['a', 'c']],
    });
    expect(conflicting.constraintConflicts).toEqual([['b', 'c']]);
    expect(together(conflicting.clusters, 'a', 'c')).toBe(false);
  });

  it('applies a must-link to a record no link mentions', () => {
    const result = clusterIdentities(['a'], [], { ...THRESHOLDS, mustLink: [['a', 'z']] });
    expect(result.clusters).toEqual([['a', 'z']]);
  });

  it('never follows a disputed link, and keeps it for review', () => {
    const result = clusterIdentities(
      ['a', 'b'],
      [{ a: 'a', b: 'b', weight: 12, isDisputed: true }],
      THRESHOLDS,
    );
    expect(result.clusters).toEqual([['a'], ['b']]);
    expect(result.refusedLinks[0]?.reason).toBe('disputed');
  });
});

describe('clusterIdentities on a trained model', () => {
  // Smaller than the estimation tests' population: the model only needs to be reasonable here.
  const population = generatePopulation(11, 350);
  const trained = trainOnPopulation(population);
  const { model, termFrequencies } = trained;

  /** Scores every pair of a few records, as blocking would, and clusters them. */
  function clusterRecords(records: readonly PersonRecord[], options = THRESHOLDS) {
    const prepared = records.map(prepareRecord);
    const links = prepared.flatMap((a, i) =>
      prepared.slice(i + 1).map((b): ScoredLink => {
        const vector = compareRecords(a, b);
        return {
          a: a.record.id,
          b: b.record.id,
          weight: scorePair(model, vector, { termFrequencies }).matchWeight,
          isDisputed: isDisputedPair(vector),
        };
      }),
    );
    return {
      links,
      ...clusterIdentities(
        prepared.map(({ record }) => record.id),
        links,
        options,
      ),
    };
  }

  const passport = (number: string) => [
    { type: 'international-passport' as const, issuingCountry: 'UA', number },
  ];

  it('refuses the chain when A and C have different birth dates and documents', () => {
    const records: PersonRecord[] = [
      {
        id: 'a',
        givenName: 'Олександр',
        familyName: 'Гайдамакич',
        patronymic: 'Петрович',
        sex: 'male',
        birthDate: '1980-05-01',
        documents: passport('FE111111'),
      },
      { id: 'b', givenName: 'Oleksandr', familyName: 'Haidamakych', patronymic: 'Petrovych' },
      {
        id: 'c',
        givenName: 'Олександр',
        familyName: 'Гайдамакич',
        patronymic: 'Петрович',
        sex: 'male',
        birthDate: '1992-11-12',
        documents: passport('FE999999'),
      },
    ];
    const { links } = clusterRecords(records);
    const weightOf = (a: string, b: string) =>
      links.find((l) => l.a === a && l.b === b)?.weight ?? 0;
    expect(weightOf('a', 'b')).toBeGreaterThan(0);
    expect(weightOf('b', 'c')).toBeGreaterThan(0);
    expect(weightOf('a', 'c')).toBeLessThan(THRESHOLDS.contradictionWeight);
    // Whatever link threshold accepts both A~B and B~C, A and C stay apart.
    const linkWeight = Math.min(weightOf('a', 'b'), weightOf('b', 'c'));
    const { clusters } = clusterRecords(records, { ...THRESHOLDS, linkWeight });
    expect(clusters.some((cluster) => cluster.length === 2)).toBe(true);
    expect(together(clusters, 'a', 'c')).toBe(false);
  });

  it('keeps twins apart: same surname, patronymic and birth date, different given names', () => {
    const twin = (id: string, givenName: string): PersonRecord => ({
      id,
      givenName,
      familyName: 'Коваленко',
      patronymic: 'Петрівна',
      sex: 'female',
      birthDate: '2015-06-09',
    });
    const result = clusterRecords([
      twin('olena-pl', 'Олена'),
      twin('hanna-pl', 'Ганна'),
      { ...twin('olena-de', 'Olena'), familyName: 'Kovalenko', patronymic: undefined },
      { ...twin('hanna-de', 'Hanna'), familyName: 'Kovalenko', patronymic: undefined },
    ]);
    // The weight alone would merge them: every field but the given name agrees, and the
    // model takes the fields as independent. The dispute is what keeps them apart.
    const twinsWeight = result.links.find(({ a, b }) => a === 'olena-pl' && b === 'hanna-pl');
    expect(twinsWeight?.weight).toBeGreaterThan(THRESHOLDS.linkWeight);
    expect(twinsWeight?.isDisputed).toBe(true);
    expect(result.clusters).toEqual([
      ['olena-pl', 'olena-de'],
      ['hanna-pl', 'hanna-de'],
    ]);
  });

  it('keeps a father and his son of the same name apart, even through a vague record', () => {
    const result = clusterRecords([
      {
        id: 'father',
        givenName: 'Петро',
        familyName: 'Ткачук',
        patronymic: 'Іванович',
        sex: 'male',
        birthDate: '1970-03-02',
      },
      {
        id: 'son',
        givenName: 'Петро',
        familyName: 'Ткачук',
        patronymic: 'Петрович',
        sex: 'male',
        birthDate: '1998-07-15',
      },
      { id: 'vague', givenName: 'Petro', familyName: 'Tkachuk', sex: 'male' },
    ]);
    expect(together(result.clusters, 'father', 'son')).toBe(false);
  });

  it('clusters the synthetic population with few false merges', () => {
    const ids = trained.prepared.map(({ record }) => record.id);
    const links = trained.candidates.pairs.map(([a, b], index): ScoredLink => {
      const vector = trained.vectors[index];
      if (!vector) {
        throw new Error('a candidate pair without a vector');
      }
      return {
        a: ids[a] ?? '',
        b: ids[b] ?? '',
        weight: scorePair(model, vector, { termFrequencies }).matchWeight,
        isDisputed: isDisputedPair(vector),
      };
    });
    const { clusters } = clusterIdentities(ids, links, THRESHOLDS);
    const identityOf = new Map(population.records.map((r) => [r.record.id, r.identity]));
    let truePairs = 0;
    let falsePairs = 0;
    for (const cluster of clusters) {
      cluster.forEach((a, i) => {
        for (const b of cluster.slice(i + 1)) {
          if (identityOf.get(a) === identityOf.get(b)) {
            truePairs += 1;
          } else {
            falsePairs += 1;
          }
        }
      });
    }
    const allTruePairs = trained.isMatch.filter(Boolean).length;
    expect(falsePairs / (truePairs + falsePairs)).toBeLessThan(0.02);
    // At a link weight set by hand (the batch's comes from the prior; bench/ measures it). Since a
    // shared sex stopped counting between namesakes, a bit less of the population passes it.
    expect(truePairs / allTruePairs).toBeGreaterThan(0.83);
  });
});
