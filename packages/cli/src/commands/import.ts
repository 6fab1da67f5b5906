import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Id } from '@haven/contract';
import {
  analyzeRegistrationTables,
  describeFailure,
  postgresErrorCode,
  listSites,
  migrate,
  operatorActor,
  planRegistration,
  recordRegistrations,
  sealCarriedOverDocumentNumbers,
  type DatabaseFailure,
  type Db,
  type Keyring,
  type RegistrationPlan,
} from '@haven/server';
import { InvalidArgumentError, type Command } from 'commander';
import { stringify } from 'csv-stringify';
import { CliError } from '../cli-error.js';
import { describeDatabase, errorMessage, openCliDatabase } from '../database.js';
import { openCliKeyring } from '../keyring.js';
import { parseHousehold } from '../persons-csv/household-input.js';
import { readHouseholds, type RowProblem } from '../persons-csv/read-households.js';
import { formatThroughput, numberFormat, startProgress } from '../progress.js';

/** Households per insertRegistrations call: one statement, well under 1000 rows per unnest array. */
export const IMPORT_BATCH_HOUSEHOLDS = 500;

export interface ImportOptions {
  readonly siteId?: string | undefined;
  /** Called for every problem as it is found (the CLI prints it to stderr). */
  readonly onProblem?: (problem: RowProblem & { readonly householdRef: string }) => void;
  /** Called after each batch is written, with rows read so far. */
  readonly onProgress?: (rowsRead: number) => void;
  readonly batchHouseholds?: number;
}

export interface ImportSummary {
  readonly households: number;
  readonly persons: number;
  readonly rejectedHouseholds: number;
  readonly rejectedRows: number;
  readonly problems: number;
}

/**
 * Imports a persons file: streams it, validates each household against the contract, and writes
 * valid households in batches. A household with any problem is not written at all; the others are.
 * Each batch is one statement, so an interrupted import leaves only whole households behind.
 */
export async function importPersons(
  db: Db,
  keyring: Keyring,
  input: Readable,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const sites = await listSites(db);
  const knownSites = new Set(sites.map((s) => s.id));
  const store: HouseholdStore = {
    db,
    keyring,
    countryOfSite: new Map(sites.map((s) => [s.id, s.countryCode])),
  };
  if (options.siteId !== undefined && !knownSites.has(options.siteId)) {
    throw new CliError(`No site with id ${options.siteId} (see GET /api/v1/sites)`);
  }
  const batchSize = options.batchHouseholds ?? IMPORT_BATCH_HOUSEHOLDS;
  const receivedAt = new Date().toISOString();
  let batch: PlannedHousehold[] | undefined;
  let writing: Promise<void> = Promise.resolve();
  let households = 0;
  let persons = 0;
  let rejectedHouseholds = 0;
  let rejectedRows = 0;
  let problems = 0;
  let rowsRead = 0;

  // One batch is written while the next is parsed; at most one write is in flight.
  let failure: CliError | undefined;
  const settle = async (): Promise<void> => {
    await writing;
    if (failure) {
      throw failure;
    }
  };
  const flush = async (): Promise<void> => {
    await settle();
    if (!batch) {
      return;
    }
    const planned = batch;
    batch = undefined;
    const firstLine = planned[0]?.firstLine ?? 0;
    const lastLine = planned.at(-1)?.lastLine ?? firstLine;
    writing = writeHouseholds(store, planned).then(
      ({ written, refused }) => {
        households += written.length;
        persons += written.reduce((sum, h) => sum + h.persons, 0);
        for (const { household, failure: refusal } of refused) {
          rejectedHouseholds += 1;
          rejectedRows += household.rows;
          problems += 1;
          options.onProblem?.({
            line: household.firstLine,
            column: '',
            message:
              `The database refused the household on lines ${household.firstLine}–${household.lastLine}: ` +
              `${refusal.message}${refusal.code ? ` (PostgreSQL ${refusal.code})` : ''}`,
            householdRef: household.ref,
          });
        }
        options.onProgress?.(rowsRead);
      },
      (error: unknown) => {
        failure = new CliError(
          `Could not write the households on lines ${firstLine}–${lastLine}: ${errorMessage(error)}. ` +
            `Households before line ${firstLine} are stored.`,
        );
      },
    );
  };

  const householdsInFile = readHouseholds(input, {
    optionalColumns: options.siteId ? ['site_id'] : [],
  });
  try {
    for await (const household of householdsInFile) {
      rowsRead += household.rowCount;
      const parsed = parseHousehold(household, {
        siteId: options.siteId,
        isKnownSite: (id) => knownSites.has(id),
      });
      if (parsed.kind === 'invalid') {
        rejectedHouseholds += 1;
        rejectedRows += household.rowCount;
        problems += parsed.problems.length;
        for (const problem of parsed.problems) {
          options.onProblem?.({ ...problem, householdRef: household.ref });
        }
        continue;
      }
      const firstLine = household.rows[0]?.line ?? 0;
      const lastLine = household.rows.at(-1)?.line ?? firstLine;
      batch ??= [];
      batch.push({
        ref: household.ref,
        firstLine,
        lastLine,
        rows: household.rows.length,
        persons: parsed.persons,
        plan: planRegistration(parsed.registration, receivedAt, parsed.registrar),
      });
      if (batch.length >= batchSize) {
        await flush();
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      throw error;
    }
    // A malformed file (e.g. an unclosed quote): store the valid households read before the
    // damage, so that the user can fix the file and import the rest from there.
    await flush();
    await settle();
    throw new CliError(
      `${errorMessage(error)}. The import stopped there: the ${households} valid households before it are stored.`,
    );
  }
  await flush();
  await settle();
  if (households > 0) {
    await analyzeRegistrationTables(db);
  }
  return { households, persons, rejectedHouseholds, rejectedRows, problems };
}

/** A valid household of the file, ready to be written. */
export interface PlannedHousehold {
  readonly ref: string;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly rows: number;
  readonly persons: number;
  readonly plan: RegistrationPlan;
}

/**
 * Writes households in one statement. When the database refuses the data (a value the contract
 * accepts but a column does not: SQLSTATE class 22 data exception or 23 integrity violation), the
 * statement is retried one household at a time, so that one bad cell costs only its household;
 * the refused ones are returned with the database's message, never the statement or its values.
 * Any other failure (connection lost, …) is thrown.
 */
export async function writeHouseholds(
  store: HouseholdStore,
  planned: readonly PlannedHousehold[],
): Promise<{
  written: PlannedHousehold[];
  refused: { household: PlannedHousehold; failure: DatabaseFailure }[];
}> {
  try {
    await recordHouseholds(
      store,
      planned.map((h) => h.plan),
    );
    return { written: [...planned], refused: [] };
  } catch (error) {
    if (!isDataError(error)) {
      throw error;
    }
  }
  const written: PlannedHousehold[] = [];
  const refused: { household: PlannedHousehold; failure: DatabaseFailure }[] = [];
  for (const household of planned) {
    try {
      await recordHouseholds(store, [household.plan]);
      written.push(household);
    } catch (error) {
      if (!isDataError(error)) {
        throw error;
      }
      refused.push({ household, failure: describeFailure(error) });
    }
  }
  return { written, refused };
}

/** Where imported households are written, with what they need for sealing and auditing. */
export interface HouseholdStore {
  readonly db: Db;
  readonly keyring: Keyring;
  readonly countryOfSite: ReadonlyMap<string, string>;
}

/** Every imported registration is audited as the operator's import, in its country's chain. */
async function recordHouseholds(
  store: HouseholdStore,
  plans: readonly RegistrationPlan[],
): Promise<void> {
  await recordRegistrations(store.db, store.keyring, plans, {
    actor: operatorActor('import'),
    countryOfSite: (siteId) => store.countryOfSite.get(siteId) ?? 'unknown',
  });
}

function isDataError(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

function parseSiteId(value: string): string {
  if (!Id.safeParse(value).success) {
    throw new InvalidArgumentError('Must be a site id (a UUID).');
  }
  return value;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import persons from a CSV file (one row per person; see the export columns)')
    .requiredOption('-i, --input <file>', 'CSV file to read')
    .option(
      '--site-id <uuid>',
      'register every household at this site, ignoring the site_id column',
      parseSiteId,
    )
    .option('--problems-file <file>', 'also write every problem found to this CSV file')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action(
      async (options: {
        input: string;
        siteId?: string;
        problemsFile?: string;
        dataDir?: string;
      }) => {
        const size = await fileSize(options.input);
        const database = await openCliDatabase(options);
        const problemsFile =
          options.problemsFile === undefined ? undefined : openProblemsFile(options.problemsFile);
        try {
          await migrate(database);
          const keyring = await openCliKeyring({
            ...options,
            log: (line) => process.stderr.write(`${line}\n`),
          });
          await sealCarriedOverDocumentNumbers(database.db, keyring);
          process.stderr.write(`Importing ${options.input} into ${describeDatabase(options)}\n`);
          const input = createReadStream(options.input);
          const progress = startProgress({ label: 'import', total: size });
          const startedMs = performance.now();
          let shown = 0;
          const summary = await importPersons(database.db, keyring, input, {
            siteId: options.siteId,
            onProgress: (rows) => progress.update(rows, input.bytesRead),
            onProblem: (p) => {
              problemsFile?.write([p.line, p.column, p.householdRef, p.message]);
              shown += 1;
              if (shown <= MAX_PROBLEMS_SHOWN) {
                progress.log(
                  `line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message} (household ${p.householdRef || '?'} not imported)`,
                );
              } else if (shown === MAX_PROBLEMS_SHOWN + 1) {
                progress.log(
                  `… more problems${problemsFile ? ` in ${options.problemsFile}` : ' not shown (use --problems-file to keep them all)'}`,
                );
              }
            },
          }).finally(() => progress.stop());
          const elapsedMs = performance.now() - startedMs;
          process.stderr.write(
            `Imported ${numberFormat.format(summary.households)} households, ${formatThroughput(summary.persons, elapsedMs, 'persons')}.\n`,
          );
          if (summary.rejectedHouseholds > 0) {
            throw new CliError(
              `${numberFormat.format(summary.rejectedHouseholds)} households (${numberFormat.format(summary.rejectedRows)} rows) were not imported ` +
                `because of ${numberFormat.format(summary.problems)} problems, listed above. Correct those rows and import them again.`,
            );
          }
        } finally {
          await problemsFile?.close();
          await database.close();
        }
      },
    );
}

const MAX_PROBLEMS_SHOWN = 100;

function openProblemsFile(path: string): {
  write(record: (string | number)[]): void;
  close(): Promise<void>;
} {
  const csv = stringify({ header: true, columns: ['line', 'column', 'household_ref', 'message'] });
  const done = pipeline(csv, createWriteStream(path)).catch((error: unknown) => {
    throw new CliError(`Cannot write ${path}: ${errorMessage(error)}`);
  });
  // Reported when closing, so that a bad path does not interrupt the import itself.
  done.catch(() => undefined);
  return {
    write: (record) => csv.write(record),
    close: async () => {
      csv.end();
      await done;
    },
  };
}

async function fileSize(path: string): Promise<number> {
  try {
    const file = await stat(path);
    if (!file.isFile()) {
      throw new CliError(`${path} is not a file`);
    }
    return file.size;
  } catch (error) {
    throw error instanceof CliError
      ? error
      : new CliError(`Cannot read ${path}: ${errorMessage(error)}`);
  }
}
