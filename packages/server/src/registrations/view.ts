import type { Person, Registration } from '@haven/contract';
import type { Sensitivity } from '@haven/core';
import type { SiteRecord } from '../sites/queries.js';
import type { PlannedPerson, RegistrationPlan } from './plan.js';

// The order in which a person's documents and needs are shown, here and in read-queries.ts.
export const byDocument = (
  a: Person['documents'][number],
  b: Person['documents'][number],
): number => a.type.localeCompare(b.type) || a.number.localeCompare(b.number);
export const byNeed = (
  a: Person['specificNeeds'][number],
  b: Person['specificNeeds'][number],
): number => a.code.localeCompare(b.code);

function personView(m: PlannedPerson, reads: (sensitivity: Sensitivity) => boolean): Person {
  return {
    id: m.id,
    givenName: m.givenName,
    familyName: m.familyName,
    patronymic: m.patronymic,
    givenNameLatin: m.givenNameLatin,
    familyNameLatin: m.familyNameLatin,
    patronymicLatin: m.patronymicLatin,
    sex: m.sex,
    birthDate: m.birthDate,
    nationality: m.nationality,
    relationshipToHead: m.relationshipToHead,
    childCareStatus: m.childCareStatus,
    documents: m.documents
      .map(({ type, issuingCountry, number, nameAsPrinted }) => ({
        type,
        issuingCountry,
        number,
        nameAsPrinted,
      }))
      .sort(byDocument),
    specificNeeds: m.specificNeeds
      .filter(({ sensitivity }) => reads(sensitivity))
      .map(({ code, sensitivity, status, note, recordedAt, recordedBy }) => ({
        code,
        sensitivity,
        status,
        note,
        recordedAt,
        recordedBy,
      }))
      .sort(byNeed),
  };
}

/**
 * The registration as the API shows it, straight from what was just written; needs of classes
 * the registrar may not read are left out even though they recorded them.
 */
export function registrationView(
  plan: RegistrationPlan,
  site: SiteRecord,
  reads: (sensitivity: Sensitivity) => boolean,
): Registration {
  return {
    id: plan.registrationId,
    householdId: plan.householdId,
    site: { id: site.id, name: site.name, countryCode: site.countryCode, kind: site.kind },
    registeredAt: plan.registeredAt,
    registrar: plan.registrar,
    originPcode: plan.originPcode,
    arrivalMode: plan.arrivalMode,
    arrivalDate: plan.arrivalDate,
    members: plan.members.map((member) => personView(member, reads)),
    consent: {
      purposes: plan.consent.purposes,
      givenByPersonId: plan.consent.givenByPersonId,
      method: plan.consent.method,
      consentedAt: plan.registeredAt,
      recordedBy: plan.registrar,
    },
  };
}
