import { RegistrationInput } from '@haven/contract';
import type {
  ArrivalMode,
  ChildCareStatus,
  ConsentMethod,
  ConsentPurpose,
  DocumentType,
  Relationship,
  Sex,
} from '@haven/core';
import { fieldName, type FormError } from './form-errors.js';

/**
 * What the registrar has typed so far. Every select starts empty ('') so that nothing is
 * recorded about a person that nobody asked them.
 */
export interface DocumentDraft {
  readonly key: string;
  readonly type: DocumentType | '';
  readonly issuingCountry: string;
  readonly number: string;
}

/** A ticked specific need, with the note typed about it ('' for none). */
export interface NeedDraft {
  readonly code: string;
  readonly note: string;
}

export interface MemberDraft {
  readonly key: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly patronymic: string;
  readonly sex: Sex | '';
  readonly birthDate: string;
  readonly nationality: string;
  readonly relationshipToHead: Relationship | '';
  readonly childCareStatus: ChildCareStatus | '';
  readonly documents: readonly DocumentDraft[];
  readonly specificNeeds: readonly NeedDraft[];
}

export interface ConsentDraft {
  readonly purposes: readonly ConsentPurpose[];
  readonly givenByMember: number;
  readonly method: ConsentMethod | '';
}

export interface RegistrationDraft {
  readonly siteId: string;
  readonly oblastPcode: string;
  readonly raionPcode: string;
  readonly arrivalMode: ArrivalMode | '';
  readonly arrivalDate: string;
  readonly members: readonly MemberDraft[];
  readonly consent: ConsentDraft;
}

let lastKey = 0;
/** A stable React key for a list row that has no id yet. */
const nextKey = (): string => `draft-${++lastKey}`;

export const DEFAULT_COUNTRY = 'UKR';

export function emptyDocument(): DocumentDraft {
  return { key: nextKey(), type: '', issuingCountry: DEFAULT_COUNTRY, number: '' };
}

export function emptyMember(relationshipToHead: Relationship | '' = ''): MemberDraft {
  return {
    key: nextKey(),
    givenName: '',
    familyName: '',
    patronymic: '',
    sex: '',
    birthDate: '',
    nationality: DEFAULT_COUNTRY,
    relationshipToHead,
    childCareStatus: '',
    documents: [],
    specificNeeds: [],
  };
}

export function emptyRegistration(remembered: { siteId?: string } = {}): RegistrationDraft {
  return {
    siteId: remembered.siteId ?? '',
    oblastPcode: '',
    raionPcode: '',
    arrivalMode: '',
    arrivalDate: '',
    members: [emptyMember('head')],
    // Not pre-ticked: consent must be an affirmative act (GDPR Recital 32).
    consent: { purposes: [], givenByMember: 0, method: '' },
  };
}

export function withMember(
  draft: RegistrationDraft,
  index: number,
  change: Partial<MemberDraft>,
): RegistrationDraft {
  return {
    ...draft,
    members: draft.members.map((member, i) => (i === index ? { ...member, ...change } : member)),
  };
}

export function withMemberAdded(draft: RegistrationDraft): RegistrationDraft {
  return { ...draft, members: [...draft.members, emptyMember()] };
}

/** Removes a member; the consent keeps pointing at the same person, or falls back to the first. */
export function withMemberRemoved(draft: RegistrationDraft, index: number): RegistrationDraft {
  const givenBy = draft.consent.givenByMember;
  return {
    ...draft,
    members: draft.members.filter((_, i) => i !== index),
    consent: {
      ...draft.consent,
      givenByMember: givenBy === index ? 0 : givenBy > index ? givenBy - 1 : givenBy,
    },
  };
}

const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** The request body the draft stands for, before validation; empty optional fields are left out. */
export function registrationBodyOf(draft: RegistrationDraft) {
  return {
    siteId: draft.siteId,
    originPcode: draft.raionPcode || draft.oblastPcode || undefined,
    arrivalMode: draft.arrivalMode,
    arrivalDate: optional(draft.arrivalDate),
    household: {
      members: draft.members.map((member) => ({
        givenName: member.givenName,
        familyName: member.familyName,
        patronymic: optional(member.patronymic),
        sex: member.sex,
        birthDate: member.birthDate.trim(),
        nationality: member.nationality.trim().toUpperCase(),
        relationshipToHead: member.relationshipToHead,
        childCareStatus: optional(member.childCareStatus),
        documents: member.documents.map((document) => ({
          type: document.type,
          issuingCountry: document.issuingCountry.trim().toUpperCase(),
          number: document.number,
        })),
        specificNeeds: member.specificNeeds.map((need) => ({
          code: need.code,
          note: optional(need.note),
        })),
      })),
    },
    consent: { ...draft.consent, purposes: [...draft.consent.purposes] },
  };
}

export type DraftCheck =
  | { readonly kind: 'valid'; readonly input: RegistrationInput }
  | { readonly kind: 'invalid'; readonly errors: readonly FormError[] };

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined,
    data,
  );
}

/** Checks the draft with the very schema the server applies (packages/contract). */
export function checkRegistrationDraft(draft: RegistrationDraft): DraftCheck {
  const body = registrationBodyOf(draft);
  const parsed = RegistrationInput.safeParse(body);
  if (parsed.success) {
    return { kind: 'valid', input: parsed.data };
  }
  return {
    kind: 'invalid',
    errors: parsed.error.issues.map((issue) => ({
      field: fieldName(issue.path),
      // A rule such as "a real date" says little about a field nobody filled in yet.
      message:
        issue.code === 'custom' && valueAt(body, issue.path) === ''
          ? 'Must not be empty'
          : issue.message,
      code: issue.code,
    })),
  };
}

/**
 * Every field the form shows an input or group for, in the order they appear, so that errors
 * can be placed beside them and listed top to bottom.
 */
export function shownFields(draft: RegistrationDraft): ReadonlySet<string> {
  const fields = ['siteId', 'originPcode', 'arrivalMode', 'arrivalDate', 'household.members'];
  draft.members.forEach((member, i) => {
    const at = `household.members[${i}]`;
    fields.push(
      at,
      ...[
        'familyName',
        'givenName',
        'patronymic',
        'sex',
        'birthDate',
        'nationality',
        'relationshipToHead',
        'childCareStatus',
        'documents',
      ].map((name) => `${at}.${name}`),
    );
    member.documents.forEach((_, j) => {
      fields.push(
        ...['type', 'issuingCountry', 'number'].map((name) => `${at}.documents[${j}].${name}`),
      );
    });
    fields.push(`${at}.specificNeeds`);
    member.specificNeeds.forEach((_, k) => {
      fields.push(`${at}.specificNeeds[${k}].note`);
    });
  });
  fields.push('consent.purposes', 'consent.givenByMember', 'consent.method');
  return new Set(fields);
}
