/**
 * The identity resolution benchmark (#3 item 7): resolves the generated registrations and the
 * public data sets with deduplicatePersons, and prints pairwise and B-cubed precision, recall
 * and F1, blocking pair completeness, pair counts, wall time and peak memory.
 * Usage: node bench/dist/identity/main.js [--records 1000000] [--seed 7] [--em-seed 1]
 *   [--datasets generated,febrl3,febrl4,fake1000] [--data-dir ../shared/datasets]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { deduplicatePersons, fullBirthDateOf } from '@haven/core/identity';
import { compareInThreads } from '@haven/server/compare-in-threads';
import {
  readFakeThousand,
  readFebrl3,
  readFebrl4,
  readHistoricalFigures,
  type LabelledRecords,
} from './public-datasets.js';
import { pairCompleteness, recallByWeakerRecord, scoreResolution } from './scores.js';
import { generateSyntheticRegistrations } from './synthetic-registrations.js';
import { scoreVariantMatrix } from './variant-matrix.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    // EM's random pairs and samples; unset, deduplicatePersons' own default.
    'em-seed': { type: 'string' },
    datasets: {
      type: 'string',
      default: 'variants,febrl4,febrl3,fake1000,historical,generated',
    },
    'data-dir': { type: 'string', default: '../shared/datasets' },
  },
});

const recordCount = Number(args.records);
if (!Number.isInteger(recordCount) || recordCount < 2) {
  console.error('--records must be a whole number of at least 2');
  process.exit(2);
}
const emSeed = args['em-seed'] === undefined ? undefined : Number(args['em-seed']);
if (emSeed !== undefined && !Number.isInteger(emSeed)) {
  console.error('--em-seed must be a whole number');
  process.exit(2);
}
const dataDir = args['data-dir'];

const LOADERS: Readonly<Record<string, () => Promise<LabelledRecords>>> = {
  febrl4: () => readFebrl4(dataDir),
  febrl3: () => readFebrl3(dataDir),
  fake1000: () => readFakeThousand(dataDir),
  historical: () => readHistoricalFigures(dataDir),
  generated: () => {
    const registrations = generateSyntheticRegistrations({
      records: recordCount,
      seed: Number(args.seed),
    });
    return Promise.resolve({
      name: `generated ${recordCount.toLocaleString('en')} (seed ${args.seed})`,
      records: registrations,
      truth: registrations.map((registration) => registration.entityId),
    });
  },
};

const fixed = (value: number): string => value.toFixed(4);

for (const name of args.datasets.split(',')) {
  if (name.trim() === 'variants') {
    const variants = await scoreVariantMatrix(dataDir);
    console.log(
      [
        `== name_variant_matrix: ${variants.spellings} spellings`,
        `same block as the 2010 form ${(variants.sameBlockShare * 100).toFixed(1)} %, at or above the match threshold ${(variants.aboveThresholdShare * 100).toFixed(1)} % (target ≥ 98 % each)`,
        ...variants.failures.slice(0, 20).map((failure) => `  ${failure}`),
      ].join('\n'),
    );
    continue;
  }
  const load = LOADERS[name.trim()];
  if (!load) {
    console.error(`Unknown data set ${name}; known: variants, ${Object.keys(LOADERS).join(', ')}`);
    process.exit(2);
  }
  const data = await load();
  const startedMs = performance.now();
  const startedCpu = process.cpuUsage();
  // CPU per step beside wall time: on a shared machine wall time alone says little, and with
  // worker threads CPU counts every thread of the process.
  const cpuMarksMs: number[] = [];
  const cpuMs = (): number => {
    const used = process.cpuUsage(startedCpu);
    return (used.user + used.system) / 1000;
  };
  const result = deduplicatePersons(data.records, {
    seed: emSeed,
    compareCandidates: compareInThreads,
    clock: () => {
      cpuMarksMs.push(cpuMs());
      return performance.now();
    },
  });
  const wallMs = performance.now() - startedMs;
  const totalCpuMs = cpuMs();
  const scores = scoreResolution(data.truth, result.clusterOf);
  const completeness = pairCompleteness(
    data.truth,
    result.candidatePairs.first,
    result.candidatePairs.second,
  );
  const { report } = result;
  // How much each pair has to go on besides names: a full birth date or a document, a year or a
  // month only, or nothing (a recall target is out of reach for pairs of the last kind).
  const evidence = recallByWeakerRecord(
    data.truth,
    result.clusterOf,
    data.records.map((record) =>
      (record.documents?.length ?? 0) > 0 || fullBirthDateOf(record.birthDate) !== ''
        ? 2
        : record.birthDate
          ? 1
          : 0,
    ),
    3,
  );
  const recallOf = (c: number): string =>
    `${fixed(evidence[c]?.recall ?? 1)} (${(evidence[c]?.truePairs ?? 0).toLocaleString('en')} pairs)`;
  const lines = [
    `== ${data.name}: ${report.recordCount.toLocaleString('en')} records`,
    `pairwise   precision ${fixed(scores.pairwise.precision)}  recall ${fixed(scores.pairwise.recall)}  F1 ${fixed(scores.pairwise.f1)}` +
      `  (true pairs ${scores.pairwise.truePairs}, predicted ${scores.pairwise.predictedPairs}, correct ${scores.pairwise.correctPairs})`,
    `  recall by what the weaker record has besides names: a full birth date or a document ${recallOf(2)}, a year or month only ${recallOf(1)}, nothing ${recallOf(0)}`,
    `B-cubed    precision ${fixed(scores.bCubed.precision)}  recall ${fixed(scores.bCubed.recall)}  F1 ${fixed(scores.bCubed.f1)}`,
    `blocking   pair completeness ${fixed(completeness)}  candidate pairs ${report.candidatePairCount.toLocaleString('en')}`,
    ...report.rules.map(
      (rule) =>
        `  ${rule.name.padEnd(44)} pairs ${String(rule.pairCount).padStart(10)}  new ${String(rule.newPairCount).padStart(10)}  skipped buckets ${rule.skippedBuckets.length}`,
    ),
    `model      EM iterations ${report.em.iterations} (converged ${String(report.em.hasConverged)}), sampled pairs ${report.em.sampledPairs}, random pairs ${report.em.randomPairs}, λ(candidates) ${fixed(report.model.lambda)}`,
    `thresholds prior ${report.thresholds.priorMatchProbability.toExponential(3)}, link at p ≥ ${report.thresholds.linkProbability} (weight ${report.thresholds.linkWeight.toFixed(2)}), contradiction at p ≤ ${report.thresholds.contradictionProbability} (weight ${report.thresholds.contradictionWeight.toFixed(2)}), merges of agreeing records averaging p ≥ ${report.thresholds.agreeingMergeProbability} (weight ${report.thresholds.agreeingMergeWeight.toFixed(2)})`,
    `clusters   ${report.clusterCount.toLocaleString('en')}, largest ${report.largestClusterSize}, links ${report.linkCount}, disputed ${report.disputedLinkCount}, refused ${report.refusedLinkCount}`,
    `twins rule ${report.twinsRule.isApplied ? 'applied' : 'not applied'}: different given names in ${report.twinsRule.differentPairs} of ${report.twinsRule.pairs} pairs that are one person without them and cannot be twins`,
    `time       wall ${(wallMs / 1000).toFixed(1)} s (${Object.entries(report.timingsMs)
      .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}`)
      .join(', ')}), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    `           cpu ${(totalCpuMs / 1000).toFixed(1)} s (${Object.keys(report.timingsMs)
      .map(
        (step, s) =>
          `${step} ${(((cpuMarksMs[s + 1] ?? 0) - (cpuMarksMs[s] ?? 0)) / 1000).toFixed(1)}`,
      )
      .join(', ')}), load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  ];
  console.log(lines.join('\n'));
}
