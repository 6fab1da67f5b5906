/**
 * Who may see a person's protection: a principal whose countries include the person's
 * registration country or a country where the person has a protection record. Every role
 * holding the protection permissions is country-scoped (core access policy); a site-scoped
 * principal reaches nobody here. Out of scope reads as absent (404), never as forbidden.
 */
import { countriesInScope, type Principal } from '@haven/core';
import type { AuditEntry } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import {
  actorOf,
  findPersonPlace,
  isHostCountry,
  type Actor,
  type PersonPlace,
} from './queries.js';

/** The caller of a protection function: the principal and the audit actor of the request. */
export interface Caller {
  readonly principal: Principal;
  readonly audit: Pick<
    AuditEntry,
    'actorId' | 'actor' | 'actorRole' | 'ip' | 'requestId' | 'purpose'
  >;
}

export const personNotFound = () => new HttpProblem(404, 'not-found', 'No such person');

/** The countries a principal reads protection in (none for a site-scoped role). */
export function protectionCountriesOf(principal: Principal): readonly string[] {
  return countriesInScope(principal);
}

export function isPersonInScope(principal: Principal, place: PersonPlace): boolean {
  const countries = protectionCountriesOf(principal);
  return [...place.registrationCountries, ...place.protectionCountries].some((code) =>
    countries.includes(code),
  );
}

/** The person, when in the caller's scope; 404 otherwise. Locks the row for writes. */
export async function personInScope(
  executor: Db,
  principal: Principal,
  personId: string,
  lock = false,
): Promise<PersonPlace> {
  const place = await findPersonPlace(executor, personId, lock);
  if (!place || !isPersonInScope(principal, place)) {
    throw personNotFound();
  }
  return place;
}

/** A write in a country needs that country among the caller's, and a host country Haven knows. */
export async function assertCountryInScope(
  executor: Db,
  principal: Principal,
  countryCode: string,
  field = 'countryCode',
): Promise<void> {
  if (!(await isHostCountry(executor, countryCode))) {
    throw fieldProblem(field, 'body', `${countryCode} is not a host country in Haven`);
  }
  if (!protectionCountriesOf(principal).includes(countryCode)) {
    throw new HttpProblem(
      403,
      'country-out-of-scope',
      'Your role may not do this',
      undefined,
      `${countryCode} is not among your countries`,
    );
  }
}

export function callerActor(executor: Db, caller: Caller): Promise<Actor> {
  return actorOf(executor, caller.principal.userId, caller.principal.username);
}
