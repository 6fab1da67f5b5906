import { utils, write } from '@e965/xlsx';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type AuthHeaders, type TestApi } from '../test-support/factories.js';
import { openCorridorWithRun } from './test-support/evacuations.js';

let api: TestApi;
let coordinator: AuthHeaders;
beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
});
afterAll(() => api.close());

type Format = 'xlsx' | 'ods';
const FORMATS: readonly Format[] = ['xlsx', 'ods'];

/** A real workbook, as a spreadsheet program saves it: Date values become date cells. */
function workbook(rows: unknown[][], format: Format): string {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(rows, { cellDates: true, UTC: true }), 'Bus 1');
  utils.book_append_sheet(book, utils.aoa_to_sheet([['not', 'read']]), 'Notes');
  const bytes = write(book, {
    type: 'buffer',
    bookType: format,
    cellDates: true,
    compression: true,
  }) as Buffer;
  return bytes.toString('base64');
}

const importFile = (runId: string, body: Record<string, string>) =>
  api.post(`/api/v1/evacuation-runs/${runId}/manifest/import`, body, coordinator);
interface ManifestMember {
  givenName: string;
  birthDate: string;
  documentNumber: string | null;
  sourceLine: number | null;
}
const manifestOf = async (runId: string) =>
  (await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, coordinator)).json<{
    boarded: number;
    households: { members: ManifestMember[] }[];
  }>();
const fieldsOf = (body: { errors?: { field: string }[] }) =>
  (body.errors ?? []).map((e) => e.field);

describe.each(FORMATS)('manifest import from .%s', (format) => {
  it('imports the first sheet: households, date cells and text dates, numbers as text', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const answer = await importFile(runId, {
      [format]: workbook(
        [
          [],
          [
            'Household',
            'Given Name',
            'Family Name',
            'Sex',
            'Birth Date',
            'Document Type',
            'Document Number',
          ],
          [
            'H1',
            'Олена',
            'Шевченко',
            'female',
            new Date(Date.UTC(1985, 1, 3)),
            'international-passport',
            'FE123456',
          ],
          ['H1', 'Данило', 'Шевченко', 'male', '2012-04'],
          ['H2', 'Петро', 'Коваль', 'male', 1970, 'national-id-card', 987654321],
        ],
        format,
      ),
    });
    expect(answer.json()).toMatchObject({ households: 2, persons: 3 });
    const members = (await manifestOf(runId)).households.flatMap((h) => h.members);
    expect(members.map((m) => [m.givenName, m.birthDate, m.documentNumber, m.sourceLine])).toEqual([
      ['Олена', '1985-02-03', 'FE123456', 3],
      ['Данило', '2012-04', null, 4],
      ['Петро', '1970', '987654321', 5],
    ]);
  });

  it('refuses it whole naming each bad cell by its row, like a CSV', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const answer = await importFile(runId, {
      [format]: workbook(
        [
          ['household', 'given_name', 'family_name', 'sex', 'birth_date'],
          ['H1', 'Олена', 'Шевченко', 'female', '1985-02-30'],
          ['H1', 'Данило', 'Шевченко', 'boy', '2012'],
          ['H2', 'Петро', 'Коваль', 'male', '1970'],
        ],
        format,
      ),
    });
    expect(answer.statusCode).toBe(400);
    expect(fieldsOf(answer.json())).toEqual([`${format}.row2.birth_date`, `${format}.row3.sex`]);
    expect(answer.json().errors[1].message).toMatch(/^Row 3 \(sex\): /);
    expect((await manifestOf(runId)).boarded).toBe(0);
  });

  it('lists missing columns and refuses the same person twice by row', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const missing = await importFile(runId, {
      [format]: workbook(
        [
          ['household', 'family_name', 'sex'],
          ['H1', 'Шевченко', 'female'],
        ],
        format,
      ),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'missing-columns' });
    expect(fieldsOf(missing.json())).toEqual([`${format}.given_name`, `${format}.birth_date`]);

    const twice = await importFile(runId, {
      [format]: workbook(
        [
          ['household', 'given_name', 'family_name', 'sex', 'birth_date'],
          ['H1', 'Олена', 'Шевченко', 'female', new Date(Date.UTC(1985, 1, 3))],
          ['H2', 'Olena', 'Shevchenko', 'female', '1985-02-03'],
        ],
        format,
      ),
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([
      expect.objectContaining({
        field: `${format}.row3`,
        message: expect.stringMatching(/^Row 3 repeats row 2/),
      }),
    ]);
  });

  it('refuses a sheet longer than a manifest without importing part of it', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const rows = Array.from({ length: 10_001 }, (_, i) => [
      `H${i}`,
      `Name${'abcdefghij'[i % 10] ?? ''}`,
      'Коваль',
      'male',
      String(1950 + (i % 50)),
    ]);
    const answer = await importFile(runId, {
      [format]: workbook(
        [['household', 'given_name', 'family_name', 'sex', 'birth_date'], ...rows],
        format,
      ),
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([
      { field: format, in: 'body', message: 'At most 10000 people per manifest' },
    ]);
  });
});

describe('spreadsheet import refuses what is not a spreadsheet', () => {
  it('answers 413 to a zip bomb without inflating it whole', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    // 40 MB of zeros deflate to about 170 KB.
    const bomb = zipSync(
      { 'xl/worksheets/sheet1.xml': new Uint8Array(40 * 1024 * 1024) },
      { level: 1 },
    );
    const answer = await importFile(runId, { xlsx: Buffer.from(bomb).toString('base64') });
    expect(answer.statusCode).toBe(413);
    expect(answer.json()).toMatchObject({
      code: 'spreadsheet-too-large',
      errors: [{ field: 'xlsx', in: 'body' }],
    });
  });

  it('answers 400 naming the field for a file that is not a workbook', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const text = Buffer.from('household,given_name\nH1,Олена\n').toString('base64');
    const answer = await importFile(runId, { ods: text });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([
      { field: 'ods', in: 'body', message: 'Not an .ods file' },
    ]);
    const broken = await importFile(runId, { xlsx: 'not base64!' });
    expect(broken.statusCode).toBe(400);
    expect(fieldsOf(broken.json())).toEqual(['xlsx']);
  });

  it('wants exactly one file, and answers 413 past the body limit', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const both = await importFile(runId, { csv: 'a', xlsx: 'UEsDBA==' });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors).toEqual([
      { field: 'csv', in: 'body', message: 'Give exactly one of csv, xlsx, ods' },
    ]);
    const huge = await importFile(runId, { xlsx: 'A'.repeat(9 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'body-too-large' });
  });
});
