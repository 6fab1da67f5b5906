/**
 * Scores of an identity resolution against the truth (#3 item 7): pairwise precision, recall
 * and F1 (over all pairs of records put in one cluster), B-cubed precision, recall and F1 (per
 * record, the share of its cluster that is truly it, and of it that its cluster holds; Bagga &
 * Baldwin 1998), and the pair completeness of blocking (true pairs among the candidates).
 */

export interface PrecisionRecall {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ResolutionScores {
  readonly pairwise: PrecisionRecall & {
    readonly truePairs: number;
    readonly predictedPairs: number;
    readonly correctPairs: number;
  };
  readonly bCubed: PrecisionRecall;
}

const f1Of = (precision: number, recall: number): number =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

const pairsIn = (size: number): number => (size * (size - 1)) / 2;

/** Counts of records per key. */
function countBy(keys: ArrayLike<string | number>): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Scores predicted clusters (a cluster number per record) against true entities (an id per record).
 * @example scoreResolution(['a', 'a', 'b'], [0, 0, 0]).pairwise.precision // 1/3
 */
export function scoreResolution(
  truth: readonly string[],
  predicted: ArrayLike<number>,
): ResolutionScores {
  const entitySize = countBy(truth);
  const clusterSize = countBy(predicted);
  const both = countBy(truth.map((entity, i) => `${entity}\u0000${String(predicted[i] ?? -1)}`));
  let truePairs = 0;
  for (const size of entitySize.values()) {
    truePairs += pairsIn(size);
  }
  let predictedPairs = 0;
  for (const size of clusterSize.values()) {
    predictedPairs += pairsIn(size);
  }
  let correctPairs = 0;
  for (const size of both.values()) {
    correctPairs += pairsIn(size);
  }
  let bPrecision = 0;
  let bRecall = 0;
  truth.forEach((entity, i) => {
    const cluster = predicted[i] ?? -1;
    const overlap = both.get(`${entity}\u0000${String(cluster)}`) ?? 0;
    bPrecision += overlap / (clusterSize.get(cluster) ?? 1);
    bRecall += overlap / (entitySize.get(entity) ?? 1);
  });
  const count = Math.max(truth.length, 1);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return {
    pairwise: {
      precision,
      recall,
      f1: f1Of(precision, recall),
      truePairs,
      predictedPairs,
      correctPairs,
    },
    bCubed: {
      precision: bPrecision / count,
      recall: bRecall / count,
      f1: f1Of(bPrecision / count, bRecall / count),
    },
  };
}

/**
 * The share of true pairs that blocking proposed.
 * @example pairCompleteness(['a', 'a', 'b'], new Uint32Array([0]), new Uint32Array([1])) // 1
 */
export function pairCompleteness(
  truth: readonly string[],
  first: ArrayLike<number>,
  second: ArrayLike<number>,
): number {
  let truePairs = 0;
  for (const size of countBy(truth).values()) {
    truePairs += pairsIn(size);
  }
  let found = 0;
  for (let p = 0; p < first.length; p++) {
    if (truth[first[p] ?? 0] === truth[second[p] ?? 0]) {
      found += 1;
    }
  }
  return truePairs === 0 ? 1 : found / truePairs;
}

export interface ClassRecall {
  readonly truePairs: number;
  readonly correctPairs: number;
  readonly recall: number;
}

/**
 * Recall of the true pairs grouped by a class of their weaker record (classOf: lower is weaker),
 * so that a recall figure says how much of the loss is pairs with little to go on.
 * @example recallByWeakerRecord(['a', 'a'], [0, 0], [0, 1], 2)[0].recall // 1
 */
export function recallByWeakerRecord(
  truth: readonly string[],
  predicted: ArrayLike<number>,
  classOf: ArrayLike<number>,
  classCount: number,
): ClassRecall[] {
  const membersOf = new Map<string, number[]>();
  truth.forEach((entity, i) => {
    const members = membersOf.get(entity);
    if (members) {
      members.push(i);
    } else {
      membersOf.set(entity, [i]);
    }
  });
  const truePairs = new Array<number>(classCount).fill(0);
  const correctPairs = new Array<number>(classCount).fill(0);
  for (const members of membersOf.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x] ?? 0;
        const b = members[y] ?? 0;
        const weaker = Math.min(classOf[a] ?? 0, classOf[b] ?? 0);
        truePairs[weaker] = (truePairs[weaker] ?? 0) + 1;
        if (predicted[a] === predicted[b]) {
          correctPairs[weaker] = (correctPairs[weaker] ?? 0) + 1;
        }
      }
    }
  }
  return truePairs.map((total, c) => ({
    truePairs: total,
    correctPairs: correctPairs[c] ?? 0,
    recall: total === 0 ? 1 : (correctPairs[c] ?? 0) / total,
  }));
}
