/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002314,
  fields: {
    givenName: {
      m: [0.76, 0.1787, 0.04638, 0.00005119, 0.0149, 1],
      u: [0.01277, 0.003759, 0.001228, 0.000005053, 0.9822, 1],
    },
    familyName: {
      m: [0.7449, 0.1429, 0.09836, 0.0000912, 0.01368, 1],
      u: [0.003855, 0.0008437, 0.004694, 0.000005052, 0.9906, 1],
    },
    patronymic: {
      m: [0.6548, 0.285, 0.0548, 0.0001885, 0.005254, 1],
      u: [0.01558, 0.008477, 0.001308, 0.00001656, 0.9746, 1],
    },
    birthDate: {
      m: [0.7723, 0.08962, 0.04459, 0.02278, 0.06365, 0.0008188, 0.006224, 1],
      u: [0.00005971, 0.0008197, 0.00008686, 0.000038, 0.001824, 0.001221, 0.996, 1],
    },
    sex: {
      m: [0.9999, 0.00006339, 1],
      u: [0.5031, 0.4969, 1],
    },
    document: {
      m: [0.9349, 0.05505, 0.01003, 1, 1],
      u: [0.00001665, 0.0000333, 1, 1, 1],
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
  iterations: 180,
  hasConverged: true,
};
