/**
 * The name variant matrix (#3 item 7): 575 spellings of 25 Ukrainian names through 13 Ukrainian
 * and 10 Russian romanisation tables. Each spelling must land in the same block as the 2010 form
 * of its Ukrainian name (the names+birth-year rule of the batch, which keys on name classes) and
 * compare at or above the name match threshold.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transliterateUkrainian } from '@haven/core';
import {
  compareNames,
  DEDUP_BLOCKING_RULES,
  NAME_MATCH_LEVELS,
  prepareRecord,
  type NamePart,
} from '@haven/core/identity';
import { parse } from 'csv-parse/sync';

// The matrix mixes given names with surnames; only given names have Russian forms.
const SURNAMES = new Set([
  'Бондаренко',
  'Ковальчук',
  'Кравченко',
  'Мельник',
  'Хмельницький',
  'Шевченко',
  'Щербак',
]);

export interface VariantMatrixScores {
  readonly spellings: number;
  readonly sameBlockShare: number;
  readonly aboveThresholdShare: number;
  readonly failures: readonly string[];
}

export async function scoreVariantMatrix(dir: string): Promise<VariantMatrixScores> {
  const rows: Record<string, string>[] = parse(
    await readFile(join(dir, 'ukrainian-transliteration', 'name_variant_matrix.csv'), 'utf8'),
    { columns: true, trim: true, skip_empty_lines: true },
  );
  const rule = DEDUP_BLOCKING_RULES.find(({ name }) => name === 'names+birth-year');
  const close = NAME_MATCH_LEVELS.indexOf('close');
  let sameBlock = 0;
  let aboveThreshold = 0;
  const failures: string[] = [];
  for (const row of rows) {
    const ukrainian = row.uk_equivalent ?? '';
    const latin = row.latin ?? '';
    const part: NamePart = SURNAMES.has(ukrainian) ? 'family' : 'given';
    const kmu = transliterateUkrainian(ukrainian);
    // The other name is a fixed one, so that only the spelling under test differs.
    const record = (name: string) =>
      prepareRecord({
        id: name,
        givenName: part === 'given' ? name : 'Oksana',
        familyName: part === 'family' ? name : 'Hnatiuk',
        birthDate: '1980-01-01',
      });
    const keysA = new Set(rule?.keysOf(record(kmu)) ?? []);
    const isSameBlock = (rule?.keysOf(record(latin)) ?? []).some((key) => keysA.has(key));
    const level = NAME_MATCH_LEVELS.indexOf(compareNames(latin, kmu, part).level);
    const isAbove = level !== -1 && level <= close;
    sameBlock += isSameBlock ? 1 : 0;
    aboveThreshold += isAbove ? 1 : 0;
    if (!isSameBlock || !isAbove) {
      failures.push(
        `${latin} (${row.system ?? ''}) vs ${kmu}: ${isSameBlock ? 'same block' : 'other block'}, ${compareNames(latin, kmu, part).level}`,
      );
    }
  }
  return {
    spellings: rows.length,
    sameBlockShare: sameBlock / Math.max(rows.length, 1),
    aboveThresholdShare: aboveThreshold / Math.max(rows.length, 1),
    failures,
  };
}
