/**
 * A household's possible matches as a caller may see them (#3 item 4): the index proposes, the
 * database confirms (an erased person is never shown), and the access policy decides what is
 * shown. A match in the caller's scope (any registration of its household is) is shown with its
 * names and field weights. A likely match outside the scope is only counted, never named nor
 * placed: the registrar learns that a caseworker should check, not where the person has been
 * (ICRC Handbook on Data Protection in Humanitarian Action, data minimisation).
 */
import type {
  IdentityMatches,
  MemberMatches,
  PossibleMatch,
  RegistrationInput,
} from '@haven/contract';
import { isInScope, type Principal } from '@haven/core';
import type { IndexMatch, PersonRecord } from '@haven/core/identity';
import type { AuditEntry } from '../audit/append.js';
import { jsonColumn, type Db } from '../db/open.js';
import type { PersonIndex } from './person-index.js';
import { findMatchedPersons } from './queries.js';

/** Matches below this are noise to a registrar: not shown, not counted. */
export const MIN_SHOWN_PROBABILITY = 0.05;
/** Out-of-scope matches are counted from here: "probably the same person". */
export const MIN_COUNTED_PROBABILITY = 0.5;
/** Matches looked up per member; the best in scope are shown. */
const LOOKUP_LIMIT = 10;
const SHOWN_PER_MEMBER = 5;

type MemberInput = RegistrationInput['household']['members'][number];
type AuditActor = Pick<
  AuditEntry,
  'actorId' | 'actor' | 'actorRole' | 'ip' | 'requestId' | 'purpose'
>;

/** A member being registered as the match index compares it; ids of new persons when known. */
export function personRecordOf(member: MemberInput, id: string): PersonRecord {
  return {
    id,
    givenName: member.givenName,
    familyName: member.familyName,
    patronymic: member.patronymic ?? undefined,
    sex: member.sex,
    birthDate: member.birthDate,
    nationality: member.nationality,
    documents: member.documents.map(({ type, issuingCountry, number }) => ({
      type,
      issuingCountry,
      number,
    })),
  };
}

export interface HouseholdMatches {
  readonly matches: IdentityMatches;
  /** One read entry per country whose records were shown; none when nothing was. */
  readonly audit: (actor: AuditActor) => AuditEntry[];
}

/**
 * Looks up each member (`personIds[i]` for members already stored, null in a preview) and
 * presents what the principal may see.
 */
export async function matchHousehold(
  db: Db,
  index: PersonIndex,
  principal: Principal,
  members: readonly MemberInput[],
  personIds: readonly (string | null)[],
): Promise<HouseholdMatches> {
  // A household already indexed (a resent registration) is weighed as before it was.
  const household = personIds.filter((id): id is string => id !== null);
  const found = members.map((member, position) => {
    const id = personIds[position] ?? `preview-${String(position)}`;
    return index
      .findMatches(personRecordOf(member, id), LOOKUP_LIMIT, household)
      ?.filter((match) => match.matchProbability >= MIN_SHOWN_PROBABILITY);
  });
  if (index.state !== 'ready') {
    return {
      matches: {
        index: index.state === 'loading' ? 'loading' : 'unavailable',
        members: members.map((_, position) => ({
          member: position,
          personId: personIds[position] ?? null,
          possibleMatches: [],
          outOfScopeCount: 0,
        })),
      },
      audit: () => [],
    };
  }
  const ids = [...new Set(found.flatMap((matches) => (matches ?? []).map(({ id }) => id)))];
  const stored = new Map((await findMatchedPersons(db, ids)).map((row) => [row.id, row]));
  // Erased since it was indexed (by another process): out of this index too.
  index.remove(ids.filter((id) => !stored.has(id)));

  const shownByCountry = new Map<string, Set<string>>();
  const present = (match: IndexMatch): PossibleMatch | 'out-of-scope' | undefined => {
    const row = stored.get(match.id);
    if (!row) {
      return undefined;
    }
    const registration = jsonColumn(row.registrations).find((candidate) =>
      isInScope(principal, { siteId: candidate.siteId, countryCode: candidate.countryCode }),
    );
    if (!registration) {
      return 'out-of-scope';
    }
    return {
      personId: row.id,
      householdId: row.household_id,
      registrationId: registration.id,
      site: {
        id: registration.siteId,
        name: registration.siteName,
        countryCode: registration.countryCode,
        kind: registration.siteKind,
      },
      givenName: row.given_name,
      familyName: row.family_name,
      patronymic: row.patronymic,
      givenNameLatin: row.given_name_latin,
      familyNameLatin: row.family_name_latin,
      sex: row.sex,
      birthDate: row.birth_date,
      matchProbability: match.matchProbability,
      matchWeight: match.matchWeight,
      isSwapped: match.isSwapped,
      contributions: match.contributions.map(
        ({ field, level, weight, isTermFrequencyAdjusted }) => ({
          field,
          level,
          weight,
          isTermFrequencyAdjusted,
        }),
      ),
    };
  };
  const memberMatches = found.map((matches, position): MemberMatches => {
    const possibleMatches: PossibleMatch[] = [];
    let outOfScopeCount = 0;
    for (const match of matches ?? []) {
      const shown = present(match);
      if (shown === 'out-of-scope') {
        outOfScopeCount += match.matchProbability >= MIN_COUNTED_PROBABILITY ? 1 : 0;
      } else if (shown && possibleMatches.length < SHOWN_PER_MEMBER) {
        possibleMatches.push(shown);
        const country = shown.site.countryCode;
        shownByCountry.set(country, (shownByCountry.get(country) ?? new Set()).add(shown.personId));
      }
    }
    return {
      member: position,
      personId: personIds[position] ?? null,
      possibleMatches,
      outOfScopeCount,
    };
  });
  return {
    matches: { index: 'ready', members: memberMatches },
    // The records shown are read like any other: audited by id, in their country's chain.
    audit: (actor) =>
      [...shownByCountry].map(([country, persons]) => ({
        ...actor,
        chain: country,
        action: 'person.match',
        resourceType: 'person',
        resourceId: null,
        detail: { persons: [...persons] },
      })),
  };
}
