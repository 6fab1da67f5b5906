/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002319,
  fields: {
    givenName: {
      m: [0.7573, 0.1838, 0.04681, 0.00005845, 0.01201, 1],
      u: [0.0133, 0.003132, 0.001192, 0.00002021, 0.9824, 1],
    },
    familyName: {
      m: [0.7471, 0.1449, 0.09967, 0.00005823, 0.008267, 1],
      u: [0.004102, 0.0008487, 0.004304, 0.00002021, 0.9907, 1],
    },
    patronymic: {
      m: [0.6555, 0.2863, 0.05425, 0.0001371, 0.003803, 1],
      u: [0.01458, 0.007948, 0.001971, 0.00006569, 0.9754, 1],
    },
    birthDate: {
      m: [0.775, 0.02933, 0.0616, 0.04362, 0.02297, 0.06042, 0.003383, 0.000694, 0.002964, 1],
      u: [
        0.00005271, 0.0000403, 0.0008557, 0.00009301, 0.0000279, 0.00007131, 0.001888, 0.001054,
        0.9959, 1,
      ],
    },
    sex: {
      m: [0.9999, 0.00007077, 1],
      u: [0.5016, 0.4984, 1],
    },
    document: {
      m: [0.9396, 0.05477, 0.005666, 1, 1],
      u: [0.00001895, 0.00001895, 1, 1, 1],
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
  iterations: 183,
  hasConverged: true,
};
