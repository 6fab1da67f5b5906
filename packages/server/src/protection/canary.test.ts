import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceRecoveryCodes, startEnrolment } from '../access/mfa-queries.js';
import { openCorridorWithRun } from '../corridors/test-support/evacuations.js';
import { dumpPglite, queryRows, type Database, type Db } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  testUser,
  type TestApi,
} from '../test-support/factories.js';
import { openTestDatabase } from '../test-support/database.js';
import { testDatabaseUrl } from '../test-support/global-setup.js';
import { documentNumberBinding, needBinding } from './bindings.js';
import { openDocumentNumber } from './document-numbers.js';
import { SealBrokenError } from './errors.js';
import { createEphemeralKeyring } from './keyring.js';
import { insertDocument, listStoredDocuments } from './test-support/documents.js';
import { insertPerson, insertSealedNeed, listStoredNeeds } from './test-support/needs.js';

const run = promisify(execFile);

/** Every row of every table as text: what `pg_dump --data-only` would write, on either engine. */
async function dumpRows(db: Db): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const lines: string[] = [];
  for (const { name } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`SELECT t::text AS row FROM ${sql.identifier(name)} AS t`,
    );
    lines.push(...rows.map((r) => r.row));
  }
  return lines.join('\n');
}

/** PGlite's data directory as a tarball, decompressed when it comes compressed: the disk's bytes. */
async function dumpFiles(database: Database): Promise<Buffer> {
  const tarball = Buffer.from(await (await dumpPglite(database)).arrayBuffer());
  const isGzip = tarball[0] === 0x1f && tarball[1] === 0x8b;
  return isGzip ? gunzipSync(tarball) : tarball;
}

/** `pg_dump` of the test database, as an attacker holding a backup would have it. */
async function pgDump(db: Db): Promise<Buffer> {
  const [row] = await queryRows<{ name: string }>(db, sql`SELECT current_database() AS name`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${row?.name ?? ''}`;
  const { stdout } = await run('pg_dump', ['--dbname', url.toString()], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

/** A name made of letters only (person names refuse digits), unique to this test run. */
const lettersOf = (hex: string): string =>
  hex.replace(/[0-9]/g, (digit) => 'ghijklmnop'.charAt(Number(digit)));

describe('a database dump without the key (issue 4 item 5, issue 7 item 3, issue 5)', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  it('shows none of the planted sensitive values', async () => {
    const { db } = api.database;
    // Unique, so that a match can only come from this test's rows.
    const tag = randomUUID().replaceAll('-', '').toUpperCase();
    const documentNumber = `CN${tag.slice(0, 14)}`;
    const pseudonymisedNumber = `PS${tag.slice(14, 28)}`;
    const pseudonymisedName = `Zq${lettersOf(tag.slice(0, 16).toLowerCase())}`;
    const note = `canary note ${tag}: sheltered with her children, address withheld`;
    const needCode = `CANARY-CODE-${tag}`;
    const totpSecret = `CANARYTOTP${tag}`;
    const clear = `CLEAR-CONTROL-${tag}`;
    const manifestNumber = `MF${tag.slice(4, 18)}`;

    // Through the API, as a caseworker registers: a passport and a protection-class need's note.
    const created = await api.post(
      '/api/v1/registrations',
      buildRegistration(api.siteId, {
        household: {
          members: [
            buildPerson({
              documents: [
                {
                  type: 'international-passport',
                  issuingCountry: 'UKR',
                  number: documentNumber,
                },
              ],
              specificNeeds: [{ code: 'SV-VF', note }],
            }),
            buildPerson({
              givenName: pseudonymisedName,
              relationshipToHead: 'child',
              birthDate: '2014-09-01',
              documents: [
                { type: 'birth-certificate', issuingCountry: 'UKR', number: pseudonymisedNumber },
              ],
              specificNeeds: [],
            }),
          ],
        },
      }),
    );
    expect(created.statusCode).toBe(201);
    const { id: registrationId } = created.json<{ id: string }>();
    const registration = await api.get(`/api/v1/registrations/${registrationId}`);
    const members = registration.json<{
      members: { id: string; documents: { number: string }[] }[];
    }>().members;
    expect(members[0]?.documents[0]?.number).toBe(documentNumber);
    const [head, child] = members;

    // Pseudonymised: the child's identity, document number included, is kept sealed.
    const erased = await api.post(
      `/api/v1/persons/${child?.id ?? ''}/erasure`,
      { mode: 'pseudonymise', reason: 'Request 2022/17' },
      api.admin,
    );
    expect(erased.statusCode).toBe(200);

    // A protection-class code, sealed as registration seals it (codes come from a closed list).
    await insertSealedNeed(db, api.keyring, head?.id ?? '', { code: needCode, note: null });
    // A staff member's second factor: the TOTP secret sealed, recovery codes hashed.
    const { userId } = await testUser(db, 'caseworker', { countries: ['PL'], siteIds: [] });
    expect(await startEnrolment(db, api.keyring, userId, totpSecret)).toBe(true);
    const recoveryCodes = await replaceRecoveryCodes(db, userId);
    // A control stored in clear proves the search sees the table's data at all.
    await db.execute(sql`
      INSERT INTO specific_needs (id, person_id, code, sensitivity, status, recorded_at, recorded_by)
      VALUES (${randomUUID()}, ${head?.id ?? ''}, ${clear}, 'standard', 'active', now(), 'test')`);

    // An evacuation manifest entry with a passport, as a coordinator enters it (issue 5).
    const coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
    const { runId } = await openCorridorWithRun(api, coordinator);
    const boarded = await api.post(
      `/api/v1/evacuation-runs/${runId}/manifest/households`,
      {
        members: [
          {
            givenName: 'Олена',
            familyName: 'Коваль',
            sex: 'female',
            birthDate: '1979-05-06',
            relationshipToHead: 'head',
            documentType: 'international-passport',
            documentNumber: manifestNumber,
          },
        ],
      },
      coordinator,
    );
    expect(boarded.statusCode, boarded.body).toBe(201);
    expect(boarded.body).toContain(manifestNumber);

    // Every use still works: found by its number (as typed, lower case and spaced).
    const search = await api.get(
      `/api/v1/registrations?document=${encodeURIComponent(
        `${documentNumber.slice(0, 6).toLowerCase()} ${documentNumber.slice(6)}`,
      )}`,
    );
    expect(search.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([
      registrationId,
    ]);

    // Never stored in clear: absent from the rows, from pg_dump and from the disk's bytes.
    const sealed = [
      documentNumber,
      pseudonymisedNumber,
      manifestNumber,
      note,
      `canary note ${tag}`,
      needCode,
      totpSecret,
      ...recoveryCodes,
    ];
    // Names are stored in clear until pseudonymisation seals them: gone from every live row (and
    // so from pg_dump), but PostgreSQL's old row versions and write-ahead log keep the bytes on
    // disk until VACUUM and checkpoints recycle them, so the raw files are not checked for it.
    const pseudonymised = [pseudonymisedName];
    const rows = await dumpRows(db);
    expect(rows).toContain(clear);
    for (const secret of [...sealed, ...pseudonymised]) {
      expect(rows, secret).not.toContain(secret);
    }

    if (api.database.engine === 'pglite') {
      const files = await dumpFiles(api.database);
      expect(files.includes(clear)).toBe(true);
      for (const secret of sealed) {
        expect(files.includes(secret), secret).toBe(false);
      }
    } else {
      const dump = await pgDump(db);
      expect(dump.includes(clear)).toBe(true);
      for (const secret of [...sealed, ...pseudonymised]) {
        expect(dump.includes(secret), secret).toBe(false);
      }
    }
  });
});

describe('a sealed value moved to another place', () => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.close());

  it("does not open on another person's row, another column or another country's record", async () => {
    const { db } = database;
    const keyring = createEphemeralKeyring();
    const inPoland = await insertPerson(db, 'PL');
    const inMoldova = await insertPerson(db, 'MD');
    const polish = await insertDocument(db, keyring, inPoland, 'FE111111', 'PL');
    const moldovan = await insertDocument(db, keyring, inMoldova, 'AB222222', 'MD');
    const needId = await insertSealedNeed(
      db,
      keyring,
      inPoland,
      { code: 'SV-VF', note: 'her note' },
      'PL',
    );

    // Someone with write access copies the Polish passport number onto the Moldovan person.
    await db.execute(sql`UPDATE identity_documents SET number_sealed =
      (SELECT number_sealed FROM identity_documents WHERE id = ${polish}) WHERE id = ${moldovan}`);
    const copied = (await listStoredDocuments(db)).find((d) => d.id === moldovan);
    const failure = (() => {
      try {
        return openDocumentNumber(
          keyring,
          { id: moldovan, numberSealed: copied?.numberSealed ?? null },
          'MD',
        );
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(SealBrokenError);
    expect(String(failure)).toMatch(/sealed for PL data.*another country/);
    expect(String(failure)).not.toContain('FE111111');

    // The same row read as another country's record: the Polish key does not open for Moldova.
    const original = (await listStoredDocuments(db)).find((d) => d.id === polish);
    expect(() =>
      keyring.open(original?.numberSealed ?? '', documentNumberBinding(polish, 'MD')),
    ).toThrow(SealBrokenError);
    // Another person in the same country: the row id is bound.
    const samePolish = await insertDocument(db, keyring, await insertPerson(db, 'PL'), 'X', 'PL');
    expect(() =>
      keyring.open(original?.numberSealed ?? '', documentNumberBinding(samePolish, 'PL')),
    ).toThrow(/does not open/);

    // A need's note copied into its code column: the column is bound.
    const [need] = (await listStoredNeeds(db)).filter((n) => n.id === needId);
    expect(() => keyring.open(need?.noteSealed ?? '', needBinding(needId, 'code', 'PL'))).toThrow(
      SealBrokenError,
    );
    expect(keyring.open(need?.noteSealed ?? '', needBinding(needId, 'note', 'PL'))).toBe(
      'her note',
    );
  });
});

describe('a swapped document number seen through the API', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(() => api.close());

  it('is refused rather than shown as the other person’s number', async () => {
    const register = async (number: string) => {
      const response = await api.post(
        '/api/v1/registrations',
        buildRegistration(api.siteId, {
          household: {
            members: [
              buildPerson({
                documents: [{ type: 'international-passport', issuingCountry: 'UKR', number }],
              }),
            ],
          },
        }),
      );
      return response.json<{ id: string }>().id;
    };
    const first = await register('FE333333');
    const second = await register('FE444444');
    await api.database.db.execute(sql`
      UPDATE identity_documents SET number_sealed = (
        SELECT d.number_sealed FROM identity_documents d JOIN persons p ON p.id = d.person_id
        JOIN registrations r ON r.household_id = p.household_id WHERE r.id = ${first})
      WHERE person_id IN (SELECT p.id FROM persons p
        JOIN registrations r ON r.household_id = p.household_id WHERE r.id = ${second})`);
    const response = await api.get(`/api/v1/registrations/${second}`);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('FE333333');
    expect(
      (await api.get(`/api/v1/registrations/${first}`)).json<{
        members: { documents: { number: string }[] }[];
      }>().members[0]?.documents[0]?.number,
    ).toBe('FE333333');
  });
});
