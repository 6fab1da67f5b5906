/**
 * The public data sets of the identity benchmark (#3 item 7), read into linkage records with
 * their truth. Each folder's SOURCE.md describes the format. Columns that say where a person was
 * born or lives go to the linkage record's birth place, residence and postcode (fields some
 * registers have, Haven's form does not); the rest (occupation, street numbers) are left out.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersonRecord } from '@haven/core/identity';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';

export interface LabelledRecords {
  readonly name: string;
  readonly records: readonly PersonRecord[];
  /** The true entity of each record. */
  readonly truth: readonly string[];
}

/** 'YYYYMMDD' → 'YYYY-MM-DD', or undefined when it is not eight digits. */
const febrlDate = (text: string): string | undefined =>
  /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : undefined;

const present = (text: string | undefined): string | undefined =>
  text === undefined || text.trim() === '' ? undefined : text.trim();

function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, trim: true, skip_empty_lines: true, bom: true });
}

async function readFebrlFile(dir: string, file: string, prefix: string): Promise<LabelledRecords> {
  const rows = readCsv(await readFile(join(dir, 'febrl', file), 'utf8'));
  return {
    name: file,
    records: rows.map((row) => ({
      id: `${prefix}${row.rec_id ?? ''}`,
      givenName: present(row.given_name),
      familyName: present(row.surname),
      birthDate: febrlDate(row.date_of_birth ?? ''),
      documents: present(row.soc_sec_id) ? [{ number: row.soc_sec_id ?? '' }] : undefined,
      residence: present(row.suburb),
      postcode: present(row.postcode),
    })),
    truth: rows.map((row) => /^rec-(\d+)/.exec(row.rec_id ?? '')?.[1] ?? row.rec_id ?? ''),
  };
}

export async function readFebrl3(dir: string): Promise<LabelledRecords> {
  return { ...(await readFebrlFile(dir, 'dataset3.csv', '')), name: 'FEBRL3' };
}

/** FEBRL4 is a link task: both files resolved together, truth across them. */
export async function readFebrl4(dir: string): Promise<LabelledRecords> {
  const a = await readFebrlFile(dir, 'dataset4a.csv', 'a:');
  const b = await readFebrlFile(dir, 'dataset4b.csv', 'b:');
  return {
    name: 'FEBRL4 (4a + 4b)',
    records: [...a.records, ...b.records],
    truth: [...a.truth, ...b.truth],
  };
}

/**
 * fake_1000 leans on e-mail addresses; Haven has no e-mail field, so the address goes where an
 * identifier of the person goes, as a document of type 'other' (compared exactly or with one
 * typo). The city is the residence.
 */
export async function readFakeThousand(dir: string): Promise<LabelledRecords> {
  const rows = readCsv(await readFile(join(dir, 'splink', 'fake_1000.csv'), 'utf8'));
  return {
    name: 'Splink fake_1000 (e-mail as an identifier)',
    records: rows.map((row) => {
      const email = present(row.email);
      return {
        id: row.unique_id ?? '',
        givenName: present(row.first_name),
        familyName: present(row.surname),
        birthDate: present(row.dob),
        documents: email === undefined ? undefined : [{ type: 'other' as const, number: email }],
        residence: present(row.city),
      };
    }),
    truth: rows.map((row) => row.cluster ?? ''),
  };
}

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Splink's historical figures: Wikidata people with injected errors; truth is the Wikidata id. */
export async function readHistoricalFigures(dir: string): Promise<LabelledRecords> {
  const file = await asyncBufferFromFile(
    join(dir, 'splink', 'historical_figures_with_errors_50k.parquet'),
  );
  const rows = await parquetReadObjects({
    file,
    columns: [
      'unique_id',
      'cluster',
      'first_name',
      'surname',
      'dob',
      'gender',
      'birth_place',
      'postcode_fake',
    ],
  });
  return {
    name: 'Splink historical_figures_with_errors_50k',
    records: rows.map((row) => {
      const gender = asText(row.gender);
      return {
        id: asText(row.unique_id) ?? '',
        givenName: asText(row.first_name),
        familyName: asText(row.surname),
        birthDate: asText(row.dob),
        sex: gender === 'male' || gender === 'female' ? gender : undefined,
        birthPlace: asText(row.birth_place),
        postcode: asText(row.postcode_fake),
      };
    }),
    truth: rows.map((row) => asText(row.cluster) ?? ''),
  };
}
