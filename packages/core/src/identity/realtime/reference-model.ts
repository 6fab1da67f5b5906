/**
 * The model a register too small for EM (fewer than MIN_RECORDS_TO_ESTIMATE persons) scores with
 * (#3 item 4). Not set by hand: estimated by the batch's EM (estimateRegisterModel) on
 * 100000 generated registrations (bench/src/identity/synthetic-registrations.ts, seed 11),
 * with the prior of a pair at large scaled to a register of MIN_RECORDS_TO_ESTIMATE persons.
 * Regenerate: npm run build && node bench/dist/identity-realtime/reference-model.js > this file.
 */
import type { LinkageModel } from '../linkage/fellegi-sunter.js';

export const REFERENCE_MODEL: LinkageModel = {
  lambda: 0.0002342,
  fields: {
    givenName: {
      m: [0.7562, 0.1865, 0.0465, 0.00005847, 0.01066, 1],
      u: [0.01256, 0.003191, 0.00103, 0.00002021, 0.9832, 1],
    },
    familyName: {
      m: [0.7485, 0.1451, 0.09848, 0.0000582, 0.007848, 1],
      u: [0.003566, 0.0008466, 0.004442, 0.0000202, 0.9911, 1],
    },
    patronymic: {
      m: [0.6574, 0.2844, 0.0541, 0.00008668, 0.003973, 1],
      u: [0.01407, 0.008778, 0.001608, 0.00006703, 0.9755, 1],
    },
    birthDate: {
      m: [0.7751, 0.02925, 0.0616, 0.04364, 0.02299, 0.06042, 0.003382, 0.000694, 0.002962, 1],
      u: [
        0.00003777, 0.00004615, 0.0008207, 0.00008008, 0.00001523, 0.00005199, 0.001792, 0.001122,
        0.996, 1,
      ],
    },
    sex: {
      m: [0.9999, 0.00007077, 1],
      u: [0.5033, 0.4967, 1],
    },
    document: {
      m: [0.9394, 0.05495, 0.005637, 1, 1],
      u: [0.000007961, 0.00001832, 1, 1, 1],
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
