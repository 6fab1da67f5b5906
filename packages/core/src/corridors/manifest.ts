/**
 * Manifest rules (issue 5 item 3): who boarded an evacuation run, in households. Pure: the server
 * parses the CSV (csv-parse) and validates each row's fields with the contract; the rules that
 * span rows — required columns, households, the same person twice, unaccompanied children — live
 * here.
 */
import { canonicalName } from '../identity/name-keys.js';
import { ADULT_AGE_YEARS, type Relationship } from '../registration/household.js';
import { normaliseDocumentNumber } from '../registration/identity-documents.js';
import { ageYearsOn, type PartialDate } from '../registration/partial-date.js';

export interface ManifestMemberFacts {
  readonly birthDate: PartialDate;
}

/**
 * Which members of one manifest household are unaccompanied children: under 18 on `day` in a
 * household with no adult (UNHCR: a child separated from both parents and not cared for by an
 * adult). A partial birth date counts at its youngest possible age, so a possible minor is never
 * taken for the adult of a group of children.
 * @example unaccompaniedMembers([{ birthDate: '2012' }, { birthDate: '2015-04-02' }], '2022-03-10') // [true, true]
 */
export function unaccompaniedMembers(
  members: readonly ManifestMemberFacts[],
  day: string,
): boolean[] {
  const isChild = members.map((m) => ageYearsOn(m.birthDate, day) < ADULT_AGE_YEARS);
  const hasAdult = isChild.some((child) => !child);
  return isChild.map((child) => child && !hasAdult);
}

export interface ManifestPersonFacts {
  readonly givenName: string;
  readonly familyName: string;
  readonly patronymic?: string | undefined;
  readonly birthDate: string;
  readonly documentType?: string | undefined;
  readonly documentNumber?: string | undefined;
}

/**
 * The keys under which two manifest entries are the same person: the same names in any script
 * or transcription (the identity engine's canonical name keys) with the same birth date, or the
 * same identity document.
 */
export function manifestPersonKeys(person: ManifestPersonFacts): string[] {
  const keys = [
    [
      'name',
      canonicalName(person.givenName),
      canonicalName(person.familyName),
      canonicalName(person.patronymic ?? ''),
      person.birthDate,
    ].join('|'),
  ];
  if (person.documentType !== undefined && person.documentNumber !== undefined) {
    const number = normaliseDocumentNumber(person.documentNumber);
    if (number !== '') {
      keys.push(['document', person.documentType, number].join('|'));
    }
  }
  return keys;
}

export interface DuplicatePerson {
  /** Index of the later entry. */
  readonly index: number;
  /** Index of the first entry it repeats. */
  readonly firstIndex: number;
  readonly reason: 'same-name-and-birth-date' | 'same-document';
}

/**
 * Entries that repeat an earlier one (same person twice in one manifest).
 * @example findDuplicatePersons([{ givenName: 'Олена', familyName: 'Шевченко', birthDate: '1980' }, { givenName: 'Olena', familyName: 'Shevchenko', birthDate: '1980' }]) // [{ index: 1, firstIndex: 0, reason: 'same-name-and-birth-date' }]
 */
export function findDuplicatePersons(persons: readonly ManifestPersonFacts[]): DuplicatePerson[] {
  const seen = new Map<string, number>();
  const duplicates: DuplicatePerson[] = [];
  persons.forEach((person, index) => {
    const keys = manifestPersonKeys(person);
    const repeated = keys.find((key) => seen.has(key));
    if (repeated !== undefined) {
      duplicates.push({
        index,
        firstIndex: seen.get(repeated) ?? 0,
        reason: repeated.startsWith('document|') ? 'same-document' : 'same-name-and-birth-date',
      });
    }
    for (const key of keys) {
      if (!seen.has(key)) {
        seen.set(key, index);
      }
    }
  });
  return duplicates;
}

/** CSV columns of a manifest (header names, lower case). */
export const MANIFEST_COLUMNS = {
  required: ['household', 'given_name', 'family_name', 'sex', 'birth_date'],
  optional: [
    'patronymic',
    'nationality',
    'relationship',
    'document_type',
    'document_number',
    'document_country',
  ],
} as const;

/** Required columns absent from a CSV header (compared trimmed and case-insensitively). */
export function missingManifestColumns(header: readonly string[]): string[] {
  const present = new Set(header.map(normaliseColumn));
  return MANIFEST_COLUMNS.required.filter((column) => !present.has(column));
}

/** 'Given Name ' → 'given_name': coordinators' spreadsheets vary in case and spacing. */
export function normaliseColumn(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface ManifestCsvRow {
  /** 1-based line of the CSV the row came from (the header is line 1). */
  readonly line: number;
  /** Cells by normalised column name; empty cells are absent. */
  readonly cells: Readonly<Record<string, string>>;
}

/** A row turned into the fields of a manifest person (not yet validated) and its household key. */
export interface ManifestCsvPerson {
  readonly line: number;
  readonly household: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** CSV column → field of a manifest person. */
const FIELD_OF_COLUMN: Readonly<Record<string, string>> = {
  given_name: 'givenName',
  family_name: 'familyName',
  patronymic: 'patronymic',
  sex: 'sex',
  birth_date: 'birthDate',
  nationality: 'nationality',
  relationship: 'relationshipToHead',
  document_type: 'documentType',
  document_number: 'documentNumber',
  document_country: 'documentIssuingCountry',
};

/**
 * Groups CSV rows into households (rows sharing a `household` value, in first-seen order) and
 * maps columns to fields. A household without a `relationship` column gets its first row as
 * head and the others as 'other-relative'; the registrar corrects them at registration.
 */
export function manifestHouseholdsFromRows(
  rows: readonly ManifestCsvRow[],
): { household: string; members: ManifestCsvPerson[] }[] {
  const households = new Map<string, ManifestCsvPerson[]>();
  for (const row of rows) {
    const household = row.cells.household ?? `line-${row.line}`;
    const fields: Record<string, string> = {};
    for (const [column, value] of Object.entries(row.cells)) {
      const field = FIELD_OF_COLUMN[column];
      if (field !== undefined) {
        fields[field] = value;
      }
    }
    const members = households.get(household) ?? [];
    if (fields.relationshipToHead === undefined) {
      const defaultRelationship: Relationship = members.length > 0 ? 'other-relative' : 'head';
      fields.relationshipToHead = defaultRelationship;
    }
    members.push({ line: row.line, household, fields });
    households.set(household, members);
  }
  return [...households].map(([household, members]) => ({ household, members }));
}
