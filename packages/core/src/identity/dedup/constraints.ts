/**
 * Review decisions as clustering constraints (#3 item 6). A reviewer who says "same person"
 * makes a must-link, "different people" a cannot-link; every later clustering respects both
 * (clusterIdentities and deduplicatePersons apply them). A cannot-link outranks a must-link: a
 * false merge takes away a person's separate rights, a missed one only costs another review.
 */
import type { RecordPair } from '../linkage/clustering.js';

export const REVIEW_DECISIONS = ['same-person', 'different-people'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** One reviewer's decision about two records. */
export interface PairDecision {
  readonly a: string;
  readonly b: string;
  readonly decision: ReviewDecision;
}

export interface IdentityConstraints {
  readonly mustLink: readonly RecordPair[];
  readonly cannotLink: readonly RecordPair[];
}

export interface ConstraintCheck {
  /** Must-links whose records are apart although no cannot-link stands in the way. */
  readonly brokenMustLinks: readonly RecordPair[];
  /** Cannot-links whose records share a cluster. */
  readonly brokenCannotLinks: readonly RecordPair[];
}

const ordered = (a: string, b: string): RecordPair => (a < b ? [a, b] : [b, a]);
const keyOf = ([a, b]: RecordPair): string => `${a}\u0000${b}`;
const byPair = (p: RecordPair, q: RecordPair): number =>
  p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : p[1] < q[1] ? -1 : p[1] > q[1] ? 1 : 0;

/**
 * Turns review decisions into constraints: each pair once, ordered, sorted (so the clustering
 * does not depend on the order decisions were read in); a pair decided both ways is a
 * cannot-link only.
 * @example constraintsFromDecisions([{ a: 'p2', b: 'p1', decision: 'same-person' }]) // { mustLink: [['p1', 'p2']], cannotLink: [] }
 */
export function constraintsFromDecisions(decisions: readonly PairDecision[]): IdentityConstraints {
  const must = new Map<string, RecordPair>();
  const cannot = new Map<string, RecordPair>();
  for (const { a, b, decision } of decisions) {
    if (a === b) {
      continue;
    }
    const pair = ordered(a, b);
    (decision === 'same-person' ? must : cannot).set(keyOf(pair), pair);
  }
  for (const key of cannot.keys()) {
    must.delete(key);
  }
  return {
    mustLink: [...must.values()].sort(byPair),
    cannotLink: [...cannot.values()].sort(byPair),
  };
}

/**
 * The must-links that cannot all hold: those that, followed with the others (transitively),
 * would put a cannot-link pair into one identity. Applying must-links in the given order, each
 * one that would join such a pair is the conflict; the clustering reports the same pairs.
 * @example findConstraintConflicts({ mustLink: [['a', 'b'], ['b', 'c']], cannotLink: [['a', 'c']] }) // [['b', 'c']]
 */
export function findConstraintConflicts(constraints: IdentityConstraints): RecordPair[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) {
      root = up;
    }
    parent.set(id, root);
    return root;
  };
  const apart = new Map<string, Set<string>>();
  const forbid = (x: string, y: string): void => {
    apart.set(x, (apart.get(x) ?? new Set<string>()).add(y));
  };
  for (const [a, b] of constraints.cannotLink) {
    forbid(a, b);
    forbid(b, a);
  }
  // Each root's members, to test a merge against every cannot-link of both sides.
  const members = new Map<string, string[]>();
  const membersOf = (root: string): string[] => members.get(root) ?? [root];
  const conflicts: RecordPair[] = [];
  for (const [a, b] of constraints.mustLink) {
    const x = find(a);
    const y = find(b);
    if (x === y) {
      continue;
    }
    const yMembers = new Set(membersOf(y));
    const isForbidden = membersOf(x).some((member) =>
      [...(apart.get(member) ?? [])].some((other) => yMembers.has(other)),
    );
    if (isForbidden) {
      conflicts.push([a, b]);
      continue;
    }
    parent.set(y, x);
    members.set(x, [...membersOf(x), ...yMembers]);
    members.delete(y);
  }
  return conflicts;
}

/**
 * Checks a clustering against constraints: what a reviewer decided and the clusters do not
 * show. Must-links listed as conflicts are not counted as broken.
 * @example checkConstraints([['a', 'b']], { mustLink: [], cannotLink: [['a', 'b']] }).brokenCannotLinks // [['a', 'b']]
 */
export function checkConstraints(
  clusters: readonly (readonly string[])[],
  constraints: IdentityConstraints,
  conflicts: readonly RecordPair[] = [],
): ConstraintCheck {
  const clusterOf = new Map<string, number>();
  clusters.forEach((cluster, index) => {
    for (const id of cluster) {
      clusterOf.set(id, index);
    }
  });
  const isTogether = ([a, b]: RecordPair): boolean => {
    const x = clusterOf.get(a);
    return x !== undefined && x === clusterOf.get(b);
  };
  const excused = new Set(conflicts.map(([a, b]) => keyOf(ordered(a, b))));
  const isKnown = ([a, b]: RecordPair): boolean => clusterOf.has(a) && clusterOf.has(b);
  return {
    brokenMustLinks: constraints.mustLink.filter(
      (pair) => isKnown(pair) && !isTogether(pair) && !excused.has(keyOf(ordered(...pair))),
    ),
    brokenCannotLinks: constraints.cannotLink.filter(isTogether),
  };
}
