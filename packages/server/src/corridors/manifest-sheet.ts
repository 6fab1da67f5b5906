/**
 * Manifests from the spreadsheets coordinators already keep (.xlsx, .ods): the first sheet, its
 * first non-empty row the header. The rows go through the same validation as a CSV
 * (validateManifestRows), so both formats refuse and accept exactly the same things.
 *
 * Both formats are zip archives. The archive is inflated once under a hard limit before the
 * spreadsheet library sees it, so a zip bomb (a few KB that inflate to gigabytes) is refused with
 * a 413 instead of filling the memory; the library then reads at most MAX_ROWS + 1 rows.
 */
import type { ManifestSpreadsheetFormat } from '@haven/contract';
import { read, type CellObject, type WorkSheet } from '@e965/xlsx';
import { Unzip, UnzipInflate } from 'fflate';
import { HttpProblem } from '../http/problems.js';
import {
  MAX_ROWS,
  validateManifestRows,
  type ManifestSource,
  type ManifestSourceRow,
  type ParsedManifestHousehold,
} from './manifest-csv.js';

/** Inflated size of all entries: a 10,000-row manifest sheet inflates to a few MB. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 1000;
/** Columns read per row: a manifest has 11; the rest of a wide sheet is ignored, as in a CSV. */
const MAX_COLUMNS = 100;
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

const sourceOf = (format: ManifestSpreadsheetFormat): ManifestSource => ({
  field: format,
  unit: 'Row',
  name: 'The spreadsheet',
});

const unreadable = (format: ManifestSpreadsheetFormat, message: string) =>
  new HttpProblem(400, 'validation-failed', 'The spreadsheet cannot be read', [
    { field: format, in: 'body', message },
  ]);

/** Refuses an archive whose entries inflate past the limit, counting bytes actually inflated. */
function refuseZipBomb(bytes: Uint8Array, format: ManifestSpreadsheetFormat): void {
  if (!ZIP_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw unreadable(format, `Not an .${format} file`);
  }
  let inflated = 0;
  let entries = 0;
  let tooLarge = false;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > MAX_ENTRIES) {
      tooLarge = true;
      return;
    }
    file.ondata = (error, chunk) => {
      if (error) {
        failure = error;
        return;
      }
      inflated += chunk.length;
      if (inflated > MAX_INFLATED_BYTES && !tooLarge) {
        tooLarge = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    failure = error instanceof Error ? error : new Error('Corrupt archive');
  }
  if (tooLarge) {
    throw new HttpProblem(
      413,
      'spreadsheet-too-large',
      'The spreadsheet unpacks to more than Haven reads',
      [
        {
          field: format,
          in: 'body',
          message: `Unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB`,
        },
      ],
    );
  }
  if (failure !== undefined || entries === 0) {
    throw unreadable(format, `Not an .${format} file`);
  }
}

/** A cell as the CSV would have it: text trimmed, a date cell as 'YYYY-MM-DD'. */
function cellText(cell: CellObject | undefined): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) {
    return '';
  }
  if (cell.v instanceof Date) {
    // Read with UTC: true, so the calendar day is the one the coordinator typed.
    return Number.isNaN(cell.v.getTime()) ? '' : cell.v.toISOString().slice(0, 10);
  }
  return String(cell.v).trim();
}

/** The non-empty rows of a sheet with their row numbers, as the spreadsheet program shows them. */
function sheetRows(sheet: WorkSheet): ManifestSourceRow[] {
  const data = (sheet['!data'] ?? []) as readonly (
    readonly (CellObject | undefined)[] | undefined
  )[];
  const rows: ManifestSourceRow[] = [];
  data.forEach((cells, index) => {
    if (cells === undefined) {
      return;
    }
    const record = Array.from({ length: Math.min(cells.length, MAX_COLUMNS) }, (_, i) =>
      cellText(cells[i]),
    );
    if (record.some((text) => text !== '')) {
      rows.push({ line: index + 1, record });
    }
  });
  return rows;
}

/**
 * Parses and validates a manifest spreadsheet (base64 of an .xlsx or .ods file), all or nothing,
 * with the same rules and messages as a CSV; rows are named by their number in the sheet.
 */
export function parseManifestSpreadsheet(
  base64: string,
  format: ManifestSpreadsheetFormat,
): { households: ParsedManifestHousehold[]; source: ManifestSource } {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  refuseZipBomb(bytes, format);
  let sheet: WorkSheet | undefined;
  try {
    const workbook = read(bytes, {
      type: 'array',
      dense: true,
      cellDates: true,
      UTC: true,
      sheets: 0,
      // The header and one row past the limit: enough to say "too long" without reading more.
      sheetRows: MAX_ROWS + 2,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
    });
    const first = workbook.SheetNames[0];
    sheet = first === undefined ? undefined : workbook.Sheets[first];
  } catch {
    throw unreadable(format, `Not an .${format} file`);
  }
  if (sheet === undefined) {
    throw unreadable(format, 'The file has no sheet');
  }
  const source = sourceOf(format);
  if (sheet['!fullref'] !== undefined && sheet['!fullref'] !== sheet['!ref']) {
    // More rows than were read: never import part of a manifest.
    throw new HttpProblem(400, 'validation-failed', `${source.name} is too long`, [
      { field: format, in: 'body', message: `At most ${MAX_ROWS} people per manifest` },
    ]);
  }
  return { households: validateManifestRows(source, sheetRows(sheet)), source };
}
