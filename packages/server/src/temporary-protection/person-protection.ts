/**
 * A person's protection page (issue 6 items 2–3): per country in the reader's scope, the
 * timeline, the current status, the latest assessment with who decided, the rights with their
 * citations and next renewal date, and the records putting them into effect; open cases.
 */
import type { CountryProtection, Entitlement, PersonProtection } from '@haven/contract';
import {
  deriveEntitlements,
  isStatusInForce,
  nextRenewalOn,
  nextStatuses,
  regimeOf,
} from '@haven/core';
import { appendAudit } from '../audit/append.js';
import type { Db } from '../db/open.js';
import {
  listAssessments,
  listCases,
  listSchoolEnrolments,
  listStatusEvents,
  listWorkAuthorisations,
  statusEventView,
} from './queries.js';
import { caseView } from './case-view.js';
import { personInScope, protectionCountriesOf, type Caller } from './scope.js';

/** Everything about one person's protection the caller may see, audited as a read. */
export async function readPersonProtection(
  db: Db,
  caller: Caller,
  personId: string,
  onDate: string,
): Promise<PersonProtection> {
  return db.transaction(async (tx) => {
    const place = await personInScope(tx, caller.principal, personId);
    const scope = protectionCountriesOf(caller.principal);
    const [events, assessments, work, schools, openCases] = [
      await listStatusEvents(tx, [personId]),
      await listAssessments(tx, personId, scope),
      await listWorkAuthorisations(tx, personId),
      await listSchoolEnrolments(tx, personId),
      await listCases(tx, { countries: scope, state: 'open', personId, limit: 50 }),
    ];
    // The countries shown: where the person has a record, and the registration country in scope
    // (so a caseworker there can start an assessment).
    const countries = [...new Set([...place.registrationCountries, ...place.protectionCountries])]
      .filter((code) => scope.includes(code))
      .sort();
    const birthDate = place.birthDate;
    const view: CountryProtection[] = countries.map((countryCode) => {
      const timeline = events
        .filter((event) => event.countryCode === countryCode)
        .map(statusEventView);
      const current = timeline.at(-1) ?? null;
      const rights: Entitlement[] = deriveEntitlements(countryCode, current, birthDate, onDate).map(
        (right) => {
          const record =
            right.record === 'work-authorisation'
              ? work.find((w) => w.countryCode === countryCode)
              : right.record === 'school-enrolment'
                ? schools.find((s) => s.countryCode === countryCode)
                : undefined;
          return {
            kind: right.kind,
            granted: right.granted,
            conditions: right.conditions.map((c) => ({ ...c })),
            citation: right.citation.map((c) => ({ ...c })),
            rule: { ...right.rule },
            nextRenewalOn: right.nextRenewalOn,
            record:
              record && right.record
                ? {
                    type: right.record,
                    id: record.id,
                    status: 'status' in record ? record.status : 'recorded',
                  }
                : null,
          };
        },
      );
      const inForce = current !== null && isStatusInForce(current, onDate);
      return {
        countryCode,
        regime: regimeOf(countryCode).regime,
        current,
        active: inForce,
        nextStatuses: [...nextStatuses(current?.status ?? null)],
        timeline,
        latestAssessment: assessments.find((a) => a.countryCode === countryCode) ?? null,
        entitlements: rights,
        nextRenewalOn: current && inForce ? nextRenewalOn(countryCode, current, onDate) : null,
        workAuthorisations: work.filter((w) => w.countryCode === countryCode),
        schoolEnrolments: schools.filter((s) => s.countryCode === countryCode),
      };
    });
    await appendAudit(
      tx,
      countries.map((country) => ({
        ...caller.audit,
        chain: country,
        action: 'protection.read',
        resourceType: 'person',
        resourceId: personId,
      })),
    );
    return {
      personId,
      onDate,
      registrationCountry: place.registrationCountries[0] ?? null,
      countries: view,
      openCases: openCases.map((found) => caseView(caller.principal, found)),
    };
  });
}
