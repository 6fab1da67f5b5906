/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.000515,
  fields: {
    givenName: {
      m: [0.7561, 0.1781, 0.04341, 0.0000511, 0.02228, 1],
      u: [0.01277, 0.00384, 0.001314, 0.00002021, 0.9821, 1],
    },
    familyName: {
      m: [0.7417, 0.1426, 0.08918, 0.00009018, 0.02649, 1],
      u: [0.003739, 0.0008892, 0.004709, 0.00002021, 0.9906, 1],
    },
    patronymic: {
      m: [0.6492, 0.2814, 0.06226, 0.0001862, 0.006968, 1],
      u: [0.0155, 0.008677, 0.001523, 0.00006624, 0.9742, 1],
    },
    birthDate: {
      m: [0.772, 0.08996, 0.04446, 0.02264, 0.06379, 0.007116, 1],
      u: [0.0001522, 0.0006957, 0.00006522, 0.00004348, 0.001739, 0.9973, 1],
    },
    sex: {
      m: [0.9999, 0.000064, 1],
      u: [0.5059, 0.4941, 1],
    },
    document: {
      m: [0.9341, 0.05571, 0.01019, 1, 1],
      u: [0.00006682, 0.00006682, 0.9999, 1, 1],
    },
  },
  iterations: 320,
  hasConverged: true,
};
