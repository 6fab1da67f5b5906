/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.00023,
  fields: {
    givenName: {
      m: [0.7557, 0.1864, 0.04651, 0.0000583, 0.01138, 1],
      u: [0.01331, 0.00315, 0.001151, 0.00002021, 0.9824, 1],
    },
    familyName: {
      m: [0.7472, 0.145, 0.09968, 0.00005822, 0.008097, 1],
      u: [0.004134, 0.0008269, 0.004303, 0.00002021, 0.9907, 1],
    },
    patronymic: {
      m: [0.6552, 0.2867, 0.05394, 0.0001371, 0.003954, 1],
      u: [0.01464, 0.008009, 0.00197, 0.00006567, 0.9753, 1],
    },
    birthDate: {
      m: [0.7747, 0.02932, 0.06198, 0.0436, 0.02295, 0.06039, 0.003407, 0.0006937, 0.002956, 1],
      u: [
        0.0000438, 0.00003997, 0.0008519, 0.00009251, 0.00002764, 0.00007061, 0.001888, 0.001054,
        0.9959, 1,
      ],
    },
    sex: {
      m: [0.9999, 0.00007077, 1],
      u: [0.5016, 0.4984, 1],
    },
    document: {
      m: [0.9396, 0.05464, 0.005764, 1, 1],
      u: [0.00000815, 0.00001832, 1, 1, 1],
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
  iterations: 184,
  hasConverged: true,
};
