import type { TFunction } from 'i18next';
import type { en } from '../i18n/resources.js';
import type { FormError } from './form-errors.js';

export type ValidationKey = keyof typeof en.validation;

export interface ValidationMessage {
  readonly key: ValidationKey;
  /** The limit named in 'at most N' messages. */
  readonly max?: string;
  /** The limit named in 'at least N' messages. */
  readonly min?: string;
}

// The contract's messages (packages/contract, packages/core household rules and the server's own)
// are English sentences; these map each to a translated one. Keep in step with the contract.
const EXACT: Readonly<Record<string, ValidationKey>> = {
  'Must not be empty': 'required',
  'Must contain a letter': 'letterRequired',
  'May contain only letters, spaces, apostrophes, hyphens and dots': 'nameCharacters',
  "Must be 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'": 'partialDateFormat',
  'Is not a real calendar date': 'notCalendarDate',
  'Must not be in the future': 'future',
  'Must not be before 1900': 'tooOld',
  "Must be a real date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', from 1900": 'partialDateFilter',
  "Must be a real date as 'YYYY-MM-DD', from 1900": 'calendarDate',
  'Must not contain control characters': 'controlCharacters',
  'Must not contain control characters other than line breaks': 'noteControlCharacters',
  'Must contain a letter or digit': 'searchTerm',
  'The same document is listed twice': 'duplicateDocument',
  'The same need is listed twice': 'duplicateNeed',
  'A purpose is listed twice': 'duplicatePurpose',
  'Must not be before 2014-01-01': 'registeredTooEarly',
  'Unknown ISO 3166-1 alpha-2 country code': 'countryCode',
  'Unknown ISO 3166-1 alpha-3 country code': 'countryAlpha3',
  'Unknown nationality code': 'nationality',
  'Unknown Ukrainian P-code': 'pcode',
  // Every UUID the form sends comes from a list (sites), so a bad one means nothing was chosen.
  'Must be a UUID': 'choose',
  'May contain only letters, digits, spaces and the separators - < . /': 'documentNumber',
  'Unknown UNHCR specific-needs code': 'needCode',
  'At least one purpose': 'atLeastOnePurpose',
  'No household member at this index': 'noMemberAtIndex',
  'A household has at least one member': 'atLeastOneMember',
  'Must not be after the registration date': 'arrivalAfterRegistration',
  'One member must be the head of household': 'noHead',
  'Only one member can be the head of household': 'severalHeads',
  'Birth date is after the registration date': 'bornAfterRegistration',
  'Only a child under 18 can be unaccompanied or separated': 'childStatusForAdult',
  'Unknown site': 'unknownSite',
  'May contain only letters a–z, digits, dots, hyphens and underscores': 'usernameCharacters',
  // The server's new-password rules and the second factor (issue 7).
  'Is one of the most common passwords, tried first by attackers; choose another': 'commonPassword',
  'Must not contain the user name': 'passwordContainsUsername',
  'Must be the 6 digits your authenticator app shows': 'totpCode',
  'Give either a code or a recovery code': 'totpCode',
  'Wrong, expired or already used': 'wrongCode',
  'Unknown or already used recovery code': 'wrongRecoveryCode',
  // Corridors and evacuations (issue 5).
  'Must be after windowStart': 'windowOrder',
  'Must be after plannedDepartureAt': 'arrivalOrder',
  'A route has at least two positions': 'routeTooShort',
  'Give both the document type and number, or neither': 'documentPair',
  'The corridor is not open: give the reason this run goes anyway': 'closedCorridorReason',
};

const PATTERNS: readonly (readonly [RegExp, ValidationKey])[] = [
  [/^Must be at most (?<max>\d+) characters$/, 'maxLength'],
  [/^Must be at least (?<min>\d+) characters$/, 'minLength'],
  [/^A household has at most (?<max>\d+) members$/, 'tooManyMembers'],
];

// zod's own messages (no custom text in the schema) are technical; say what to do instead.
const BY_ZOD_CODE: Readonly<Record<string, ValidationKey>> = {
  invalid_type: 'choose', // only a select left empty sends nothing
  too_small: 'required',
  invalid_value: 'choose',
};

/** The translation of a field error's message, by the contract's wording or the zod issue code. */
export function validationMessage(error: Pick<FormError, 'message' | 'code'>): ValidationMessage {
  const exact = EXACT[error.message];
  if (exact) {
    return { key: exact };
  }
  for (const [pattern, key] of PATTERNS) {
    const groups = pattern.exec(error.message)?.groups;
    if (groups) {
      return { key, ...groups };
    }
  }
  const byCode = error.code === undefined ? undefined : BY_ZOD_CODE[error.code];
  if (byCode) {
    return { key: byCode };
  }
  // Server-side enum errors read "Invalid option: expected one of …": a choice was not made.
  return { key: error.message.startsWith('Invalid option') ? 'choose' : 'invalid' };
}

/** The message of a field error in the current language. */
export function validationText(error: Pick<FormError, 'message' | 'code'>, t: TFunction): string {
  const { key, max, min } = validationMessage(error);
  return t(`validation.${key}`, { max: max ?? '', min: min ?? '' });
}
