import { describe, expect, it } from 'vitest';
import { keyFor } from './idempotency-key.js';
import {
  checkRegistrationDraft,
  emptyRegistration,
  registrationBodyOf,
  withMember,
  withMemberAdded,
  withMemberRemoved,
  type RegistrationDraft,
} from './registration-draft.js';

const SITE_ID = '5b0c3e0e-8f5a-4c55-9d76-3f0f2f4d9a11';

function buildDraft(): RegistrationDraft {
  let draft: RegistrationDraft = {
    ...emptyRegistration({ siteId: SITE_ID }),
    oblastPcode: 'UA46',
    arrivalMode: 'car',
    consent: { purposes: ['registration'], givenByMember: 0, method: 'verbal' },
  };
  draft = withMember(draft, 0, {
    familyName: 'Шевченко',
    givenName: 'Олена',
    sex: 'female',
    birthDate: '1985',
  });
  draft = withMemberAdded(draft);
  return withMember(draft, 1, {
    familyName: 'Шевченко',
    givenName: 'Марʼяна',
    sex: 'female',
    birthDate: '2015-06',
    relationshipToHead: 'child',
  });
}

describe('the registration draft', () => {
  it('passes the contract once complete, without the optional fields left empty', () => {
    const check = checkRegistrationDraft(buildDraft());
    expect(check.kind).toBe('valid');
    const body = registrationBodyOf(buildDraft());
    expect(body.arrivalDate).toBeUndefined();
    expect(body.household.members[1]).not.toHaveProperty('key');
    expect(body.household.members[1]?.patronymic).toBeUndefined();
  });

  it('asks for a value, not a format, when a required text field is empty', () => {
    const check = checkRegistrationDraft(withMember(buildDraft(), 0, { birthDate: '' }));
    expect(check.kind === 'invalid' && check.errors).toEqual([
      { field: 'household.members[0].birthDate', message: 'Must not be empty', code: 'custom' },
    ]);
  });

  it('sends a need with its note, and without one when the note is left blank', () => {
    const draft = withMember(buildDraft(), 0, {
      specificNeeds: [
        { code: 'WR-UW', note: '  Travels with two small children.  ' },
        { code: 'SM-CI', note: ' ' },
      ],
    });
    const check = checkRegistrationDraft(draft);
    expect(check.kind === 'valid' && check.input.household.members[0]?.specificNeeds).toEqual([
      { code: 'WR-UW', note: 'Travels with two small children.' },
      { code: 'SM-CI' },
    ]);
  });

  it('sends the raion when one is chosen, else the oblast', () => {
    expect(registrationBodyOf({ ...buildDraft(), raionPcode: 'UA4606' }).originPcode).toBe(
      'UA4606',
    );
    expect(registrationBodyOf(buildDraft()).originPcode).toBe('UA46');
  });

  it('names the fields the household rules refuse', () => {
    const draft = withMember(buildDraft(), 1, { relationshipToHead: 'head' });
    const check = checkRegistrationDraft(draft);
    expect(check.kind === 'invalid' && check.errors.map((error) => error.field)).toContain(
      'household.members[1].relationshipToHead',
    );
  });

  it('keeps consent with the same person when an earlier member is removed', () => {
    const draft = {
      ...buildDraft(),
      consent: { purposes: [], givenByMember: 1, method: '' as const },
    };
    expect(withMemberRemoved(draft, 0).consent.givenByMember).toBe(0);
    expect(withMemberRemoved(draft, 1).consent.givenByMember).toBe(0);
    expect(withMemberRemoved(withMemberAdded(draft), 2).consent.givenByMember).toBe(1);
  });
});

describe('idempotency keys', () => {
  it('reuses the key for the very same body and draws a new one for a changed body', () => {
    const first = keyFor('{"a":1}', undefined);
    expect(keyFor('{"a":1}', first)).toBe(first);
    expect(keyFor('{"a":2}', first).key).not.toBe(first.key);
  });
});
