import { describe, expect, it } from 'vitest';
import {
  CheckInInput,
  CorridorStatusChangeInput,
  EvacuationRunInput,
  ManifestPersonInput,
} from './corridors.js';

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('corridor contract', () => {
  it('refuses a window that ends before it starts, naming windowEnd', () => {
    const result = CorridorStatusChangeInput.safeParse({
      status: 'open',
      windowStart: '2022-03-08T08:00:00+02:00',
      windowEnd: '2022-03-08T07:00:00+02:00',
    });
    expect(pathsOf(result)).toEqual(['windowEnd']);
  });

  it('refuses a run expected before it leaves, naming expectedArrivalAt', () => {
    const result = EvacuationRunInput.safeParse({
      corridorId: crypto.randomUUID(),
      kind: 'train',
      label: 'Train 1',
      plannedDepartureAt: '2022-03-08T10:00:00Z',
      expectedArrivalAt: '2022-03-08T09:00:00Z',
    });
    expect(pathsOf(result)).toEqual(['expectedArrivalAt']);
  });

  it('wants a document type and number together', () => {
    const person = {
      givenName: 'Олена',
      familyName: 'Шевченко',
      sex: 'female',
      birthDate: '1980',
      relationshipToHead: 'head',
    };
    expect(ManifestPersonInput.safeParse(person).success).toBe(true);
    expect(
      pathsOf(ManifestPersonInput.safeParse({ ...person, documentNumber: 'FA123456' })),
    ).toEqual(['documentNumber']);
  });

  it('checks in exactly one of a person, a household or an unexpected arrival', () => {
    expect(CheckInInput.safeParse({ manifestPersonId: crypto.randomUUID() }).success).toBe(true);
    expect(CheckInInput.safeParse({}).success).toBe(false);
    expect(
      CheckInInput.safeParse({
        manifestPersonId: crypto.randomUUID(),
        manifestHouseholdId: crypto.randomUUID(),
      }).success,
    ).toBe(false);
  });
});
