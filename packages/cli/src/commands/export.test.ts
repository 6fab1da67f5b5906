import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ensureSites, listPersonsForExport, listSites, type Database } from '@haven/server';
import { createEphemeralKeyring } from '@haven/server';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { EXPORT_COLUMNS, IMPORT_COLUMNS } from '../persons-csv/columns.js';
import { loadDemoData } from './demo-data.js';
import { exportPersons } from './export.js';
import { importPersons } from './import.js';

const keyring = createEphemeralKeyring();

async function exportToText(
  database: Database,
  options: Parameters<typeof exportPersons>[3] = {},
): Promise<string> {
  const output = new PassThrough();
  const [csv] = await Promise.all([
    text(output),
    exportPersons(database.db, keyring, output, options),
  ]);
  return csv;
}

const records = (csv: string): Record<string, string>[] => parse(csv, { columns: true, bom: true });

/** The import columns of a file's rows, minus the ref (a file's own label) — what a round trip keeps. */
const content = (rows: Record<string, string>[]): string[] =>
  rows
    .map((r) =>
      IMPORT_COLUMNS.filter((c) => c !== 'household_ref')
        .map((c) => r[c])
        .join('|'),
    )
    .sort();

describe('haven export', () => {
  let database: Database;

  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.close());

  it('writes every person once, page after page, and reads back into the same persons', async () => {
    await loadDemoData(database.db, keyring, { households: 25, seed: 7 });
    const csv = await exportToText(database, { pageRegistrations: 7 });
    const exported = records(csv);
    expect(Object.keys(exported[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(new Set(exported.map((r) => r.person_id)).size).toBe(exported.length);
    expect(new Set(exported.map((r) => r.household_ref)).size).toBe(25);

    const copy = await openTestDatabase();
    try {
      const sites = await listSites(database.db);
      const copiedSites = await ensureSites(copy.db, sites);
      const key = (s: { countryCode: string; name: string }) => `${s.countryCode}|${s.name}`;
      const copiedIds = new Map(copiedSites.map((s) => [key(s), s.id]));
      const bySite = new Map(sites.map((s) => [s.id, copiedIds.get(key(s)) ?? '']));
      // The copy's sites have other ids: point the rows at them, as a user moving data would.
      const moved = csv.replace(/[0-9a-f-]{36}/g, (id) => bySite.get(id) ?? id);
      const summary = await importPersons(copy.db, keyring, Readable.from([moved]));
      expect(summary).toMatchObject({
        households: 25,
        rejectedHouseholds: 0,
        persons: exported.length,
      });
      const again = records(await exportToText(copy));
      expect(content(again)).toEqual(content(records(moved)));
    } finally {
      await copy.close();
    }
  });

  it('neutralises cells a spreadsheet would run as formulas, and import restores them', async () => {
    const [site] = await ensureSites(database.db, [
      {
        name: 'Siret',
        countryCode: 'RO',
        kind: 'border-crossing',
        latitude: 47.97,
        longitude: 26.05,
      },
    ]);
    const header = IMPORT_COLUMNS.join(',');
    const row = [
      'A',
      'head',
      'Ольга',
      '-Шевченко',
      '',
      'female',
      '1980',
      'UKR',
      'other',
      'UKR',
      '-12345',
      '', // document_name_as_printed
      '',
      '',
      site?.id,
      '2022-03-01T10:00:00.000Z',
      '"=HYPERLINK(""http://example.org"",""x"")"',
      'UA46',
      'bus',
      '',
      'registration',
      'verbal',
    ].join(',');
    const problems: unknown[] = [];
    const summary = await importPersons(
      database.db,
      keyring,
      Readable.from([`${header}\n${row}\n`]),
      {
        onProblem: (p) => problems.push(p),
      },
    );
    expect(problems).toEqual([]);
    expect(summary.households).toBe(1);

    const [exported] = records(await exportToText(database));
    expect(exported).toMatchObject({
      registrar: `'=HYPERLINK("http://example.org","x")`,
      family_name: `'-Шевченко`,
      document_number: `'-12345`,
      given_name: 'Ольга',
    });
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 10);
    expect(rows[0]).toMatchObject({
      registrar: '=HYPERLINK("http://example.org","x")',
      familyName: '-Шевченко',
    });
  });

  it('exports only the persons of the country asked for', async () => {
    await loadDemoData(database.db, keyring, { households: 30, seed: 3 });
    const polish = records(await exportToText(database, { filter: { countryCode: 'PL' } }));
    const sites = new Map((await listSites(database.db)).map((s) => [s.id, s.countryCode]));
    expect(polish.length).toBeGreaterThan(0);
    expect(new Set(polish.map((r) => sites.get(r.site_id ?? '')))).toEqual(new Set(['PL']));
  });

  it('keeps the names as printed on documents through export and import', async () => {
    const [site] = await ensureSites(database.db, [
      {
        name: 'Siret',
        countryCode: 'RO',
        kind: 'border-crossing',
        latitude: 47.97,
        longitude: 26.05,
      },
    ]);
    const cells: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {
      household_ref: 'A',
      relationship_to_head: 'head',
      given_name: 'Ольга',
      family_name: 'Шевченко',
      sex: 'female',
      birth_date: '1980',
      document_type: 'international-passport;national-id-card',
      document_country: 'UKR;UKR',
      document_number: 'FE123456;001234567',
      document_name_as_printed: ';SHEVCHENKO OLHA',
      site_id: site?.id ?? '',
      registered_at: '2022-03-01T10:00:00.000Z',
      registrar: 'Anna Nowak',
      origin_pcode: 'UA46',
      arrival_mode: 'bus',
      consent_purposes: 'registration',
      consent_method: 'verbal',
    };
    const file = `${IMPORT_COLUMNS.join(',')}\n${IMPORT_COLUMNS.map((c) => cells[c] ?? '').join(',')}\n`;
    expect((await importPersons(database.db, keyring, Readable.from([file]))).households).toBe(1);
    const csv = await exportToText(database);
    expect(records(csv)[0]?.document_name_as_printed).toBe(';SHEVCHENKO OLHA');

    const copy = await openTestDatabase();
    try {
      await ensureSites(copy.db, await listSites(database.db));
      const moved = csv.replace(site?.id ?? '', (await listSites(copy.db))[0]?.id ?? '');
      expect((await importPersons(copy.db, keyring, Readable.from([moved]))).households).toBe(1);
      expect(records(await exportToText(copy))[0]?.document_name_as_printed).toBe(
        ';SHEVCHENKO OLHA',
      );
      const { rows } = await listPersonsForExport(copy.db, keyring, {}, undefined, 10);
      expect(rows[0]?.documents.map((d) => d.nameAsPrinted)).toEqual([null, 'SHEVCHENKO OLHA']);
    } finally {
      await copy.close();
    }
  });
});
