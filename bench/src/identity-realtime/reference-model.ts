import { estimateRegisterModel, MIN_RECORDS_TO_ESTIMATE } from '@haven/core/identity';
import { generateSyntheticRegistrations } from '../identity/synthetic-registrations.js';

/**
 * Writes packages/core/src/identity/realtime/reference-model.ts: the model a register too small
 * to learn from scores with, estimated by the batch's EM on a generated population, its prior
 * that of a register of MIN_RECORDS_TO_ESTIMATE persons with the same share of returning people.
 * Usage: node bench/dist/identity-realtime/reference-model.js > packages/core/src/identity/realtime/reference-model.ts
 */
const RECORDS = 100_000;
const model = estimateRegisterModel(
  generateSyntheticRegistrations({ records: RECORDS, seed: 11 }),
  {
    sampleSize: RECORDS,
    seed: 11,
  },
);
if (!model) {
  throw new Error('no model estimated');
}
// The prior of a pair at large falls as the register grows: d duplicates per record over n.
const lambda = (model.lambda * RECORDS) / MIN_RECORDS_TO_ESTIMATE;
const round = (values: readonly number[]) => values.map((value) => Number(value.toPrecision(4)));
const fields = Object.fromEntries(
  Object.entries(model.fields).map(([field, { m, u }]) => [field, { m: round(m), u: round(u) }]),
);
process.stdout.write(`/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * ${String(RECORDS)} generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = ${JSON.stringify(
  {
    lambda: Number(lambda.toPrecision(4)),
    fields,
    iterations: model.iterations,
    hasConverged: model.hasConverged,
  },
  null,
  2,
)};
`);
