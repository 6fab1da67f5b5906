import { ManifestPersonInput, type FieldError } from '@haven/contract';
import {
  findDuplicatePersons,
  manifestHouseholdsFromRows,
  missingManifestColumns,
  normaliseColumn,
  type ManifestCsvRow,
} from '@haven/core';
import { parse } from 'csv-parse/sync';
import { HttpProblem } from '../http/problems.js';

/** A manifest is one convoy or train: a few thousand rows at most. */
export const MAX_ROWS = 10_000;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export interface ParsedManifestHousehold {
  readonly reference: string;
  readonly members: (ManifestPersonInput & { readonly sourceLine: number })[];
}

/**
 * Where manifest rows came from, to name them as the coordinator's file does: the body field
 * (csv, xlsx, ods) and 'Line' for a CSV's lines or 'Row' for a spreadsheet's rows.
 */
export interface ManifestSource {
  readonly field: 'csv' | 'xlsx' | 'ods';
  readonly unit: 'Line' | 'Row';
  /** 'The CSV' or 'The spreadsheet', for titles. */
  readonly name: string;
}

export const CSV_SOURCE: ManifestSource = { field: 'csv', unit: 'Line', name: 'The CSV' };

/** One row of the file: its line (CSV) or row (sheet) number and its cells, trimmed. */
export interface ManifestSourceRow {
  readonly line: number;
  readonly record: readonly string[];
}

/** The field naming one row of the file, e.g. 'csv.line12' or 'xlsx.row12'. */
export const sourceRowField = (source: ManifestSource, line: number): string =>
  `${source.field}.${source.unit.toLowerCase()}${line}`;

const rowError = (
  source: ManifestSource,
  line: number,
  column: string,
  message: string,
): FieldError => ({
  field: `${sourceRowField(source, line)}${column ? `.${column}` : ''}`,
  in: 'body',
  message: `${source.unit} ${line}${column ? ` (${column})` : ''}: ${message}`,
});

/** CSV column of a person field, to name it in errors as the coordinator's file does. */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  givenName: 'given_name',
  familyName: 'family_name',
  patronymic: 'patronymic',
  sex: 'sex',
  birthDate: 'birth_date',
  nationality: 'nationality',
  relationshipToHead: 'relationship',
  documentType: 'document_type',
  documentNumber: 'document_number',
  documentIssuingCountry: 'document_country',
};

/**
 * Parses and validates a manifest CSV, all or nothing: missing required columns, malformed CSV,
 * every invalid cell (named by line and column) and duplicate people are all refused with the
 * complete list of problems, so the coordinator fixes the file once.
 */
export function parseManifestCsv(text: string): ParsedManifestHousehold[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';'],
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      max_record_size: 10_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new HttpProblem(400, 'validation-failed', 'The CSV cannot be read', [
      rowError(CSV_SOURCE, line ?? 1, '', error instanceof Error ? error.message : 'Malformed CSV'),
    ]);
  }
  return validateManifestRows(
    CSV_SOURCE,
    records.map(({ record, info }) => ({ line: info.lines, record })),
  );
}

/**
 * Validates the rows of a manifest file (CSV or spreadsheet; the first row is the header), all
 * or nothing: missing required columns, every invalid cell (named by row and column), too many
 * rows. The one path every import format goes through.
 */
export function validateManifestRows(
  source: ManifestSource,
  records: readonly ManifestSourceRow[],
): ParsedManifestHousehold[] {
  const [header, ...body] = records;
  if (!header) {
    throw new HttpProblem(400, 'validation-failed', `${source.name} is empty`, [
      { field: source.field, in: 'body', message: 'The file has no header row' },
    ]);
  }
  const columns = header.record.map(normaliseColumn);
  const missing = missingManifestColumns(columns);
  if (missing.length > 0) {
    throw new HttpProblem(
      400,
      'missing-columns',
      `${source.name} lacks required columns`,
      missing.map((column) => ({
        field: `${source.field}.${column}`,
        in: 'body',
        message: `Missing required column: ${column}`,
      })),
      `Required columns: ${missing.join(', ')}`,
    );
  }
  if (body.length === 0) {
    throw new HttpProblem(400, 'validation-failed', `${source.name} has no people`, [
      { field: source.field, in: 'body', message: 'The file has a header but no rows' },
    ]);
  }
  if (body.length > MAX_ROWS) {
    throw new HttpProblem(400, 'validation-failed', `${source.name} is too long`, [
      { field: source.field, in: 'body', message: `At most ${MAX_ROWS} people per manifest` },
    ]);
  }
  const rows: ManifestCsvRow[] = body.map(({ record, line }) => {
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = record[i];
      if (value !== undefined && value !== '') {
        cells[column] = value;
      }
    });
    return { line, cells };
  });
  const errors: FieldError[] = [];
  const households: ParsedManifestHousehold[] = [];
  for (const { household, members } of manifestHouseholdsFromRows(rows)) {
    const parsed: ParsedManifestHousehold['members'] = [];
    for (const member of members) {
      const result = ManifestPersonInput.safeParse(member.fields);
      if (result.success) {
        parsed.push({ ...result.data, sourceLine: member.line });
        continue;
      }
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors.push(rowError(source, member.line, COLUMN_OF_FIELD[field] ?? field, issue.message));
      }
    }
    households.push({ reference: household, members: parsed });
  }
  if (errors.length > 0) {
    throw new HttpProblem(
      400,
      'validation-failed',
      `Some rows of ${lowerFirst(source.name)} are not valid`,
      errors,
    );
  }
  return households;
}

/**
 * Refuses people listed twice: within the new entries, or already on the run's manifest. Lines
 * (CSV) or member positions (quick entry) name the rows.
 */
export function refuseDuplicates(
  existing: readonly (Parameters<typeof findDuplicatePersons>[0][number] & { label: string })[],
  added: readonly (Parameters<typeof findDuplicatePersons>[0][number] & {
    label: string;
    field: string;
  })[],
): void {
  const all = [...existing, ...added];
  const duplicates = findDuplicatePersons(all).filter((d) => d.index >= existing.length);
  if (duplicates.length === 0) {
    return;
  }
  const reasons = {
    'same-name-and-birth-date': 'same name and birth date',
    'same-document': 'same identity document',
  } as const;
  throw new HttpProblem(
    422,
    'duplicate-persons',
    'The same person is listed twice',
    duplicates.map((d) => {
      const entry = added[d.index - existing.length];
      return {
        field: entry?.field ?? 'members',
        in: 'body' as const,
        message: `${entry?.label ?? 'This entry'} repeats ${lowerFirst(all[d.firstIndex]?.label ?? 'an earlier entry')} (${reasons[d.reason]})`,
      };
    }),
  );
}
