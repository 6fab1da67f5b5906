import { RegistrationInput, SourceRegistrar } from '@haven/contract';
import { DOCUMENT_SEPARATOR, HOUSEHOLD_COLUMNS, type ImportColumn } from './columns.js';
import type { CsvRow, HouseholdRows, RowProblem } from './read-households.js';

export type ParsedHousehold =
  | {
      readonly kind: 'valid';
      readonly registration: RegistrationInput;
      /** Who recorded it in the source system. */
      readonly registrar: string;
      readonly persons: number;
    }
  | { readonly kind: 'invalid'; readonly problems: readonly RowProblem[] };

export interface ParseOptions {
  /** Registers every household at this site, whatever the file says. */
  readonly siteId?: string | undefined;
  readonly isKnownSite: (siteId: string) => boolean;
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const list = (text: string): string[] =>
  text === '' ? [] : text.split(DOCUMENT_SEPARATOR).map((s) => s.trim());
const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  value === '' ? {} : ({ [key]: value } as Record<K, string>);

/**
 * Turns the rows of one household into a registration and validates it against the API
 * contract, so a file is held to the same rules as a request. Every problem is reported, each
 * on the line and column it comes from.
 */
export function parseHousehold(household: HouseholdRows, options: ParseOptions): ParsedHousehold {
  const [first] = household.rows;
  if (!first) {
    return { kind: 'invalid', problems: household.problems };
  }
  const problems: RowProblem[] = [...household.problems, ...householdFieldProblems(household.rows)];
  const consent = findConsent(household.rows);
  problems.push(...consent.problems);
  const members = household.rows.map((row) => {
    const { member, problem } = memberCandidate(row);
    if (problem) {
      problems.push(problem);
    }
    return member;
  });
  const siteId = options.siteId ?? first.cells.site_id;
  const result = RegistrationInput.safeParse({
    siteId,
    ...optional('registeredAt', first.cells.registered_at),
    originPcode: first.cells.origin_pcode,
    arrivalMode: first.cells.arrival_mode,
    ...optional('arrivalDate', first.cells.arrival_date),
    household: { members },
    consent: {
      purposes: words(consent.row?.cells.consent_purposes ?? ''),
      givenByMember: consent.row ? household.rows.indexOf(consent.row) : 0,
      method: consent.row?.cells.consent_method ?? '',
    },
  });
  if (!result.success) {
    // Without a consenting member the consent is already reported once, not field by field.
    const issues = result.error.issues.filter(
      (issue) => consent.row || issue.path[0] !== 'consent',
    );
    problems.push(
      ...issues.map((issue) => locateIssue(issue, household.rows, consent.row ?? first)),
    );
  } else if (options.siteId === undefined && !options.isKnownSite(siteId)) {
    problems.push({
      line: first.line,
      column: 'site_id',
      message: 'No such site in this database (--site-id registers every household at one site)',
    });
  }
  const registrar = SourceRegistrar.safeParse(first.cells.registrar);
  if (!registrar.success) {
    problems.push(
      ...registrar.error.issues.map((issue) => ({
        line: first.line,
        column: 'registrar' as const,
        message: issue.message,
      })),
    );
  }
  if (!result.success || !registrar.success || problems.length > 0) {
    return { kind: 'invalid', problems: dedupe(problems) };
  }
  return {
    kind: 'valid',
    registration: result.data,
    registrar: registrar.data,
    persons: household.rows.length,
  };
}

/** Household columns repeated on later rows must equal the first row's (or be left empty). */
function householdFieldProblems(rows: readonly CsvRow[]): RowProblem[] {
  const [first, ...others] = rows;
  if (!first) {
    return [];
  }
  return others.flatMap((row) =>
    HOUSEHOLD_COLUMNS.filter(
      (column) => row.cells[column] !== '' && row.cells[column] !== first.cells[column],
    ).map((column) => ({
      line: row.line,
      column,
      message: `Differs from the household's first row (line ${first.line})`,
    })),
  );
}

function findConsent(rows: readonly CsvRow[]): { row?: CsvRow; problems: RowProblem[] } {
  const consentRows = rows.filter(
    (r) => r.cells.consent_purposes !== '' || r.cells.consent_method !== '',
  );
  const row = pickConsentRow(consentRows);
  if (!row) {
    const line = rows[0]?.line ?? 0;
    const message =
      'One member of the household must carry the consent (consent_purposes and consent_method)';
    return { problems: [{ line, column: 'consent_purposes', message }] };
  }
  if (consentRows.some((r) => consentKey(r) !== consentKey(row))) {
    const message = 'The consent is given by one member: fill the consent columns on one row only';
    return { row, problems: [{ line: row.line, column: 'consent_purposes', message }] };
  }
  return { row, problems: [] };
}

/** A member as the contract reads it, with its documents split from the `;`-separated lists. */
function memberCandidate(row: CsvRow): { member: Record<string, unknown>; problem?: RowProblem } {
  const types = list(row.cells.document_type);
  const countries = list(row.cells.document_country);
  const numbers = list(row.cells.document_number);
  const namesAsPrinted = list(row.cells.document_name_as_printed);
  const count = Math.max(types.length, countries.length, numbers.length);
  const member = {
    givenName: row.cells.given_name,
    familyName: row.cells.family_name,
    ...optional('patronymic', row.cells.patronymic),
    sex: row.cells.sex,
    birthDate: row.cells.birth_date,
    ...optional('nationality', row.cells.nationality),
    relationshipToHead: row.cells.relationship_to_head,
    ...optional('childCareStatus', row.cells.child_care_status),
    documents: Array.from({ length: count }, (_, i) => ({
      type: types[i] ?? '',
      issuingCountry: countries[i] ?? '',
      number: numbers[i] ?? '',
      ...optional('nameAsPrinted', namesAsPrinted[i] ?? ''),
    })),
    specificNeeds: words(row.cells.specific_needs).map((code) => ({ code })),
  };
  if (
    types.length === count &&
    countries.length === count &&
    numbers.length === count &&
    (namesAsPrinted.length === 0 || namesAsPrinted.length === count)
  ) {
    return { member };
  }
  return {
    member,
    problem: {
      line: row.line,
      column: 'document_number',
      message: `document_type, document_country and document_number must list the same number of documents (separated by '${DOCUMENT_SEPARATOR}'), and document_name_as_printed too when it is filled`,
    },
  };
}

/** The consenting member: the only one with consent cells, or the head when several repeat the same. */
function pickConsentRow(rows: readonly CsvRow[]): CsvRow | undefined {
  return rows.find((r) => r.cells.relationship_to_head === 'head') ?? rows[0];
}

const consentKey = (row: CsvRow): string =>
  `${words(row.cells.consent_purposes).join(' ')}|${row.cells.consent_method}`;

const MEMBER_COLUMNS: Readonly<Record<string, ImportColumn>> = {
  givenName: 'given_name',
  familyName: 'family_name',
  patronymic: 'patronymic',
  sex: 'sex',
  birthDate: 'birth_date',
  nationality: 'nationality',
  relationshipToHead: 'relationship_to_head',
  childCareStatus: 'child_care_status',
  specificNeeds: 'specific_needs',
};

const DOCUMENT_COLUMNS: Readonly<Record<string, ImportColumn>> = {
  type: 'document_type',
  issuingCountry: 'document_country',
  number: 'document_number',
  nameAsPrinted: 'document_name_as_printed',
};

const REGISTRATION_COLUMNS: Readonly<Record<string, ImportColumn>> = {
  siteId: 'site_id',
  registeredAt: 'registered_at',
  originPcode: 'origin_pcode',
  arrivalMode: 'arrival_mode',
  arrivalDate: 'arrival_date',
};

/** Maps a contract issue's path (e.g. household.members[2].documents[0].number) to a line and column. */
function locateIssue(
  issue: { readonly path: readonly PropertyKey[]; readonly message: string },
  rows: readonly CsvRow[],
  consentRow: CsvRow,
): RowProblem {
  const [top, second, index, field, , documentField] = issue.path;
  const first = rows[0];
  const fallback = { line: first?.line ?? 0, column: '' as const, message: issue.message };
  if (top === 'household' && second === 'members') {
    const row = typeof index === 'number' ? rows[index] : undefined;
    if (!row) {
      return { ...fallback, column: 'relationship_to_head' };
    }
    const column =
      field === 'documents'
        ? DOCUMENT_COLUMNS[String(documentField)]
        : MEMBER_COLUMNS[String(field)];
    return { line: row.line, column: column ?? '', message: issue.message };
  }
  if (top === 'consent') {
    return {
      line: consentRow.line,
      column: second === 'method' ? 'consent_method' : 'consent_purposes',
      message: issue.message,
    };
  }
  const column = REGISTRATION_COLUMNS[String(top)];
  return column ? { ...fallback, column } : fallback;
}

function dedupe(problems: readonly RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}|${p.column}|${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
