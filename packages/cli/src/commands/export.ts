import { rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CountryAlpha2, Id } from '@haven/contract';
import {
  appendAudit,
  countPersonsForExport,
  listPersonsForExport,
  operatorActor,
  sealCarriedOverDocumentNumbers,
  SYSTEM_CHAIN,
  type Db,
  type ExportCursor,
  type Keyring,
  type PersonExportFilter,
} from '@haven/server';
import { InvalidArgumentError, type Command } from 'commander';
import { stringify } from 'csv-stringify';
import { CliError } from '../cli-error.js';
import { describeDatabase, errorMessage, openCliDatabase } from '../database.js';
import { openCliKeyring } from '../keyring.js';
import { EXPORT_COLUMNS } from '../persons-csv/columns.js';
import { personRecord } from '../persons-csv/write-persons.js';
import { formatThroughput, startProgress } from '../progress.js';

/** Registrations per query: a few thousand rows, so memory stays flat however large the export. */
export const EXPORT_PAGE_REGISTRATIONS = 1000;

export interface ExportOptions {
  readonly filter?: PersonExportFilter;
  /** Starts the file with a UTF-8 byte-order mark, so that Excel shows Cyrillic correctly. */
  readonly bom?: boolean;
  readonly onProgress?: (rows: number) => void;
  readonly pageRegistrations?: number;
}

/**
 * Streams every person matching the filter to `output` as CSV, reading the database page by page
 * inside one read-only snapshot, so that the file is consistent even while registrations arrive.
 * Document numbers are stored sealed: `keyring` opens them for the file.
 */
export async function exportPersons(
  db: Db,
  keyring: Keyring,
  output: Writable,
  options: ExportOptions = {},
): Promise<{ persons: number }> {
  const filter = options.filter ?? {};
  const pageSize = options.pageRegistrations ?? EXPORT_PAGE_REGISTRATIONS;
  let persons = 0;
  await db.transaction(
    async (tx) => {
      async function* records(): AsyncGenerator<Record<string, string>> {
        let after: ExportCursor | undefined;
        do {
          const page = await listPersonsForExport(tx, keyring, filter, after, pageSize);
          for (const row of page.rows) {
            yield personRecord(row);
          }
          persons += page.rows.length;
          options.onProgress?.(persons);
          after = page.next;
        } while (after);
      }
      await pipeline(
        Readable.from(records()),
        stringify({ header: true, columns: [...EXPORT_COLUMNS], bom: options.bom ?? false }),
        output,
      );
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return { persons };
}

function parseSiteId(value: string): string {
  if (!Id.safeParse(value).success) {
    throw new InvalidArgumentError('Must be a site id (a UUID).');
  }
  return value;
}

function parseCountry(value: string): string {
  const code = value.toUpperCase();
  if (!CountryAlpha2.safeParse(code).success) {
    throw new InvalidArgumentError('Must be an ISO 3166-1 alpha-2 country code, e.g. PL.');
  }
  return code;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Export persons to a CSV file (one row per person), as import reads it')
    .requiredOption('-o, --output <file>', 'CSV file to write (replaced if it exists)')
    .option(
      '--country <code>',
      'only registrations in this host country (ISO alpha-2)',
      parseCountry,
    )
    .option('--site-id <uuid>', 'only registrations at this site', parseSiteId)
    .option('--no-bom', 'omit the UTF-8 byte-order mark that Excel needs to read Cyrillic')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action(
      async (options: {
        output: string;
        country?: string;
        siteId?: string;
        bom: boolean;
        dataDir?: string;
      }) => {
        const database = await openCliDatabase({ ...options, mustExist: true });
        // Written beside the target and renamed at the end, so a failed export leaves no partial file.
        const partial = `${options.output}.partial`;
        try {
          const filter = { countryCode: options.country, siteId: options.siteId };
          const total = await countPersonsForExport(database.db, filter).catch((error: unknown) => {
            throw new CliError(
              `Cannot read ${describeDatabase(options)}: ${errorMessage(error)} (run \`haven migrate\`?)`,
            );
          });
          // The file holds document numbers in clear: they are opened with the data keys.
          const keyring = await openCliKeyring(options);
          await sealCarriedOverDocumentNumbers(database.db, keyring);
          process.stderr.write(
            `Exporting ${total} persons from ${describeDatabase(options)} to ${options.output}\n`,
          );
          // Recorded before any row is read: no export without its audit entry.
          await appendAudit(database.db, [
            {
              ...operatorActor('export'),
              chain: options.country ?? SYSTEM_CHAIN,
              action: 'persons.export',
              resourceType: 'person',
              resourceId: null,
              detail: {
                country: options.country ?? null,
                siteId: options.siteId ?? null,
                persons: total,
              },
            },
          ]);
          // Personal data: readable by the owner only (UNHCR data-protection policy, GDPR Art. 32).
          const output = createWriteStream(partial, { mode: 0o600 });
          const progress = startProgress({ label: 'export', total });
          const startedMs = performance.now();
          const { persons } = await exportPersons(database.db, keyring, output, {
            filter,
            bom: options.bom,
            onProgress: (rows) => progress.update(rows),
          })
            .catch((error: unknown) => {
              throw new CliError(`Cannot write ${options.output}: ${errorMessage(error)}`);
            })
            .finally(() => progress.stop());
          await rename(partial, options.output);
          process.stderr.write(
            `Exported ${formatThroughput(persons, performance.now() - startedMs, 'persons')}.\n`,
          );
        } finally {
          await rm(partial, { force: true });
          await database.close();
        }
      },
    );
}
