/**
 * Groups scored links into identities (#3 item 3) without chaining: A~B and B~C join A, B and C
 * only if every scored pair across the merge agrees too. Connected components would merge a
 * father and his son through a record that resembles both, and a false merge takes away a
 * person's separate rights, so a merge is refused on any strong disagreement across it (after
 * the greedy merge of correlation clustering, Bansal, Blum & Chawla 2004, with average linkage
 * as the merge criterion). Review decisions are constraints every clustering respects.
 */

/** A compared pair of records and its match weight (log2 Bayes factor). */
export interface ScoredLink {
  readonly a: string;
  readonly b: string;
  readonly weight: number;
  /**
   * The pair must not be merged on its weight (see isDisputedPair): it never proposes a merge
   * and forbids any merge across it, whatever its weight.
   */
  readonly isDisputed?: boolean | undefined;
  /**
   * Some field says the two are different (another patronymic, another document), as opposed
   * to a weight lowered only by what one record leaves out or writes a little differently.
   * Unset counts as disagreeing: only pairs known to agree earn agreeingAverageWeight.
   */
  readonly disagrees?: boolean | undefined;
}

/** A pair across a merge that blocking never compared, scored when the merge is weighed. */
export interface UnscoredPairScore {
  readonly weight: number;
  readonly disagrees: boolean;
}

export type RecordPair = readonly [string, string];

export interface ClusteringOptions {
  /**
   * Links at or above this weight propose a merge; the merge's cross pairs must average it too,
   * or agreeingAverageWeight when none of them disagrees.
   */
  readonly linkWeight: number;
  /**
   * A merge whose cross pairs average below linkWeight is still made when they average at least
   * this and none of them disagrees on any field: a record that leaves its surname or its
   * birth day out weighs less against every other record of its person, without speaking
   * against any of them. Unset, linkWeight.
   */
  readonly agreeingAverageWeight?: number | undefined;
  /** A merge is refused when any pair across it weighs less than this. */
  readonly contradictionWeight: number;
  /** Pairs a reviewer confirmed as one person: merged whatever the scores say. */
  readonly mustLink?: readonly RecordPair[] | undefined;
  /** Pairs a reviewer confirmed as different people: never in one cluster. */
  readonly cannotLink?: readonly RecordPair[] | undefined;
  /**
   * Scores a pair across a merge that blocking never compared; without it, such pairs count
   * as not contradicting.
   */
  readonly scoreUnscoredPair?: ((a: string, b: string) => UnscoredPairScore) | undefined;
}

export type RefusalReason = 'cannot-link' | 'disputed' | 'contradiction' | 'weak-average';

export interface RefusedLink extends ScoredLink {
  readonly reason: RefusalReason;
}

export interface Clustering {
  /** Identities as record ids, each cluster and the list in the order the ids were first seen. */
  readonly clusters: readonly (readonly string[])[];
  /** Links above linkWeight that were not followed, for review. */
  readonly refusedLinks: readonly RefusedLink[];
  /** Must-links that would put a cannot-link pair into one cluster; they were not applied. */
  readonly constraintConflicts: readonly RecordPair[];
}

/**
 * Clusters records into identities from scored links, refusing merges that chain strangers.
 * @example clusterIdentities(['a', 'b', 'c'], links, { linkWeight: 5, contradictionWeight: -5 }).clusters // [['a', 'b'], ['c']]
 */
export function clusterIdentities(
  ids: readonly string[],
  links: readonly ScoredLink[],
  options: ClusteringOptions,
): Clustering {
  const positionOf = new Map<string, number>();
  const order: string[] = [];
  const position = (id: string): number => {
    let found = positionOf.get(id);
    if (found === undefined) {
      found = order.length;
      positionOf.set(id, found);
      order.push(id);
    }
    return found;
  };
  ids.forEach(position);

  const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);
  const weights = new Map<number, Map<number, number>>();
  const setWeight = (a: number, b: number, weight: number): void => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const row = weights.get(from) ?? new Map<number, number>();
      // Two scores for one pair (two documents, two rules): keep the more cautious.
      row.set(to, Math.min(weight, row.get(to) ?? Infinity));
      weights.set(from, row);
    }
  };
  const sortedLinks = links
    .map((link) => ({ link, a: position(link.a), b: position(link.b) }))
    .filter(({ a, b }) => a !== b);
  const disputed = new Set<string>();
  const disagreeing = new Set<string>();
  for (const { link, a, b } of sortedLinks) {
    setWeight(a, b, link.weight);
    if (link.isDisputed === true) {
      disputed.add(pairKey(a, b));
    }
    if (link.disagrees !== false) {
      disagreeing.add(pairKey(a, b));
    }
  }
  const cannot = new Set<string>();
  for (const [a, b] of options.cannotLink ?? []) {
    cannot.add(pairKey(position(a), position(b)));
  }

  const mustLinks = (options.mustLink ?? []).map(([a, b]) => ({
    a,
    b,
    x: position(a),
    y: position(b),
  }));

  // Each position's cluster id, and each cluster's members (merged smaller into larger).
  const clusterOf = order.map((_, index) => index);
  const members = new Map<number, number[]>(order.map((_, index) => [index, [index]]));
  const membersOf = (cluster: number): number[] => members.get(cluster) ?? [];
  const merge = (x: number, y: number): void => {
    const [keep, drop] = membersOf(x).length >= membersOf(y).length ? [x, y] : [y, x];
    for (const member of membersOf(drop)) {
      clusterOf[member] = keep;
      membersOf(keep).push(member);
    }
    members.delete(drop);
  };
  const weightOf = (a: number, b: number): number | undefined => {
    const known = weights.get(a)?.get(b);
    if (known !== undefined || !options.scoreUnscoredPair) {
      return known;
    }
    const scored = options.scoreUnscoredPair(order[a] ?? '', order[b] ?? '');
    setWeight(a, b, scored.weight);
    if (scored.disagrees) {
      disagreeing.add(pairKey(a, b));
    }
    return scored.weight;
  };
  const hasPairIn = (pairs: ReadonlySet<string>, x: number, y: number): boolean =>
    membersOf(x).some((a) => membersOf(y).some((b) => pairs.has(pairKey(a, b))));
  const hasCannotLink = (x: number, y: number): boolean => hasPairIn(cannot, x, y);

  /** Why the clusters x and y must stay apart, or undefined when they may merge. */
  const refusalOf = (x: number, y: number): RefusalReason | undefined => {
    if (hasCannotLink(x, y)) {
      return 'cannot-link';
    }
    if (hasPairIn(disputed, x, y)) {
      return 'disputed';
    }
    let sum = 0;
    let scoredCount = 0;
    let isAnyDisagreeing = false;
    for (const a of membersOf(x)) {
      for (const b of membersOf(y)) {
        const weight = weightOf(a, b);
        if (weight === undefined) {
          continue;
        }
        if (weight < options.contradictionWeight) {
          return 'contradiction';
        }
        sum += weight;
        scoredCount += 1;
        isAnyDisagreeing ||= disagreeing.has(pairKey(a, b));
      }
    }
    if (scoredCount === 0) {
      return undefined;
    }
    const bar = isAnyDisagreeing
      ? options.linkWeight
      : Math.min(options.linkWeight, options.agreeingAverageWeight ?? options.linkWeight);
    return sum / scoredCount < bar ? 'weak-average' : undefined;
  };

  const constraintConflicts: RecordPair[] = [];
  for (const { a, b, x: positionA, y: positionB } of mustLinks) {
    const x = clusterOf[positionA] ?? 0;
    const y = clusterOf[positionB] ?? 0;
    if (x === y) {
      continue;
    }
    if (hasCannotLink(x, y)) {
      constraintConflicts.push([a, b]);
    } else {
      merge(x, y);
    }
  }

  const refusedLinks: RefusedLink[] = [];
  // Strongest evidence first, so that a doubtful link meets clusters the strong ones built.
  const candidates = sortedLinks
    .filter(({ link }) => link.weight >= options.linkWeight)
    .sort((p, q) => q.link.weight - p.link.weight);
  for (const { link, a, b } of candidates) {
    const x = clusterOf[a] ?? 0;
    const y = clusterOf[b] ?? 0;
    if (x === y) {
      continue;
    }
    const reason = link.isDisputed === true ? 'disputed' : refusalOf(x, y);
    if (reason) {
      refusedLinks.push({ ...link, reason });
    } else {
      merge(x, y);
    }
  }

  const clusters = [...members.values()]
    .map((cluster) => cluster.sort((p, q) => p - q))
    .sort((p, q) => (p[0] ?? 0) - (q[0] ?? 0))
    .map((cluster) => cluster.map((member) => order[member] ?? ''));
  return { clusters, refusedLinks, constraintConflicts };
}
