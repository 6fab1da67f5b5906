/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002332,
  fields: {
    givenName: {
      m: [0.7564, 0.1856, 0.04653, 0.00005839, 0.01143, 1],
      u: [0.01256, 0.003191, 0.00103, 0.00002021, 0.9832, 1],
    },
    familyName: {
      m: [0.7471, 0.1449, 0.09964, 0.00005819, 0.008285, 1],
      u: [0.003566, 0.0008466, 0.004442, 0.0000202, 0.9911, 1],
    },
    patronymic: {
      m: [0.6577, 0.2841, 0.05431, 0.0001374, 0.003811, 1],
      u: [0.01407, 0.008778, 0.001608, 0.00006703, 0.9755, 1],
    },
    birthDate: {
      m: [0.7744, 0.0293, 0.06229, 0.04359, 0.02296, 0.06037, 0.003381, 0.0006934, 0.002969, 1],
      u: [
        0.00003782, 0.00004615, 0.0008207, 0.00008009, 0.00001523, 0.00005199, 0.001792, 0.001122,
        0.996, 1,
      ],
    },
    sex: {
      m: [0.9999, 0.00007077, 1],
      u: [0.5033, 0.4967, 1],
    },
    document: {
      m: [0.9384, 0.0559, 0.005685, 1, 1],
      u: [0.000008022, 0.00001831, 1, 1, 1],
    },
    birthPlace: {
      m: [0.2, 0.2, 0.2, 0.2, 0.2, 1],
      u: [0.2, 0.2, 0.2, 0.2, 0.2, 1],
    },
    residence: {
      m: [0.2, 0.2, 0.2, 0.2, 0.2, 1],
      u: [0.2, 0.2, 0.2, 0.2, 0.2, 1],
    },
    postcode: {
      m: [0.25, 0.25, 0.25, 0.25, 1],
      u: [0.25, 0.25, 0.25, 0.25, 1],
    },
  },
  iterations: 182,
  hasConverged: true,
};
