import { Readable } from 'node:stream';
import {
  countPersonsForExport,
  ensureSites,
  listPersonsForExport,
  planRegistration,
  type Database,
} from '@haven/server';
import { createEphemeralKeyring } from '@haven/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { errorMessage } from '../database.js';
import { IMPORT_COLUMNS } from '../persons-csv/columns.js';
import { parseHousehold } from '../persons-csv/household-input.js';
import { readHouseholds } from '../persons-csv/read-households.js';
import { importPersons, writeHouseholds, type PlannedHousehold } from './import.js';

const keyring = createEphemeralKeyring();

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
      keyring,
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
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 100);
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
      keyring,
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
      importPersons(database.db, keyring, Readable.from(['household_ref,given_name\nA,Олена\n'])),
    ).rejects.toThrow(/Missing columns in the header: relationship_to_head, family_name/);
    await expect(
      importPersons(database.db, keyring, Readable.from([`${HEADER},shoe_size\n`])),
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
    const error = await importPersons(database.db, keyring, file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(
      /Quote Not Closed.*the (\d) valid households before it are stored/,
    );
    const stored = Number(/the (\d) valid/.exec(String(error))?.[1]);
    // B may continue on the damaged line, so it is never stored; A is, when the parser got to it.
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 10);
    expect(rows).toHaveLength(stored);
    expect(stored).toBeLessThanOrEqual(1);
  });

  it('registers every household at --site-id, even when the file names an unknown site', async () => {
    const summary = await importPersons(
      database.db,
      keyring,
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
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 10);
    expect(rows[0]?.siteId).toBe(siteId);
  });

  /** The households of a file, planned as the import plans them. */
  async function plan(file: Readable): Promise<PlannedHousehold[]> {
    const planned: PlannedHousehold[] = [];
    for await (const household of readHouseholds(file)) {
      const parsed = parseHousehold(household, { siteId: undefined, isKnownSite: () => true });
      if (parsed.kind !== 'valid') {
        throw new Error(`invalid test household ${household.ref}`);
      }
      planned.push({
        ref: household.ref,
        firstLine: household.rows[0]?.line ?? 0,
        lastLine: household.rows.at(-1)?.line ?? 0,
        rows: household.rowCount,
        persons: parsed.persons,
        plan: planRegistration(parsed.registration, new Date().toISOString(), parsed.registrar),
      });
    }
    return planned;
  }

  const consented = { consent_purposes: 'registration', consent_method: 'verbal' };

  it('retries a batch the database refuses one household at a time, keeping the good ones, without personal data in the message', async () => {
    const planned = await plan(
      csv(
        row(siteId, { household_ref: 'A', given_name: 'Ярина', ...consented }),
        row(siteId, { household_ref: 'B', given_name: 'Зиновія', ...consented }),
        row(siteId, {
          household_ref: 'B',
          given_name: 'Остап',
          relationship_to_head: 'child',
          birth_date: '2015',
        }),
        row(siteId, { household_ref: 'C', given_name: 'Устим', ...consented }),
      ),
    );
    // A value the contract accepts but the database refuses: a site that does not exist.
    const bad = planned[1];
    if (!bad) {
      throw new Error('no household B');
    }
    planned[1] = { ...bad, plan: { ...bad.plan, siteId: '00000000-0000-4000-8000-000000000000' } };

    const { written, refused } = await writeHouseholds(
      { db: database.db, keyring, countryOfSite: new Map([[siteId, 'PL']]) },
      planned,
    );
    expect(written.map((h) => h.ref)).toEqual(['A', 'C']);
    expect(refused).toEqual([
      {
        household: expect.objectContaining({ ref: 'B', firstLine: 3, lastLine: 4 }),
        failure: expect.objectContaining({ code: '23503' }),
      },
    ]);
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 10);
    expect(rows.map((r) => r.givenName).sort()).toEqual(['Устим', 'Ярина']);

    const failure = refused[0]?.failure;
    for (const name of ['Зиновія', 'Остап', 'Zynoviia', 'Ostap']) {
      expect(failure?.message).not.toContain(name);
    }
  });

  it('prints a database error without the statement or its parameters', async () => {
    const [bad] = await plan(
      csv(row(siteId, { household_ref: 'A', given_name: 'Зиновія', ...consented })),
    );
    if (!bad) {
      throw new Error('no household');
    }
    const { insertRegistrations } = await import('@haven/server');
    const error = await insertRegistrations(
      database.db,
      keyring,
      [{ ...bad.plan, siteId: '00000000-0000-4000-8000-000000000000' }],
      () => 'PL',
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    const message = errorMessage(error);
    expect(message).toMatch(/23503/);
    expect(message).not.toContain('Зиновія');
    expect(message).not.toContain('Zynoviia');
    expect(message).not.toMatch(/insert into/i);
  });

  it('reports a household of more than 30 rows once, without keeping its rows', async () => {
    const problems: { line: number; column: string; householdRef: string }[] = [];
    const rows = Array.from({ length: 200 }, (_, i) =>
      row(
        siteId,
        i === 0
          ? { household_ref: 'BIG', ...consented }
          : { household_ref: 'BIG', relationship_to_head: 'child', birth_date: '2015' },
      ),
    );
    const sizes: number[] = [];
    for await (const household of readHouseholds(csv(...rows))) {
      sizes.push(household.rows.length, household.rowCount);
    }
    expect(sizes).toEqual([30, 200]);

    const summary = await importPersons(
      database.db,
      keyring,
      csv(...rows, row(siteId, { household_ref: 'OK', ...consented })),
      {
        onProblem: (p) => problems.push(p),
      },
    );
    expect(summary).toMatchObject({ households: 1, rejectedHouseholds: 1, rejectedRows: 200 });
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, column: 'household_ref', householdRef: 'BIG' }),
    ]);
  });

  it('reports every row with a blank household_ref on its own line, never gathering them', async () => {
    const rows = Array.from({ length: 50 }, () => row(siteId, { household_ref: '', ...consented }));
    const households: number[] = [];
    for await (const household of readHouseholds(csv(...rows))) {
      households.push(household.rows.length);
    }
    expect(households).toEqual(Array.from({ length: 50 }, () => 1));
    const problems: { line: number; column: string }[] = [];
    const summary = await importPersons(database.db, keyring, csv(...rows.slice(0, 3)), {
      onProblem: (p) => problems.push(p),
    });
    expect(summary).toMatchObject({ households: 0, rejectedHouseholds: 3, rejectedRows: 3 });
    expect(problems.filter((p) => p.column === 'household_ref').map((p) => p.line)).toEqual([
      2, 3, 4,
    ]);
  });

  it('imports the names as printed on documents, blank where a document has none', async () => {
    await importPersons(
      database.db,
      keyring,
      csv(
        row(siteId, {
          household_ref: 'A',
          document_type: 'international-passport;national-id-card',
          document_country: 'UKR;UKR',
          document_number: 'FE123456;001234567',
          document_name_as_printed: 'SHEVCHENKO OLENA;',
          ...consented,
        }),
      ),
    );
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 10);
    expect(rows[0]?.documents).toEqual([
      {
        type: 'international-passport',
        issuingCountry: 'UKR',
        number: 'FE123456',
        nameAsPrinted: 'SHEVCHENKO OLENA',
      },
      { type: 'national-id-card', issuingCountry: 'UKR', number: '001234567', nameAsPrinted: null },
    ]);
  });
});
