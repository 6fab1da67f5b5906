import type { Registration, RegistrationDraft as ManifestRegistrationDraft } from '@haven/contract';
import {
  ARRIVAL_MODES,
  CHILD_CARE_STATUSES,
  RELATIONSHIPS,
  SEXES,
  DOCUMENT_TYPES,
} from '@haven/core';
import { linkRegistration } from '../api/corridors.js';
import {
  DEFAULT_COUNTRY,
  emptyDocument,
  emptyMember,
  emptyRegistration,
  type RegistrationDraft,
} from '../forms/registration-draft.js';

/**
 * What the check-in page hands the registration form through the router's state: the form's
 * draft filled from the manifest (issue 5 item 3), and which manifest person each member is, so
 * the registration can be tied back to the run once it is made.
 */
export interface ManifestPrefill {
  readonly draft: RegistrationDraft;
  /** Manifest person id by the draft member's key (keys survive adding and removing members). */
  readonly manifestPersonIds: Readonly<Record<string, string>>;
  readonly runLabel: string;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | '' =>
  values.find((v) => v === value) ?? '';

/** The registration form's draft from the check-in's; consent is left for the registrar to ask. */
export function prefillOf(from: ManifestRegistrationDraft, runLabel: string): ManifestPrefill {
  const manifestPersonIds: Record<string, string> = {};
  const origin = from.originPcode ?? '';
  const members = from.household.members.map((person) => {
    const member = {
      ...emptyMember(oneOf(RELATIONSHIPS, person.relationshipToHead)),
      givenName: person.givenName,
      familyName: person.familyName,
      patronymic: person.patronymic ?? '',
      sex: oneOf(SEXES, person.sex),
      birthDate: person.birthDate,
      nationality: person.nationality || DEFAULT_COUNTRY,
      childCareStatus: oneOf(CHILD_CARE_STATUSES, person.childCareStatus),
      documents: person.documents.map((document) => ({
        ...emptyDocument(),
        type: oneOf(DOCUMENT_TYPES, document.type),
        issuingCountry: document.issuingCountry,
        number: document.number,
      })),
      specificNeeds: person.specificNeeds.map((need) => ({ code: need.code, note: '' })),
    };
    manifestPersonIds[member.key] = person.manifestPersonId;
    return member;
  });
  return {
    draft: {
      ...emptyRegistration({ siteId: from.siteId }),
      // An ADM2 P-code ('UA1402') lies in the oblast of its first four characters.
      oblastPcode: origin.slice(0, 4),
      raionPcode: origin.length > 4 ? origin : '',
      arrivalMode: oneOf(ARRIVAL_MODES, from.arrivalMode),
      arrivalDate: from.arrivalDate,
      members: members.length > 0 ? members : emptyRegistration().members,
    },
    manifestPersonIds,
    runLabel,
  };
}

function isPrefill(value: unknown): value is ManifestPrefill {
  return (
    typeof value === 'object' &&
    value !== null &&
    'draft' in value &&
    'manifestPersonIds' in value &&
    'runLabel' in value
  );
}

/** The prefill carried in a location's state, if the page was opened from a check-in. */
export function prefillInState(state: unknown): ManifestPrefill | undefined {
  if (typeof state !== 'object' || state === null || !('manifestPrefill' in state)) {
    return undefined;
  }
  const prefill: unknown = state.manifestPrefill;
  return isPrefill(prefill) ? prefill : undefined;
}

/**
 * Ties each manifest person to the person their registration created, member by member in the
 * order they were sent. A failure does not undo the registration: the run page still shows them
 * as arrived, only without the link.
 */
export async function linkManifestPersons(
  prefill: ManifestPrefill,
  sentMemberKeys: readonly string[],
  registration: Pick<Registration, 'members'>,
): Promise<void> {
  await Promise.allSettled(
    sentMemberKeys.flatMap((key, i) => {
      const manifestPersonId = prefill.manifestPersonIds[key];
      const person = registration.members[i];
      return manifestPersonId && person ? [linkRegistration(manifestPersonId, person.id)] : [];
    }),
  );
}
