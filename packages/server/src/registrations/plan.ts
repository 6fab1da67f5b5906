import { randomUUID } from 'node:crypto';
import {
  nameSearchText,
  normaliseDocumentNumber,
  partialDateRange,
  sensitivityOf,
  transliterateUkrainian,
} from '@haven/core';
import type { Person, RegistrationInput } from '@haven/contract';

/** Everything one registration writes, with ids and derived values computed before the write. */
export interface RegistrationPlan {
  readonly registrationId: string;
  readonly householdId: string;
  readonly consentId: string;
  readonly siteId: string;
  readonly registeredAt: string;
  readonly registrar: string;
  readonly originPcode: string;
  readonly arrivalMode: RegistrationInput['arrivalMode'];
  readonly arrivalDate: string | null;
  readonly members: readonly PlannedPerson[];
  readonly consent: {
    readonly purposes: RegistrationInput['consent']['purposes'];
    readonly givenByPersonId: string;
    readonly method: RegistrationInput['consent']['method'];
  };
}

export interface PlannedPerson extends Person {
  readonly position: number;
  readonly searchNames: string;
  readonly birthDateFrom: string;
  readonly birthDateTo: string;
  readonly documents: (Person['documents'][number] & {
    readonly id: string;
    readonly numberNormalised: string;
  })[];
  readonly specificNeeds: (Person['specificNeeds'][number] & { readonly id: string })[];
}

const latinOrNull = (name: string | undefined): string | null =>
  name === undefined ? null : transliterateUkrainian(name);

/**
 * Derives the rows of a registration: ids, KMU-55 Latin names, search keys, date ranges.
 * `registrar` is who records it: the signed-in user, or the source system's name on import.
 */
export function planRegistration(
  input: RegistrationInput,
  receivedAt: string,
  registrar: string,
): RegistrationPlan {
  const registeredAt = new Date(input.registeredAt ?? receivedAt).toISOString();
  const members = input.household.members.map((member, position): PlannedPerson => {
    const givenNameLatin = transliterateUkrainian(member.givenName);
    const familyNameLatin = transliterateUkrainian(member.familyName);
    const patronymicLatin = latinOrNull(member.patronymic);
    const range = partialDateRange(member.birthDate);
    return {
      id: randomUUID(),
      position,
      givenName: member.givenName,
      familyName: member.familyName,
      patronymic: member.patronymic ?? null,
      givenNameLatin,
      familyNameLatin,
      patronymicLatin,
      searchNames: nameSearchText([
        member.givenName,
        member.familyName,
        member.patronymic,
        givenNameLatin,
        familyNameLatin,
        patronymicLatin,
        ...member.documents.map((d) => d.nameAsPrinted),
      ]),
      sex: member.sex,
      birthDate: member.birthDate,
      birthDateFrom: range.from,
      birthDateTo: range.to,
      nationality: member.nationality,
      relationshipToHead: member.relationshipToHead,
      childCareStatus: member.childCareStatus ?? null,
      documents: member.documents.map((d) => ({
        id: randomUUID(),
        type: d.type,
        issuingCountry: d.issuingCountry,
        number: d.number,
        numberNormalised: normaliseDocumentNumber(d.number),
        nameAsPrinted: d.nameAsPrinted ?? null,
      })),
      specificNeeds: member.specificNeeds.map((n) => ({
        id: randomUUID(),
        code: n.code,
        sensitivity: sensitivityOf(n.code),
        status: 'active' as const,
        note: n.note ?? null,
        recordedAt: registeredAt,
        recordedBy: registrar,
      })),
    };
  });
  const consenting = members[input.consent.givenByMember];
  if (!consenting) {
    throw new RangeError(
      'consent.givenByMember is outside the household (the contract checks this)',
    );
  }
  return {
    registrationId: randomUUID(),
    householdId: randomUUID(),
    consentId: randomUUID(),
    siteId: input.siteId,
    registeredAt,
    registrar,
    originPcode: input.originPcode,
    arrivalMode: input.arrivalMode,
    arrivalDate: input.arrivalDate ?? null,
    members,
    consent: {
      purposes: input.consent.purposes,
      givenByPersonId: consenting.id,
      method: input.consent.method,
    },
  };
}
