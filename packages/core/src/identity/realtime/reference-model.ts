/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002269,
  fields: {
    givenName: {
      m: [0.7568, 0.1773, 0.04333, 0.00005112, 0.02256, 1],
      u: [0.01332, 0.003173, 0.00101, 0.00002021, 0.9825, 1],
    },
    familyName: {
      m: [0.7405, 0.1424, 0.08972, 0.0000899, 0.02727, 1],
      u: [0.004041, 0.0008285, 0.003779, 0.00002021, 0.9913, 1],
    },
    patronymic: {
      m: [0.6479, 0.2824, 0.06227, 0.0001861, 0.007181, 1],
      u: [0.01445, 0.007882, 0.002036, 0.00006568, 0.9756, 1],
    },
    birthDate: {
      m: [0.7733, 0.08942, 0.04452, 0.0226, 0.06375, 0.0006244, 0.005808, 1],
      u: [0.0001523, 0.0007613, 0.000174, 0.0000435, 0.00211, 0.0009135, 0.9958, 1],
    },
    sex: {
      m: [0.9999, 0.00006398, 1],
      u: [0.5029, 0.4971, 1],
    },
    document: {
      m: [0.9336, 0.05554, 0.01082, 1, 1],
      u: [0.000133, 0.00006648, 0.9998, 1, 1],
    },
  },
  iterations: 171,
  hasConverged: true,
};
