import type { en } from './resources.js';

// Translation keys are checked at compile time against the English file; locales.test.ts checks
// that the Ukrainian file has the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
