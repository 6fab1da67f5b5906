import { describe, expect, it } from 'vitest';
import { fieldId, fieldName, firstErrorPerField, parentField, placeErrors } from './form-errors.js';
import { validationMessage } from './validation-message.js';

describe('field paths', () => {
  it('names a zod path as the API does', () => {
    expect(fieldName(['household', 'members', 0, 'documents', 1, 'number'])).toBe(
      'household.members[0].documents[1].number',
    );
  });

  it('walks out to the enclosing field', () => {
    expect(parentField('household.members[0].specificNeeds[2].code')).toBe(
      'household.members[0].specificNeeds[2]',
    );
    expect(parentField('household.members[0]')).toBe('household.members');
    expect(parentField('siteId')).toBeUndefined();
  });

  it('turns a path into a usable element id', () => {
    expect(fieldId('household.members[0].birthDate')).toBe('field-household-members-0-birthDate');
  });
});

describe('placing errors', () => {
  const shown = new Set([
    'siteId',
    'household.members[0].birthDate',
    'household.members[0].specificNeeds',
  ]);

  it('puts an error at its input, or at the nearest group the form shows', () => {
    const placed = placeErrors(
      [
        { field: 'household.members[0].birthDate', message: 'Must not be in the future' },
        {
          field: 'household.members[0].specificNeeds[3].code',
          message: 'Unknown UNHCR specific-needs code',
        },
        { field: 'registeredAt', message: 'Must not be in the future' },
      ],
      shown,
    );
    expect([...placed.byField.keys()]).toEqual([
      'household.members[0].birthDate',
      'household.members[0].specificNeeds',
    ]);
    expect(placed.unplaced.map((error) => error.field)).toEqual(['registeredAt']);
  });

  it('lists errors in the order of the form, whatever order they came in', () => {
    const placed = placeErrors(
      [
        { field: 'registeredAt', message: 'Must not be in the future' },
        { field: 'household.members[0].birthDate', message: 'Must not be in the future' },
        { field: 'siteId', message: 'Unknown site' },
      ],
      shown,
    );
    expect(placed.inFormOrder.map((error) => error.field)).toEqual([
      'siteId',
      'household.members[0].birthDate',
      'registeredAt',
    ]);
  });

  it('keeps the first error of each field', () => {
    const errors = firstErrorPerField([
      { field: 'household.members[0].familyName', message: 'Must not be empty' },
      { field: 'household.members[0].familyName', message: 'Must contain a letter' },
      { field: 'siteId', message: 'Must be a UUID' },
    ]);
    expect(errors.map((error) => error.message)).toEqual(['Must not be empty', 'Must be a UUID']);
  });
});

describe('validation messages', () => {
  it.each([
    ['Must not be empty', undefined, { key: 'required' }],
    ['Must be at most 40 characters', undefined, { key: 'maxLength', max: '40' }],
    ['Must be at least 12 characters', undefined, { key: 'minLength', min: '12' }],
    ['A household has at most 30 members', undefined, { key: 'tooManyMembers', max: '30' }],
    ['Invalid option: expected one of "female"|"male"', 'invalid_value', { key: 'choose' }],
    ['Too small: expected string to have >=1 characters', 'too_small', { key: 'required' }],
    ['Something the contract never said', undefined, { key: 'invalid' }],
  ])('translates %j', (message, code, expected) => {
    expect(validationMessage({ message, ...(code ? { code } : {}) })).toEqual(expected);
  });
});
