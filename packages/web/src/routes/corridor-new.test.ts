import { describe, expect, it } from 'vitest';
import { checkCorridorDraft } from './corridor-new.js';

const draft = {
  name: 'Mariupol – Zaporizhzhia',
  countryCode: 'PL',
  origin: {
    name: 'Mariupol',
    countryCode: 'UA',
    pcode: '',
    latitude: '47.0971',
    longitude: '37.5434',
  },
  destination: {
    name: 'Zaporizhzhia',
    countryCode: 'UA',
    pcode: '',
    latitude: '47.8388',
    longitude: '35.1396',
  },
  waypoints: '',
  guarantors: 'ICRC',
  timeZone: '',
  status: 'planned' as const,
  windowStart: '',
  windowEnd: '',
};

describe('the new corridor form', () => {
  it('leaves the time zone to the origin country when it is empty', () => {
    expect(checkCorridorDraft(draft)).toEqual([]);
  });

  it('names the time zone field when the zone is unknown', () => {
    const errors = checkCorridorDraft({ ...draft, timeZone: 'Europe/Atlantis' });
    expect(errors.map((error) => error.field)).toEqual(['timeZone']);
  });
});
