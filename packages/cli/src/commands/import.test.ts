import { Readable } from 'node:stream';
import {
  countPersonsForExport,
  ensureSites,
  listPersonsForExport,
  type Database,
} from '@haven/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { IMPORT_COLUMNS } from '../persons-csv/columns.js';
import { importPersons } from './import.js';

const HEADER = IMPORT_COLUMNS.join(',');

/** A row of the persons file; `siteId` fills site_id. */
function row(
  siteId: string,
  cells: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>,
): string {
  const values: Record<string, string> = {
    relationship_to_head: 'head',
    given_name: 'Олена',
    family_name: 'Шевченко',
    patronymic: 'Іванівна',
    sex: 'female',
    birth_date: '1985-04-12',
    nationality: 'UKR',
    site_id: siteId,
    registered_at: '2022-03-05T09:30:00.000Z',
    registrar: 'Anna Nowak',
    origin_pcode: 'UA63',
    arrival_mode: 'train',
    arrival_date: '2022-03-05',
    ...cells,
  };
  return IMPORT_COLUMNS.map((c) => values[c] ?? '').join(',');
}

const csv = (...lines: string[]): Readable => Readable.from([`${[HEADER, ...lines].join('\n')}\n`]);

describe('haven import', () => {
  let database: Database;
  let siteId: string;

  beforeEach(async () => {
    database = await openTestDatabase();
    const [site] = await ensureSites(database.db, [
      {
        name: 'Medyka',
        countryCode: 'PL',
        kind: 'border-crossing',
        latitude: 49.8039,
        longitude: 22.9347,
      },
    ]);
    siteId = site?.id ?? '';
  });
  afterEach(() => database.close());

  it('stores valid households whole and rejects a household with a bad row, naming line and column', async () => {
    const problems: unknown[] = [];
    const summary = await importPersons(
      database.db,
      csv(
        row(siteId, {
          household_ref: 'A',
          document_type: 'international-passport;national-id-card',
          document_country: 'UKR;UKR',
          document_number: 'FE123456;001234567',
          specific_needs: 'SP-PT WR-UW',
          consent_purposes: 'registration contact',
          consent_method: 'verbal',
        }),
        row(siteId, {
          household_ref: 'A',
          relationship_to_head: 'child',
          given_name: 'Дмитро',
          sex: 'male',
          birth_date: '2014-09',
          patronymic: 'Олегович',
        }),
        // Household B: its second member has an impossible sex and birth date; the head must not be stored either.
        row(siteId, {
          household_ref: 'B',
          given_name: 'Тетяна',
          consent_purposes: 'registration',
          consent_method: 'signed',
        }),
        row(siteId, {
          household_ref: 'B',
          relationship_to_head: 'child',
          given_name: 'Марко',
          sex: 'boy',
          birth_date: '2022-02-30',
        }),
        row(siteId, {
          household_ref: 'C',
          given_name: 'Ганна',
          consent_purposes: 'registration',
          consent_method: 'verbal',
        }),
      ),
      { onProblem: (p) => problems.push(p) },
    );

    expect(summary).toEqual({
      households: 2,
      persons: 3,
      rejectedHouseholds: 1,
      rejectedRows: 2,
      problems: 2,
    });
    expect(problems).toEqual([
      expect.objectContaining({ line: 5, column: 'sex', householdRef: 'B' }),
      expect.objectContaining({
        line: 5,
        column: 'birth_date',
        householdRef: 'B',
        message: 'Is not a real calendar date',
      }),
    ]);
    const { rows } = await listPersonsForExport(database.db, {}, undefined, 100);
    expect(rows.map((r) => r.givenName).sort()).toEqual(['Ганна', 'Дмитро', 'Олена']);
    const olena = rows.find((r) => r.givenName === 'Олена');
    expect(olena).toMatchObject({
      documents: [
        { type: 'international-passport', issuingCountry: 'UKR', number: 'FE123456' },
        { type: 'national-id-card', issuingCountry: 'UKR', number: '001234567' },
      ],
      specificNeeds: ['SP-PT', 'WR-UW'],
      consentPurposes: ['registration', 'contact'],
      givenNameLatin: 'Olena',
    });
  });

  it('reports household fields that differ between rows, missing consent and split households', async () => {
    const problems: unknown[] = [];
    const summary = await importPersons(
      database.db,
      csv(
        row(siteId, {
          household_ref: 'A',
          consent_purposes: 'registration',
          consent_method: 'verbal',
        }),
        row(siteId, {
          household_ref: 'A',
          relationship_to_head: 'child',
          birth_date: '2015',
          origin_pcode: 'UA80',
        }),
        row(siteId, { household_ref: 'B' }),
        row(siteId, {
          household_ref: 'A',
          consent_purposes: 'registration',
          consent_method: 'verbal',
        }),
      ),
      { onProblem: (p) => problems.push(p) },
    );

    expect(summary.households).toBe(0);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 'origin_pcode', householdRef: 'A' }),
      expect.objectContaining({ line: 4, column: 'consent_purposes', householdRef: 'B' }),
      expect.objectContaining({ line: 5, column: 'household_ref', householdRef: 'A' }),
    ]);
    expect(await countPersonsForExport(database.db, {})).toBe(0);
  });

  it('refuses a file whose header lacks a required column or has an unknown one', async () => {
    await expect(
      importPersons(database.db, Readable.from(['household_ref,given_name\nA,Олена\n'])),
    ).rejects.toThrow(/Missing columns in the header: relationship_to_head, family_name/);
    await expect(
      importPersons(database.db, Readable.from([`${HEADER},shoe_size\n`])),
    ).rejects.toThrow(/Unknown column 'shoe_size'/);
  });

  it('stops at a malformed line, saying how many whole households before it are stored', async () => {
    const file = csv(
      row(siteId, {
        household_ref: 'A',
        consent_purposes: 'registration',
        consent_method: 'verbal',
      }),
      row(siteId, {
        household_ref: 'B',
        consent_purposes: 'registration',
        consent_method: 'verbal',
      }),
      '"C,head',
    );
    const error = await importPersons(database.db, file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(
      /Quote Not Closed.*the (\d) valid households before it are stored/,
    );
    const stored = Number(/the (\d) valid/.exec(String(error))?.[1]);
    // B may continue on the damaged line, so it is never stored; A is, when the parser got to it.
    const { rows } = await listPersonsForExport(database.db, {}, undefined, 10);
    expect(rows).toHaveLength(stored);
    expect(stored).toBeLessThanOrEqual(1);
  });

  it('registers every household at --site-id, even when the file names an unknown site', async () => {
    const summary = await importPersons(
      database.db,
      csv(
        row('00000000-0000-4000-8000-000000000000', {
          household_ref: 'A',
          consent_purposes: 'registration',
          consent_method: 'verbal',
        }),
      ),
      { siteId },
    );
    expect(summary.households).toBe(1);
    const { rows } = await listPersonsForExport(database.db, {}, undefined, 10);
    expect(rows[0]?.siteId).toBe(siteId);
  });
});
