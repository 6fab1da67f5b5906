/**
 * Protection cases and duplicates as a caller may see them: the core cross-country rule applied
 * to every record of another country they name (the case's person, each conflicting status).
 */
import { createHash } from 'node:crypto';
import type { ProtectionCase, ProtectionDuplicate } from '@haven/contract';
import { crossCountryView, type Principal } from '@haven/core';
import type { IdentityDuplicate, StoredCase } from './queries.js';
import { protectionCountriesOf } from './scope.js';

export function caseView(principal: Principal, found: StoredCase): ProtectionCase {
  const countries = protectionCountriesOf(principal);
  // A person with records in several of the case's countries (the same person granted twice)
  // is shown when any of those countries is the caller's.
  const records = [found, ...found.conflicting];
  const shown = (personId: string): string | null =>
    records
      .filter((record) => record.personId === personId)
      .map((record) => crossCountryView(countries, record).personId)
      .find((id) => id !== null) ?? null;
  return {
    ...found,
    personId: shown(found.personId),
    conflicting: found.conflicting.map((other) => ({ ...other, personId: shown(other.personId) })),
  };
}

/**
 * A duplicate as the caller may see it: statuses of other countries without their person, and
 * the identity as an opaque key (a cluster id is one of its persons' ids).
 */
export function duplicateView(principal: Principal, found: IdentityDuplicate): ProtectionDuplicate {
  const countries = protectionCountriesOf(principal);
  return {
    identityId: createHash('sha256').update(found.identityId).digest('base64url').slice(0, 22),
    statuses: found.statuses.map((status) => crossCountryView(countries, status)),
  };
}
