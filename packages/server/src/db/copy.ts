/**
 * COPY … FROM STDIN into a table, inside the caller's transaction, on either engine: node-postgres
 * streams the rows through pg-copy-streams, PGlite reads them as a blob ('/dev/blob'). COPY skips
 * what a bulk INSERT pays per row for parameters and unnest; triggers and constraints still run.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './open.js';

/** A value of one COPY text-format field; null is SQL NULL. */
export type CopyValue = string | number | null;

/**
 * Rows per piece of text handed to the engine: memory stays flat however many rows there are,
 * and a piece being built is small enough to die young (10,000-row pieces outlived the young
 * generation and were copied and promoted: about a second of collection in a 400,000-line batch).
 */
const ROWS_PER_PIECE = 1_000;

const SPECIAL = /[\\\t\n\r]/;

/** One field in COPY text format (PostgreSQL docs, COPY "Text Format"): escapes and \N for null. */
export function copyField(value: CopyValue): string {
  if (value === null) {
    return '\\N';
  }
  const text = String(value);
  return SPECIAL.test(text)
    ? text
        .replaceAll('\\', '\\\\')
        .replaceAll('\t', '\\t')
        .replaceAll('\n', '\\n')
        .replaceAll('\r', '\\r')
    : text;
}

function* pieces<T>(rows: readonly T[], toLine: (row: T, index: number) => string) {
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    const end = Math.min(rows.length, start + ROWS_PER_PIECE);
    const lines = new Array<string>(end - start);
    for (let index = start; index < end; index += 1) {
      lines[index - start] = toLine(rows[index] as T, index);
    }
    yield `${lines.join('\n')}\n`;
  }
}

/** The engine's client behind a drizzle transaction (drizzle keeps it as session.client). */
function transactionClient(tx: Db): unknown {
  return (tx as unknown as { session: { client: unknown } }).session.client;
}

/**
 * Copies `rows` into `table` (`columns` in order; `toFields` gives each row's values in that
 * order). `tx` must be a transaction: COPY joins it, so a failure rolls back with everything else.
 */
export function copyRows<T>(
  tx: Db,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  toFields: (row: T, index: number) => readonly CopyValue[],
): Promise<void> {
  return copyLines(tx, table, columns, rows, (row, index) =>
    toFields(row, index).map(copyField).join('\t'),
  );
}

/**
 * Copies `rows` into `table` as copyRows does, `toLine` giving each row as one line of COPY text
 * (fields escaped with copyField, separated by tabs, no newline): for callers that write a
 * million rows whose fields are mostly numbers and uuids, which need no escaping.
 */
export async function copyLines<T>(
  tx: Db,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  toLine: (row: T, index: number) => string,
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const client = transactionClient(tx);
  const target = `${table} (${columns.join(', ')})`;
  if (client instanceof pg.Pool) {
    throw new Error('copyRows needs a transaction, not the pool');
  }
  if (client instanceof pg.Client) {
    const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    await pipeline(Readable.from(pieces(rows, toLine)), stream);
    return;
  }
  const pglite = client as PGlite | Transaction;
  for (const text of pieces(rows, toLine)) {
    await pglite.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
  }
}
