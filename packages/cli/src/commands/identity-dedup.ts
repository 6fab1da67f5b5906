import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, type Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  birthDateAsWritten,
  deduplicatePersons,
  MAX_DIFFERENT_GIVEN_NAMES_FOR_TWINS_RULE,
  sexAsWritten,
  type DedupReport,
  type PersonRecord,
} from '@haven/core/identity';
import { migrate, runIdentityDedup, sealCarriedOverDocumentNumbers } from '@haven/server';
import { compareInThreads } from '@haven/server/compare-in-threads';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { CliError } from '../cli-error.js';
import { describeDatabase, errorMessage, openCliDatabase } from '../database.js';
import { numberFormat, startProgress } from '../progress.js';
import { openCliKeyring } from '../keyring.js';

/** Columns of the persons file; only record_id is required, and it must not be empty. */
export const DEDUP_COLUMNS = [
  'record_id',
  'given_name',
  'family_name',
  'patronymic',
  'sex',
  'birth_date',
  'nationality',
  'document_number',
  'country',
] as const;
/**
 * Read when present, as another system's export may have them (Haven's form does not): they
 * weigh in the model only where both records of a pair have them.
 */
export const OPTIONAL_DEDUP_COLUMNS = ['birth_place', 'residence', 'postcode'] as const;
type DedupColumn = (typeof DEDUP_COLUMNS)[number] | (typeof OPTIONAL_DEDUP_COLUMNS)[number];

/**
 * Records held in memory at most. Batch resolution needs every record at once (a duplicate may
 * be anywhere in the file); a million records peak at about 1.5 GB over the whole run, so 1.5
 * million fit in the default Node heap (4 GB) with room to spare. A larger file is refused at the
 * first row past the limit, never with an out-of-memory: split it by country or period.
 */
export const MAX_DEDUP_RECORDS = 1_500_000;

/** Longer cells are cut: no name or document number is this long, and it bounds memory. */
const MAX_CELL_CHARS = 256;

export interface ReadPersonsOptions {
  readonly maxRecords?: number;
}

/** Cells of one column that were not read (no date, no sex): how many, and the first. */
export interface UnreadCells {
  readonly count: number;
  readonly firstLine: number;
  readonly firstText: string;
}

export interface PersonsFile {
  readonly records: PersonRecord[];
  /** Per column, the cells read as absent because they say nothing the column means. */
  readonly unread: Partial<Record<'birth_date' | 'sex', UnreadCells>>;
}

interface ParsedRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

// csv-parse yields `any`; this is where its rows get a type.
function isParsedRow(value: unknown): value is ParsedRow {
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

function readHeader(names: readonly string[]): Record<DedupColumn, number> {
  const lowered = names.map((name) => name.trim().toLowerCase());
  if (lowered.length === 1 && /[;\t|]/.test(lowered[0] ?? '')) {
    const delimiter = /;/.test(lowered[0] ?? '') ? ';' : /\t/.test(lowered[0] ?? '') ? 'tab' : '|';
    throw new CliError(
      `The header row is separated by ${delimiter === 'tab' ? 'tabs' : `"${delimiter}"`}, not commas: save the file as comma-separated CSV`,
    );
  }
  const indexOf = (column: DedupColumn): number => lowered.indexOf(column);
  if (indexOf('record_id') === -1) {
    throw new CliError(
      `The file has no record_id column (header: ${lowered.slice(0, 12).join(', ')}); expected columns: ${DEDUP_COLUMNS.join(', ')}`,
    );
  }
  const indexes: Record<DedupColumn, number> = {
    record_id: indexOf('record_id'),
    given_name: indexOf('given_name'),
    family_name: indexOf('family_name'),
    patronymic: indexOf('patronymic'),
    sex: indexOf('sex'),
    birth_date: indexOf('birth_date'),
    nationality: indexOf('nationality'),
    document_number: indexOf('document_number'),
    country: indexOf('country'),
    birth_place: indexOf('birth_place'),
    residence: indexOf('residence'),
    postcode: indexOf('postcode'),
  };
  return indexes;
}

/** A cell's trimmed text cut to MAX_CELL_CHARS, or undefined when empty or absent. */
function cellOf(row: readonly string[], index: number): string | undefined {
  const text = index === -1 ? '' : (row[index] ?? '').trim();
  return text === '' ? undefined : text.slice(0, MAX_CELL_CHARS);
}

/**
 * Streams a persons file into linkage records, one row at a time. Birth dates and sexes are
 * read as other systems write them (birthDateAsWritten, sexAsWritten); a cell that says no date
 * or sex is kept as absent (no evidence either way) and counted, not refused: a batch over a
 * messy register should not stop at one bad cell. A missing record_id column, an empty or
 * repeated record_id, or a file over the limit stop the run with the line number.
 */
export async function readPersons(
  input: Readable,
  options: ReadPersonsOptions = {},
): Promise<PersonsFile> {
  const maxRecords = options.maxRecords ?? MAX_DEDUP_RECORDS;
  const parser = pipeline(
    input,
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
    () => undefined, // errors reach the loop below through the parser
  );
  let header: Record<DedupColumn, number> | undefined;
  const records: PersonRecord[] = [];
  const unread: { -readonly [column in keyof PersonsFile['unread']]: UnreadCells } = {};
  /** The cell's value, or undefined (counted when the cell had text) when it cannot be read. */
  const readCell = <T>(
    column: keyof PersonsFile['unread'],
    text: string | undefined,
    line: number,
    read: (text: string) => T | undefined,
  ): T | undefined => {
    if (text === undefined) {
      return undefined;
    }
    const value = read(text);
    if (value === undefined) {
      const seen = unread[column];
      unread[column] = seen
        ? { ...seen, count: seen.count + 1 }
        : { count: 1, firstLine: line, firstText: text };
    }
    return value;
  };
  const lineOf = new Map<string, number>();
  try {
    for await (const parsed of parser) {
      if (!isParsedRow(parsed)) {
        throw new TypeError('csv-parse returned an unexpected record');
      }
      if (!header) {
        header = readHeader(parsed.record);
        continue;
      }
      const line = parsed.info.lines;
      const id = cellOf(parsed.record, header.record_id);
      if (id === undefined) {
        throw new CliError(`Line ${line}: record_id is empty; every row needs one`);
      }
      const firstLine = lineOf.get(id);
      if (firstLine !== undefined) {
        throw new CliError(
          `Line ${line}: record_id ${JSON.stringify(id)} already appears on line ${firstLine}; record ids must be unique`,
        );
      }
      if (records.length >= maxRecords) {
        throw new CliError(
          `The file has more than ${maxRecords.toLocaleString('en')} records (line ${line}), the most one batch holds in memory; split it (e.g. by country) and run each part`,
        );
      }
      lineOf.set(id, line);
      const documentNumber = cellOf(parsed.record, header.document_number);
      records.push({
        id,
        givenName: cellOf(parsed.record, header.given_name),
        familyName: cellOf(parsed.record, header.family_name),
        patronymic: cellOf(parsed.record, header.patronymic),
        sex: readCell('sex', cellOf(parsed.record, header.sex), line, sexAsWritten),
        birthDate: readCell(
          'birth_date',
          cellOf(parsed.record, header.birth_date),
          line,
          birthDateAsWritten,
        ),
        nationality: cellOf(parsed.record, header.nationality),
        documents: documentNumber === undefined ? undefined : [{ number: documentNumber }],
        country: cellOf(parsed.record, header.country),
        birthPlace: cellOf(parsed.record, header.birth_place),
        residence: cellOf(parsed.record, header.residence),
        postcode: cellOf(parsed.record, header.postcode),
      });
    }
  } catch (error) {
    throw error instanceof CliError
      ? error
      : new CliError(`The file is not valid CSV: ${errorMessage(error)}`);
  }
  if (!header) {
    throw new CliError('The file is empty: expected a header row with record_id');
  }
  return { records, unread };
}

/** Writes record_id,cluster_id for every record, in input order; a cluster is named by its first record. */
export async function writeClusters(
  records: readonly PersonRecord[],
  clusterOf: Int32Array,
  clusters: readonly (readonly string[])[],
  output: Writable,
): Promise<void> {
  const csv = stringify({ header: true, columns: ['record_id', 'cluster_id'] });
  csv.pipe(output);
  for (const [position, record] of records.entries()) {
    const cluster = clusters[clusterOf[position] ?? -1];
    if (!csv.write([record.id, cluster?.[0] ?? record.id])) {
      await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await finished(output);
}

export interface DedupSummary {
  readonly records: number;
  readonly clusters: number;
  readonly unread: PersonsFile['unread'];
  readonly report: DedupReport;
}

/** Reads a persons file, resolves identities, and writes the clusters file. */
export async function dedupPersonsFile(
  input: Readable,
  output: Writable,
  options: ReadPersonsOptions = {},
): Promise<DedupSummary> {
  const { records, unread } = await readPersons(input, options);
  const { clusters, clusterOf, report } = deduplicatePersons(records, {
    compareCandidates: compareInThreads,
    clock: () => performance.now(),
  });
  await writeClusters(records, clusterOf, clusters, output);
  return { records: records.length, clusters: clusters.length, unread, report };
}

/** One line per column with unread cells, so that a user sees what the run did without. */
export function describeUnreadCells(unread: PersonsFile['unread']): string[] {
  const meaning = { birth_date: 'a birth date', sex: 'a sex' } as const;
  return (['birth_date', 'sex'] as const).flatMap((column) => {
    const cells = unread[column];
    return cells
      ? [
          `${column}: ${cells.count.toLocaleString('en')} ${cells.count === 1 ? 'cell' : 'cells'} not read as ${meaning[column]}, left empty ` +
            `(first on line ${cells.firstLine}: ${JSON.stringify(cells.firstText)})`,
        ]
      : [];
  });
}

/**
 * A line saying that different given names did not hold pairs apart, when the register showed
 * its given names too often replaced for that (givenNamesTellTwinsApart): such pairs merged on
 * the other fields. Over the database, the merged ones are in the review queue; a file has none.
 */
export function describeTwinsRule(
  report: Pick<DedupReport, 'twinsRule'>,
  mode: 'file' | 'database',
): string[] {
  const { isApplied, pairs, differentPairs } = report.twinsRule;
  if (isApplied || pairs === 0) {
    return [];
  }
  const percent = ((differentPairs / pairs) * 100).toFixed(1);
  return [
    `Given names: ${differentPairs.toLocaleString('en')} of ${pairs.toLocaleString('en')} pairs (${percent} %) that are one person on their other fields ` +
      `(one document, or birth dates a clerk's slip apart) name different given names, more than ${MAX_DIFFERENT_GIVEN_NAMES_FOR_TWINS_RULE * 100} % beyond doubt. ` +
      'So a different given name did not keep two records apart as twins: such pairs were weighed like any other, ' +
      (mode === 'database'
        ? 'and those merged are in the review queue for a person to tell twins apart.'
        : 'and twins who share a surname and birth date are told apart only by a document.'),
  ];
}

async function checkFile(path: string): Promise<void> {
  try {
    const file = await stat(path);
    if (!file.isFile()) {
      throw new CliError(`${path} is not a file`);
    }
  } catch (error) {
    throw error instanceof CliError
      ? error
      : new CliError(`Cannot read ${path}: ${errorMessage(error)}`);
  }
}

/** `haven identity dedup` without --input: resolve the persons in the database and store the result. */
export async function dedupDatabase(options: { dataDir?: string | undefined }): Promise<void> {
  const database = await openCliDatabase({ ...options, mustExist: true });
  try {
    await migrate(database);
    // Document numbers are sealed: matching them with a typo allowed needs them opened.
    const keyring = await openCliKeyring({
      ...options,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    await sealCarriedOverDocumentNumbers(database.db, keyring);
    const progress = startProgress({ label: 'read persons' });
    const startedMs = performance.now();
    const summary = await runIdentityDedup(database.db, keyring, {
      onRead: (persons) => progress.update(persons),
    })
      .catch((error: unknown) => {
        throw new CliError(
          `Cannot deduplicate ${describeDatabase(options)}: ${errorMessage(error)}`,
        );
      })
      .finally(() => progress.stop());
    const { run, report } = summary;
    const count = (value: number): string => numberFormat.format(value);
    process.stderr.write(
      `${count(run.persons)} persons → ${count(run.clusters)} identities ` +
        `(${count(run.multiPersonClusters)} with more than one registration, largest ${count(run.largestCluster)}; ` +
        `${count(run.candidatePairs)} pairs compared) in ${((performance.now() - startedMs) / 1000).toFixed(1)} s.\n` +
        `Review queue: ${count(run.reviewPairs)} pairs: ${count(summary.reviewReasons['held-apart'])} held apart at match probability ${report.thresholds.linkProbability} or more, ` +
        `${count(summary.reviewReasons.uncertain)} uncertain (from ${run.reviewProbability} to below ${report.thresholds.linkProbability}), ` +
        `${count(summary.reviewReasons['merged-given-names-differ'])} merged though their given names differ` +
        (summary.reviewPairsLeftOut > 0
          ? `; ${count(summary.reviewPairsLeftOut)} more wait for the next run`
          : '') +
        `.\nDecisions applied: ${count(run.mustLinks)} same person, ${count(run.cannotLinks)} different people.\n`,
    );
    for (const line of describeTwinsRule(report, 'database')) {
      process.stderr.write(`${line}\n`);
    }
    for (const [a, b] of summary.constraintConflicts) {
      process.stderr.write(
        `Conflict: persons ${a} and ${b} were decided to be the same person, but that would join people decided to be different; kept apart.\n`,
      );
    }
  } finally {
    await database.close();
  }
}

export function registerIdentityDedupCommand(program: Command): void {
  const identity =
    program.commands.find((command) => command.name() === 'identity') ??
    program
      .command('identity')
      .description('Identity resolution: the same person across registrations');
  identity
    .command('dedup')
    .description(
      'Find registrations of the same person: in a persons CSV (record_id, given_name, family_name, patronymic, sex, birth_date, nationality, document_number, country; birth_place, residence and postcode are used when present) with --input, otherwise in the database, storing the identities and the review queue',
    )
    .option('-i, --input <file>', 'persons CSV to read; without it, the database is resolved')
    .option('-o, --output <file>', 'CSV to write record_id,cluster_id to (default clusters.csv)')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (database mode without DATABASE_URL; default ./data/pglite)',
    )
    .action(async (options: { input?: string; output?: string; dataDir?: string }) => {
      if (options.input === undefined) {
        if (options.output !== undefined) {
          throw new CliError(
            '--output goes with --input; over the database the identities are stored in the identity_clusters table',
          );
        }
        await dedupDatabase(options);
        return;
      }
      if (options.dataDir !== undefined) {
        throw new CliError('--data-dir is for the database mode; leave it out with --input');
      }
      const outputPath = options.output ?? 'clusters.csv';
      await checkFile(options.input);
      const output = createWriteStream(outputPath);
      const opened = new Promise<void>((resolve, reject) => {
        output.once('open', () => resolve());
        output.once('error', reject);
      }).catch((error: unknown) => {
        throw new CliError(`Cannot write ${outputPath}: ${errorMessage(error)}`);
      });
      await opened;
      const startedMs = performance.now();
      const summary = await dedupPersonsFile(createReadStream(options.input), output);
      const { report } = summary;
      for (const line of [
        ...describeUnreadCells(summary.unread),
        ...describeTwinsRule(report, 'file'),
      ]) {
        process.stderr.write(`${line}\n`);
      }
      process.stderr.write(
        `${summary.records.toLocaleString('en')} records → ${summary.clusters.toLocaleString('en')} identities ` +
          `(${report.candidatePairCount.toLocaleString('en')} pairs compared, link at match probability ${report.thresholds.linkProbability}, ` +
          `weight ${report.thresholds.linkWeight.toFixed(1)}) in ${((performance.now() - startedMs) / 1000).toFixed(1)} s; wrote ${outputPath}\n`,
      );
    });
}
