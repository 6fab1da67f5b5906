/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002283,
  fields: {
    givenName: {
      m: [0.7571, 0.1778, 0.04357, 0.00005104, 0.02149, 1],
      u: [0.01299, 0.004224, 0.001293, 0.00002021, 0.9815, 1],
    },
    familyName: {
      m: [0.7419, 0.1426, 0.08918, 0.00009022, 0.02626, 1],
      u: [0.003698, 0.0008487, 0.004729, 0.00002021, 0.9907, 1],
    },
    patronymic: {
      m: [0.6497, 0.2815, 0.06218, 0.0001867, 0.0065, 1],
      u: [0.01566, 0.008426, 0.001592, 0.00006635, 0.9743, 1],
    },
    birthDate: {
      m: [0.7714, 0.09034, 0.04407, 0.02314, 0.06417, 0.0007602, 0.006095, 1],
      u: [0.0001523, 0.000696, 0.00006525, 0.0000435, 0.001653, 0.001153, 0.9962, 1],
    },
    sex: {
      m: [0.9999, 0.00006402, 1],
      u: [0.5059, 0.4941, 1],
    },
    document: {
      m: [0.9344, 0.05565, 0.009975, 1, 1],
      u: [0.00006688, 0.00006688, 0.9999, 1, 1],
    },
  },
  iterations: 173,
  hasConverged: true,
};
