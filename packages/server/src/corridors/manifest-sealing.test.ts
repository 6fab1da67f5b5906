import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import { documentNumberBinding } from '../protection/bindings.js';
import { startTestApi, type AuthHeaders, type TestApi } from '../test-support/factories.js';
import { openCorridorWithRun, uniqueName, type ManifestJson } from './test-support/evacuations.js';

let api: TestApi;
let coordinator: AuthHeaders;
let registrar: AuthHeaders;
beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
  registrar = await api.as('registrar');
});
afterAll(() => api.close());

/** A passport number no other test writes, as a coordinator types it (a space inside). */
const passportNumber = (): string => {
  const digits = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  return `FE ${digits}`;
};

interface StoredEntry {
  id: string;
  sealed: string | null;
  index: string | null;
  row: string;
}

/** The manifest rows of a run as the database holds them, each as one line of text. */
const storedEntries = (runId: string): Promise<StoredEntry[]> =>
  queryRows<StoredEntry>(
    api.database.db,
    sql`SELECT id, document_number_sealed AS sealed, document_number_index AS index, m::text AS row
        FROM manifest_persons m WHERE run_id = ${runId} ORDER BY position`,
  );

const importCsv = (runId: string, lines: string[]) =>
  api.post(
    `/api/v1/evacuation-runs/${runId}/manifest/import`,
    { csv: `${lines.join('\n')}\n` },
    coordinator,
  );

const HEADER = 'household;given_name;family_name;sex;birth_date;document_type;document_number';

describe('manifest document numbers (issues 5 and 7)', () => {
  it('are stored sealed with the run country key, and shown as entered to who reads the manifest', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const number = passportNumber();
    const family = uniqueName();
    const imported = await importCsv(runId, [
      HEADER,
      `H1;${uniqueName()};${family};female;1984-03-02;international-passport;${number}`,
      `H1;${uniqueName()};${family};male;2015;;`,
    ]);
    expect(imported.statusCode, imported.body).toBe(201);

    const [withDocument, without] = await storedEntries(runId);
    // Neither as typed nor normalised anywhere in the row.
    expect(withDocument?.row).not.toContain(number);
    expect(withDocument?.row).not.toContain(number.replace(' ', ''));
    // The run ends at a Polish site: Poland's key, bound to this row of manifest_persons.
    expect(withDocument?.sealed?.split('.')[2]).toBe('PL');
    expect(
      api.keyring.open(
        withDocument?.sealed ?? '',
        documentNumberBinding(withDocument?.id ?? '', 'PL', 'manifest_persons'),
      ),
    ).toBe(number);
    // The same global blind index as registered documents: one passport indexes alike.
    expect(withDocument?.index).toBe(
      api.keyring.blindIndex('document-number', number.replace(' ', '')),
    );
    expect(without).toMatchObject({ sealed: null, index: null });

    for (const reader of [coordinator, registrar]) {
      const manifest = await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, reader);
      expect(manifest.statusCode).toBe(200);
      const members = manifest.json<{
        households: { members: { documentNumber: string | null }[] }[];
      }>().households[0]?.members;
      expect(members?.map((m) => m.documentNumber)).toEqual([number, null]);
    }
  });

  it('still find the same document twice, on import and on quick entry, however it is typed', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const number = passportNumber();
    const first = await importCsv(runId, [
      HEADER,
      `H1;${uniqueName()};${uniqueName()};female;1984-03-02;international-passport;${number}`,
    ]);
    expect(first.statusCode, first.body).toBe(201);

    // A later file lists the same passport under another name, without the space, lower case.
    const again = await importCsv(runId, [
      HEADER,
      `H7;${uniqueName()};${uniqueName()};female;1990-01-01;international-passport;${number.replace(' ', '').toLowerCase()}`,
    ]);
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({
      code: 'duplicate-persons',
      errors: [
        expect.objectContaining({
          field: 'csv.line2',
          message: expect.stringMatching(/same identity document/),
        }),
      ],
    });

    const quick = await api.post(
      `/api/v1/evacuation-runs/${runId}/manifest/households`,
      {
        members: [
          {
            givenName: uniqueName(),
            familyName: uniqueName(),
            sex: 'male',
            birthDate: '1970',
            relationshipToHead: 'head',
            documentType: 'international-passport',
            documentNumber: number,
          },
        ],
      },
      coordinator,
    );
    expect(quick.statusCode).toBe(422);
    expect(quick.json().errors).toEqual([
      expect.objectContaining({
        field: 'members[0]',
        message: expect.stringMatching(/same identity document/),
      }),
    ]);
    expect(await storedEntries(runId)).toHaveLength(1);
  });

  it('match an arrival by document at check-in and pre-fill the registration with the opened number', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const number = passportNumber();
    const givenName = uniqueName();
    const familyName = uniqueName();
    await importCsv(runId, [
      HEADER,
      `H1;${givenName};${familyName};female;1984-03-02;international-passport;${number}`,
    ]);
    const [entry] = await storedEntries(runId);

    // The registrar does not find her under the name she gives, but her passport is on the list.
    const checkIn = await api.post(
      `/api/v1/evacuation-runs/${runId}/check-ins`,
      {
        unexpectedPerson: {
          givenName: uniqueName(),
          familyName: uniqueName(),
          sex: 'female',
          birthDate: '1984',
          relationshipToHead: 'head',
          documentType: 'international-passport',
          documentNumber: number.replace(' ', ''),
        },
      },
      registrar,
    );
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    expect(checkIn.json().arrivals).toEqual([
      expect.objectContaining({ manifestPersonId: entry?.id, unexpected: false }),
    ]);
    const [member] = checkIn.json<{
      registrationDraft: { household: { members: Record<string, unknown>[] } };
    }>().registrationDraft.household.members;
    expect(member).toMatchObject({
      givenName,
      familyName,
      documents: [{ type: 'international-passport', issuingCountry: 'UKR', number }],
    });

    // Registered from the draft: the registered document holds the number the manifest held.
    // The form sends the person without the manifest link (RegistrationInput is strict).
    const person = Object.fromEntries(
      Object.entries(member ?? {}).filter(([key]) => key !== 'manifestPersonId'),
    );
    const registered = await api.post(
      '/api/v1/registrations',
      {
        ...checkIn.json().registrationDraft,
        household: { members: [person] },
        consent: { purposes: ['registration'], givenByMember: 0, method: 'verbal' },
      },
      registrar,
    );
    expect(registered.statusCode, registered.body).toBe(201);
    const personId = registered.json<{ members: { id: string }[] }>().members[0]?.id ?? '';
    const linked = await api.post(
      `/api/v1/manifest-persons/${entry?.id ?? ''}/registration-link`,
      { registrationPersonId: personId },
      registrar,
    );
    expect(linked.json()).toMatchObject({ documentNumber: number, registrationPersonId: personId });

    // Subject access shows the manifest entry with its number opened.
    const access = await api.get(
      `/api/v1/persons/${personId}/subject-data?reason=${encodeURIComponent('Request 2022/41')}`,
      api.admin,
    );
    expect(access.statusCode, access.body).toBe(200);
    expect(access.json().evacuationManifests).toEqual([
      expect.objectContaining({ id: entry?.id, givenName, documentNumber: number }),
    ]);

    // Erasure clears the entry with the person: no name, no sealed number, no index.
    const erased = await api.post(
      `/api/v1/persons/${personId}/erasure`,
      { mode: 'erase', reason: 'Request 2022/42' },
      api.admin,
    );
    expect(erased.statusCode, erased.body).toBe(200);
    const [after] = await storedEntries(runId);
    expect(after).toMatchObject({ sealed: null, index: null });
    expect(after?.row).not.toContain(givenName);
    expect(after?.row).not.toContain(familyName);
    const manifest = await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, coordinator);
    expect(manifest.json<ManifestJson>()).toMatchObject({ boarded: 1, arrived: 1 });
    expect(
      manifest.json<{ households: { members: Record<string, unknown>[] }[] }>().households[0]
        ?.members[0],
    ).toMatchObject({ givenName: '[erased]', documentType: null, documentNumber: null });
  });
});
