/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002343,
  fields: {
    givenName: {
      m: [0.7565, 0.1866, 0.04633, 0.00005847, 0.01055, 1],
      u: [0.01256, 0.003191, 0.00103, 0.00002021, 0.9832, 1],
    },
    familyName: {
      m: [0.7484, 0.1571, 0.08731, 0.0000582, 0.007128, 1],
      u: [0.003566, 0.0009071, 0.004382, 0.0000202, 0.9911, 1],
    },
    patronymic: {
      m: [0.6576, 0.2847, 0.05412, 0.0000867, 0.003478, 1],
      u: [0.01407, 0.008778, 0.001608, 0.00006703, 0.9755, 1],
    },
    birthDate: {
      m: [0.7749, 0.02933, 0.06174, 0.04364, 0.02298, 0.0604, 0.003376, 0.0006939, 0.002957, 1],
      u: [
        0.00003777, 0.00004615, 0.0008207, 0.00008008, 0.00001523, 0.00005199, 0.001792, 0.001122,
        0.996, 1,
      ],
    },
    sex: {
      m: [0.9999, 0.00007076, 1],
      u: [0.5033, 0.4967, 1],
    },
    document: {
      m: [0.9394, 0.05495, 0.005637, 1, 1],
      u: [0.000007959, 0.00001832, 1, 1, 1],
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
  iterations: 204,
  hasConverged: true,
};
