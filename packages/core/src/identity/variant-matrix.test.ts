import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transliterateUkrainian } from '../names/transliteration.js';
import { compareNames, NAME_MATCH_THRESHOLD, type NamePart } from './compare-names.js';
import { nameClass } from './name-equivalents.js';
import { phoneticKey } from './name-keys.js';

// 575 spellings of 25 names through 13 Ukrainian and 10 Russian romanisation tables
// (translitua, iuliia): every one must reach the KMU-55 form of its Ukrainian name (issue #3).
const rows = readFileSync(
  new URL(
    '../../../../../shared/datasets/ukrainian-transliteration/name_variant_matrix.csv',
    import.meta.url,
  ),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [sourceLanguage = '', cyrillic = '', ukEquivalent = '', system = '', latin = ''] =
      line.split(',');
    return { sourceLanguage, cyrillic, ukEquivalent, system, latin };
  });

// The matrix mixes given names with surnames; surnames have no Russian/Ukrainian classes.
const SURNAMES = new Set([
  'Бондаренко',
  'Ковальчук',
  'Кравченко',
  'Мельник',
  'Хмельницький',
  'Шевченко',
  'Щербак',
]);
const REQUIRED_SHARE = 0.98;

const cases = rows.map((row) => {
  const part: NamePart = SURNAMES.has(row.ukEquivalent) ? 'family' : 'given';
  const kmu = transliterateUkrainian(row.ukEquivalent);
  // Blocking key: the phonetic key, through the equivalence class for given names.
  const block = (text: string) => (part === 'given' ? nameClass(text) : phoneticKey(text));
  return {
    ...row,
    kmu,
    isSameBlock: block(row.latin) === block(kmu),
    comparison: compareNames(row.latin, kmu, part),
  };
});

const describeMisses = (misses: typeof cases) =>
  misses
    .map(
      (c) =>
        `${c.system}: ${c.latin} ~ ${c.kmu} (${c.comparison.level} ${c.comparison.score.toFixed(3)})`,
    )
    .join('; ');

describe('name variant matrix conformance', () => {
  it('has the 575 rows it was built with', () => {
    expect(rows).toHaveLength(575);
  });

  it(`puts ≥ ${REQUIRED_SHARE * 100} % of spellings on the blocking key of their KMU-55 form`, () => {
    const misses = cases.filter((c) => !c.isSameBlock);
    expect(1 - misses.length / cases.length, describeMisses(misses)).toBeGreaterThanOrEqual(
      REQUIRED_SHARE,
    );
  });

  it(`scores ≥ ${REQUIRED_SHARE * 100} % of spellings above the match threshold`, () => {
    const misses = cases.filter((c) => c.comparison.score < NAME_MATCH_THRESHOLD);
    expect(1 - misses.length / cases.length, describeMisses(misses)).toBeGreaterThanOrEqual(
      REQUIRED_SHARE,
    );
  });

  it('links every Russian form through the equivalents table, not by spelling alone', () => {
    const russian = cases.filter((c) => c.sourceLanguage === 'ru' && !SURNAMES.has(c.ukEquivalent));
    const misses = russian.filter((c) => !c.isSameBlock);
    expect(misses.length / russian.length, describeMisses(misses)).toBeLessThanOrEqual(
      1 - REQUIRED_SHARE,
    );
  });
});
