import { pipeline, type Readable } from 'node:stream';
import { MAX_HOUSEHOLD_MEMBERS } from '@haven/core';
import { parse } from 'csv-parse';
import { CliError } from '../cli-error.js';
import {
  EXPORT_ONLY_COLUMNS,
  IMPORT_COLUMNS,
  REQUIRED_COLUMNS,
  isExportOnlyColumn,
  isImportColumn,
  type ImportColumn,
} from './columns.js';
import { restoreFormula } from './formula-injection.js';

/** A problem with one cell (or row, when `column` is empty), reported by line number. */
export interface RowProblem {
  readonly line: number;
  readonly column: ImportColumn | '';
  readonly message: string;
}

export interface CsvRow {
  /** Line of the file where the row ends (1 is the header). */
  readonly line: number;
  readonly cells: Readonly<Record<ImportColumn, string>>;
}

/** The consecutive rows sharing a household_ref, with the problems found while reading them. */
export interface HouseholdRows {
  readonly ref: string;
  /** At most MAX_HOUSEHOLD_MEMBERS rows: those of a larger household are counted, not kept. */
  readonly rows: CsvRow[];
  readonly problems: RowProblem[];
  /** Rows read for this household, kept or not. */
  rowCount: number;
}

export interface ReadOptions {
  /** Columns that may be absent from the header beyond the optional ones (site_id with --site-id). */
  readonly optionalColumns?: readonly ImportColumn[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

// csv-parse yields `any`; this is where its records get a type.
function isParsedRecord(value: unknown): value is ParsedRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    'record' in value &&
    Array.isArray(value.record) &&
    'info' in value &&
    typeof value.info === 'object' &&
    value.info !== null &&
    'lines' in value.info &&
    typeof value.info.lines === 'number'
  );
}

/**
 * Streams the households of a persons file: parses one row at a time and yields each household
 * when its last row is read, so memory holds one household whatever the file's size.
 */
export async function* readHouseholds(
  input: Readable,
  options: ReadOptions = {},
): AsyncGenerator<HouseholdRows> {
  const parser = pipeline(
    input,
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
    () => undefined, // errors reach the loop below through the parser
  );
  let header: ReturnType<typeof readHeader> | undefined;
  let current: HouseholdRows | undefined;
  // Refs already finished: a household's rows must be consecutive, or it would be split in two.
  // Bounded by the number of households in the file (one short string each, ~70 bytes: 100 MB for
  // a million households would be the file's own size several times over), never by its rows.
  const finishedRefs = new Set<string>();

  for await (const parsed of parser) {
    if (!isParsedRecord(parsed)) {
      throw new TypeError('csv-parse returned an unexpected record');
    }
    if (!header) {
      header = readHeader(parsed.record, options.optionalColumns ?? []);
      continue;
    }
    const { cells, problem } = readCells(parsed, header);
    const ref = cells.household_ref;
    const line = parsed.info.lines;
    if (current && current.ref !== ref) {
      finishedRefs.add(current.ref);
      yield current;
      current = undefined;
    }
    if (ref === '') {
      // A row without a household is a problem of its own line; such rows are never gathered.
      const problems = problem ? [problem] : [];
      problems.push({ line, column: 'household_ref', message: 'Must not be empty' });
      yield { ref, rows: [{ line, cells }], problems, rowCount: 1 };
      continue;
    }
    current ??= { ref, rows: [], problems: [], rowCount: 0 };
    current.rowCount += 1;
    if (current.rows.length >= MAX_HOUSEHOLD_MEMBERS) {
      // Memory holds at most one household of MAX_HOUSEHOLD_MEMBERS rows, whatever the file.
      if (current.rowCount === MAX_HOUSEHOLD_MEMBERS + 1) {
        current.problems.push({
          line: current.rows[0]?.line ?? line,
          column: 'household_ref',
          message: `A household has at most ${MAX_HOUSEHOLD_MEMBERS} members; this one has more rows (from line ${line} on, they are skipped)`,
        });
      }
      continue;
    }
    current.rows.push({ line, cells });
    if (problem) {
      current.problems.push(problem);
    }
    if (finishedRefs.has(ref) && current.rows.length === 1) {
      current.problems.push({
        line,
        column: 'household_ref',
        message:
          'The rows of a household must be next to each other; this household appeared earlier',
      });
    }
  }
  if (!header) {
    throw new CliError('The file is empty: expected a header row');
  }
  if (current) {
    yield current;
  }
}

interface Header {
  /** For each import column, its index in a record, or -1 when the file has no such column. */
  readonly indexes: Readonly<Record<ImportColumn, number>>;
  readonly width: number;
}

function readHeader(names: readonly string[], optionalColumns: readonly ImportColumn[]): Header {
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.toLowerCase();
    if (seen.has(name)) {
      throw new CliError(`Column '${name}' appears twice in the header`);
    }
    seen.add(name);
    if (!isImportColumn(name) && !isExportOnlyColumn(name)) {
      throw new CliError(
        `Unknown column '${raw}' in the header. Expected: ${[...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS].join(', ')}`,
      );
    }
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c) && !optionalColumns.includes(c));
  if (!seen.has('site_id') && !optionalColumns.includes('site_id')) {
    missing.push('site_id');
  }
  if (missing.length > 0) {
    throw new CliError(
      `Missing column${missing.length > 1 ? 's' : ''} in the header: ${missing.join(', ')}`,
    );
  }
  const lowered = names.map((n) => n.toLowerCase());
  const indexes = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, lowered.indexOf(c)]));
  return { indexes: indexes as Record<ImportColumn, number>, width: names.length };
}

function readCells(
  parsed: ParsedRecord,
  header: Header,
): { cells: Record<ImportColumn, string>; problem?: RowProblem } {
  const cells = Object.fromEntries(
    IMPORT_COLUMNS.map((column) => {
      const index = header.indexes[column];
      return [column, index < 0 ? '' : restoreFormula(parsed.record[index] ?? '')];
    }),
  ) as Record<ImportColumn, string>;
  if (parsed.record.length === header.width) {
    return { cells };
  }
  return {
    cells,
    problem: {
      line: parsed.info.lines,
      column: '',
      message: `Has ${parsed.record.length} fields; the header has ${header.width}`,
    },
  };
}
