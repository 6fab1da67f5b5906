import {
  ARRIVAL_MODES,
  CHILD_CARE_STATUSES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DOCUMENT_TYPES,
  RELATIONSHIPS,
  REVIEW_REASONS,
  SEXES,
  SITE_KINDS,
  SPECIFIC_NEED_CATEGORIES,
  SPECIFIC_NEED_CODES,
} from '@haven/core';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import uk from './uk.json';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      found.set(path, value);
    } else {
      for (const [inner, text] of leaves(value, path)) {
        found.set(inner, text);
      }
    }
  }
  return found;
}

// Plural forms differ by language (Ukrainian has one/few/many/other, CLDR): compare base keys.
const baseKeys = (tree: Tree) =>
  new Set(
    [...leaves(tree).keys()].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')),
  );

const CODE_LISTS = {
  'codes.relationship': RELATIONSHIPS,
  'codes.sex': SEXES,
  'codes.childCareStatus': CHILD_CARE_STATUSES,
  'codes.documentType': DOCUMENT_TYPES,
  'codes.arrivalMode': ARRIVAL_MODES,
  'codes.consentPurpose': CONSENT_PURPOSES,
  'codes.consentMethod': CONSENT_METHODS,
  'codes.siteKind': SITE_KINDS,
  'needs.categories': SPECIFIC_NEED_CATEGORIES.map((category) => category.code),
  'needs.details': SPECIFIC_NEED_CODES,
  'needs.sensitivity': ['standard', 'health', 'protection'],
  'identityReview.reasons': REVIEW_REASONS,
  'identityReview.reasonExplanations': REVIEW_REASONS,
};

describe.each([
  ['en', en],
  ['uk', uk],
])('%s translation', (language, resources) => {
  const texts = leaves(resources);

  it('has the same keys as the other language', () => {
    expect([...baseKeys(resources)].sort()).toEqual(
      [...baseKeys(language === 'en' ? uk : en)].sort(),
    );
  });

  it.each(Object.entries(CODE_LISTS))('labels every code of %s', (list, codes) => {
    const missing = codes.filter((code) => !texts.get(`${list}.${code}`)?.trim());
    expect(missing).toEqual([]);
  });
});

describe('the Ukrainian translation', () => {
  it('is written in Ukrainian, not left in English', () => {
    // Only the product name is the same in both languages.
    const untranslated = [...leaves(uk)].filter(
      ([key, text]) => key !== 'app.name' && !/\p{Script=Cyrillic}/u.test(text),
    );
    expect(untranslated).toEqual([]);
  });

  it('uses Ukrainian letters, not Russian ones', () => {
    const russian = [...leaves(uk)].filter(([, text]) => /[ёъыэЁЪЫЭ]/u.test(text));
    expect(russian).toEqual([]);
  });

  it('has every CLDR plural form Ukrainian needs', () => {
    const keys = [...leaves(uk).keys()];
    for (const key of keys.filter((k) => k.endsWith('_one'))) {
      const base = key.slice(0, -'_one'.length);
      expect(keys).toEqual(
        expect.arrayContaining(['few', 'many', 'other'].map((form) => `${base}_${form}`)),
      );
    }
  });
});
