/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002315,
  fields: {
    givenName: {
      m: [0.756, 0.1854, 0.04706, 0.00005833, 0.01148, 1],
      u: [0.01329, 0.00313, 0.001192, 0.00002021, 0.9824, 1],
    },
    familyName: {
      m: [0.7472, 0.145, 0.09968, 0.00005822, 0.008098, 1],
      u: [0.004114, 0.0008471, 0.004303, 0.00002021, 0.9907, 1],
    },
    patronymic: {
      m: [0.6557, 0.2859, 0.0542, 0.0001372, 0.003995, 1],
      u: [0.01464, 0.007945, 0.00197, 0.00006569, 0.9754, 1],
    },
    birthDate: {
      m: [0.7749, 0.02932, 0.06159, 0.04361, 0.02296, 0.06056, 0.003408, 0.0006939, 0.002958, 1],
      u: [
        0.00004374, 0.00003996, 0.000855, 0.0000925, 0.00002764, 0.00007061, 0.001888, 0.001054,
        0.9959, 1,
      ],
    },
    sex: {
      m: [0.9999, 0.00007077, 1],
      u: [0.5016, 0.4984, 1],
    },
    document: {
      m: [0.9398, 0.05449, 0.005678, 1, 1],
      u: [0.000008074, 0.00001832, 1, 1, 1],
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
  iterations: 181,
  hasConverged: true,
};
