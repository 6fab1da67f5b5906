/**
 * Demo temporary protection (issue 6): households in Poland, Romania and Moldova assessed,
 * decided by a named demo caseworker (one override with a reason), granted, some with their
 * residence document issued; one person granted in Romania and then in Poland, which opens a
 * conflict case for caseworkers. Everything goes through the server's own functions, so the
 * demo is held to the same rules, transitions and audit as the API.
 */
import { randomUUID } from 'node:crypto';
import { NewEligibilityAssessment } from '@haven/contract';
import { ADULT_AGE_YEARS, ageYearsOn, type Principal } from '@haven/core';
import {
  assessEligibility,
  decideOnAssessment,
  listRegisteredHouseholds,
  operatorActor,
  recordStatusChange,
  type Db,
  type ProtectionCaller,
  type RegisteredPerson,
} from '@haven/server';

const DEMO_CASEWORKER: Principal = {
  userId: randomUUID(),
  username: 'Demo caseworker (demo data)',
  role: 'caseworker',
  countries: ['PL', 'RO', 'HU', 'SK', 'MD', 'CZ', 'DE'],
  siteIds: [],
};

export interface ProtectionDemoSummary {
  readonly granted: number;
  readonly cases: number;
}

const plusDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What a caseworker would record for a demo member: Ukrainian, passport seen. */
function factsOf(person: RegisteredPerson, onDate: string) {
  const isChild =
    person.relationshipToHead === 'child' && ageYearsOn(person.birthDate, onDate) < ADULT_AGE_YEARS;
  return {
    birthDate: person.birthDate,
    nationality: person.nationality,
    residedInUkraineBeforeInvasion: true,
    leftUkraineOn: person.arrivedOn,
    arrivedOn: person.arrivedOn,
    ...(person.nationality === 'UKR'
      ? { evidence: ['ukrainian-nationality'] }
      : {
          // A non-Ukrainian member of a Ukrainian household: a family member (Art. 2(4)).
          ukraineResidenceTitle: 'none',
          familyLink: {
            relationship: isChild ? 'minor-child' : 'spouse',
            anchorCategory: 'TP-2-1-A',
            familyResidedInUkraineBeforeInvasion: true,
            unmarried: isChild ? true : null,
          },
          evidence: ['identity-document', 'family-link'],
        }),
  };
}

/** Assess, decide and grant one person in a country; answers whether it was granted or held. */
async function protect(
  db: Db,
  caller: ProtectionCaller,
  person: RegisteredPerson,
  countryCode: string,
  onDate: string,
  withDocument: boolean,
): Promise<'granted' | 'held' | 'not-granted'> {
  const input = NewEligibilityAssessment.safeParse({
    countryCode,
    onDate,
    facts: factsOf(person, onDate),
  });
  if (!input.success) {
    return 'not-granted';
  }
  const assessment = await assessEligibility(db, caller, person.personId, input.data);
  const recommendation = assessment.recommendation;
  const decided = await decideOnAssessment(
    db,
    caller,
    assessment.id,
    recommendation.kind === 'needs-evidence'
      ? {
          outcome: 'overridden',
          eligible: true,
          category: recommendation.category ?? 'TP-2-1-A',
          reason: 'Diia.pl e-ID shown on the phone in place of the passport',
        }
      : { outcome: 'confirmed' },
  );
  if (!decided.decision?.eligible) {
    return 'not-granted';
  }
  const granted = await recordStatusChange(db, caller, person.personId, {
    countryCode,
    status: 'granted',
    effectiveOn: onDate,
  });
  if (granted.outcome === 'held') {
    return 'held';
  }
  if (withDocument) {
    await recordStatusChange(db, caller, person.personId, {
      countryCode,
      status: 'document-issued',
      effectiveOn: plusDays(onDate, 14),
    });
  }
  return 'granted';
}

/** Adds protection to demo households already registered (run after the registrations). */
export async function loadTemporaryProtectionDemo(db: Db): Promise<ProtectionDemoSummary> {
  const caller: ProtectionCaller = {
    principal: DEMO_CASEWORKER,
    audit: { ...operatorActor('demo-data'), purpose: 'demo data' },
  };
  const plan = [
    // Poland's Special Act counts from 24 Feb 2022; the EU Decision applies from 4 Mar 2022;
    // Moldova's own regime began on 1 Mar 2023.
    { country: 'PL', households: 4, earliest: '2022-03-04' },
    { country: 'RO', households: 2, earliest: '2022-03-04' },
    { country: 'MD', households: 1, earliest: '2023-03-01' },
  ];
  let granted = 0;
  let cases = 0;
  for (const { country, households, earliest } of plan) {
    const members = await listRegisteredHouseholds(db, country, households, 2);
    const seen = new Set<string>();
    for (const [index, person] of members.entries()) {
      if (seen.has(person.personId)) {
        continue;
      }
      seen.add(person.personId);
      const onDate = plusDays(person.arrivedOn > earliest ? person.arrivedOn : earliest, 3);
      const outcome = await protect(db, caller, person, country, onDate, index % 2 === 0);
      granted += outcome === 'granted' ? 1 : 0;
    }
  }
  // One person registered in Poland was granted protection in Romania first: granting in
  // Poland too is held in a conflict case for caseworkers ("only one active status").
  const [mover] = await listRegisteredHouseholds(db, 'PL', 1, 1);
  if (mover) {
    const romania = plusDays(mover.arrivedOn > '2022-03-04' ? mover.arrivedOn : '2022-03-04', 1);
    await protect(db, caller, mover, 'RO', romania, false);
    const outcome = await protect(db, caller, mover, 'PL', plusDays(romania, 20), false);
    cases += outcome === 'held' ? 1 : 0;
  }
  return { granted, cases };
}
