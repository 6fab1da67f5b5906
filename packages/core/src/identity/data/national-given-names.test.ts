import { describe, expect, it } from 'vitest';
import { isSexVariant } from '../compare-names.js';
import { nameClass } from '../name-equivalents.js';
import { phoneticKeys } from '../name-keys.js';
import { NATIONAL_GIVEN_NAME_FORMS } from './national-given-names.js';
import { TRANSCRIBED_GIVEN_NAMES } from './transcribed-given-names.js';

const keyOf = (name: string): string => phoneticKeys(name)[0] ?? '';

// Both tables join forms to a Ukrainian name the same way, and are checked as one.
const lines = [...NATIONAL_GIVEN_NAME_FORMS, ...TRANSCRIBED_GIVEN_NAMES].map((line) =>
  line.split(' '),
);

describe('the national and transcribed forms of Ukrainian given names', () => {
  it('gives each form one key, and each key to one line only', () => {
    const lineOfKey = new Map<string, string>();
    for (const [head = '', ...forms] of lines) {
      for (const form of [head, ...forms]) {
        expect(phoneticKeys(form), form).toHaveLength(1);
        const line = lineOfKey.get(keyOf(form));
        expect(line === undefined || line === head, `${form} is on ${line} and ${head}`).toBe(true);
        lineOfKey.set(keyOf(form), head);
      }
    }
  });

  it('joins every form to its line’s name: none is a name the dictionary keeps apart', () => {
    // The class builder refuses such a form (it never merges two classes): it would be dead here.
    for (const [head = '', ...forms] of lines) {
      for (const form of forms) {
        expect(nameClass(form), `${form} for ${head}`).toBe(nameClass(head));
      }
    }
  });

  it('never makes a name of the other sex one with it', () => {
    const heads = lines.map(([head = '']) => keyOf(head));
    for (const [head = '', ...forms] of lines) {
      for (const form of forms) {
        for (const other of heads) {
          if (other !== keyOf(head)) {
            expect(isSexVariant(keyOf(form), other), `${form} against ${other}`).toBe(false);
          }
        }
        expect(isSexVariant(keyOf(form), keyOf(head)), `${form} for ${head}`).toBe(false);
      }
    }
  });
});
