import type { Person, Registration, Site } from '@haven/contract';
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

function personView(m: PlannedPerson): Person {
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
      .map(({ code, sensitivity, status, recordedAt, recordedBy }) => ({
        code,
        sensitivity,
        status,
        recordedAt,
        recordedBy,
      }))
      .sort(byNeed),
  };
}

/** The registration as the API shows it, straight from what was just written. */
export function registrationView(plan: RegistrationPlan, site: Site): Registration {
  return {
    id: plan.registrationId,
    householdId: plan.householdId,
    site: { id: site.id, name: site.name, countryCode: site.countryCode, kind: site.kind },
    registeredAt: plan.registeredAt,
    registrar: plan.registrar,
    originPcode: plan.originPcode,
    arrivalMode: plan.arrivalMode,
    arrivalDate: plan.arrivalDate,
    members: plan.members.map(personView),
    consent: {
      purposes: plan.consent.purposes,
      givenByPersonId: plan.consent.givenByPersonId,
      method: plan.consent.method,
      consentedAt: plan.registeredAt,
      recordedBy: plan.registrar,
    },
  };
}
