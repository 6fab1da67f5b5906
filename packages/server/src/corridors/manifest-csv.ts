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
const MAX_ROWS = 10_000;

export interface ParsedManifestHousehold {
  readonly reference: string;
  readonly members: (ManifestPersonInput & { readonly sourceLine: number })[];
}

const rowError = (line: number, column: string, message: string): FieldError => ({
  field: `csv.line${line}${column ? `.${column}` : ''}`,
  in: 'body',
  message: `Line ${line}${column ? ` (${column})` : ''}: ${message}`,
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
      rowError(line ?? 1, '', error instanceof Error ? error.message : 'Malformed CSV'),
    ]);
  }
  const [header, ...body] = records;
  if (!header) {
    throw new HttpProblem(400, 'validation-failed', 'The CSV is empty', [
      { field: 'csv', in: 'body', message: 'The CSV has no header line' },
    ]);
  }
  const columns = header.record.map(normaliseColumn);
  const missing = missingManifestColumns(columns);
  if (missing.length > 0) {
    throw new HttpProblem(
      400,
      'missing-columns',
      'The CSV lacks required columns',
      missing.map((column) => ({
        field: `csv.${column}`,
        in: 'body',
        message: `Missing required column: ${column}`,
      })),
      `Required columns: ${missing.join(', ')}`,
    );
  }
  if (body.length === 0) {
    throw new HttpProblem(400, 'validation-failed', 'The CSV has no people', [
      { field: 'csv', in: 'body', message: 'The CSV has a header but no rows' },
    ]);
  }
  if (body.length > MAX_ROWS) {
    throw new HttpProblem(400, 'validation-failed', 'The CSV is too long', [
      { field: 'csv', in: 'body', message: `At most ${MAX_ROWS} people per manifest` },
    ]);
  }
  const rows: ManifestCsvRow[] = body.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = record[i];
      if (value !== undefined && value !== '') {
        cells[column] = value;
      }
    });
    return { line: info.lines, cells };
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
        errors.push(rowError(member.line, COLUMN_OF_FIELD[field] ?? field, issue.message));
      }
    }
    households.push({ reference: household, members: parsed });
  }
  if (errors.length > 0) {
    throw new HttpProblem(400, 'validation-failed', 'Some rows of the CSV are not valid', errors);
  }
  return households;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

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
