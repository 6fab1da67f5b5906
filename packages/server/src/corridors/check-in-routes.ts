import { randomUUID } from 'node:crypto';
import {
  CheckInInput,
  CheckInResult,
  ManifestPerson,
  Problem,
  Reconciliation,
  RegistrationLinkInput,
  type RegistrationDraft,
} from '@haven/contract';
import { isInScope, manifestPersonKeys, unaccompaniedMembers, type Principal } from '@haven/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import type { Keyring } from '../protection/keyring.js';
import { raiseDueAlerts } from './alert-job.js';
import { raiseAlerts, resolveMissingAlerts } from './alert-queries.js';
import {
  findHouseholdPersons,
  findManifestPersons,
  findRegisteredPersonPlaces,
  insertManifestHouseholds,
  linkRegistrationPerson,
  listManifestPersons,
  recordArrivals,
  type ManifestPersonRecord,
} from './manifest-queries.js';
import { manifestReadAudit } from './manifest-routes.js';
import type { CorridorRouteOptions } from './options.js';
import { markRunArrived, type RunRecord } from './run-queries.js';
import { runInScope, runNotFound } from './run-routes.js';
import { expectedSiteOf, manifestPersonView, reconciliationView } from './view.js';
import { findSite } from '../sites/queries.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
/** Clocks of phones at a crossing drift: a few minutes ahead is not "the future". */
const CLOCK_SKEW_MS = 5 * 60_000;
/** UNHCR specific-needs code of an unaccompanied child. */
const UNACCOMPANIED_CHILD_NEED = 'SC-UC';

/**
 * The registration form pre-filled from the checked-in persons (a RegistrationInput without
 * consent). A single person registers as the head of their own household; a household keeps its
 * manifest relationships, with a head chosen when the manifest named none.
 */
export function registrationDraftOf(
  run: RunRecord,
  siteId: string,
  persons: readonly ManifestPersonRecord[],
  arrivedAt: string,
): RegistrationDraft {
  const hasHead = persons.some((p) => p.relationshipToHead === 'head');
  return {
    siteId,
    originPcode: run.corridorOriginPcode,
    arrivalMode: run.kind === 'train' ? 'train' : 'evacuation-convoy',
    arrivalDate: arrivedAt.slice(0, 10),
    household: {
      members: persons.map((p, i) => ({
        manifestPersonId: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        ...(p.patronymic === null ? {} : { patronymic: p.patronymic }),
        sex: p.sex,
        birthDate: p.birthDate,
        nationality: p.nationality,
        relationshipToHead:
          persons.length === 1 || (!hasHead && i === 0) ? 'head' : p.relationshipToHead,
        ...(p.unaccompanied ? { childCareStatus: 'unaccompanied' as const } : {}),
        documents:
          p.documentType === null || p.documentNumber === null
            ? []
            : [
                {
                  type: p.documentType,
                  issuingCountry: p.documentIssuingCountry ?? 'UKR',
                  number: p.documentNumber,
                },
              ],
        specificNeeds: p.unaccompanied ? [{ code: UNACCOMPANIED_CHILD_NEED }] : [],
      })),
    },
  };
}

/** Who a check-in is about: manifest persons of this run, or an unexpected arrival. */
async function personsToCheckIn(
  db: Db,
  keyring: Keyring,
  principal: Principal,
  run: RunRecord,
  input: CheckInInput,
  arrivedAt: string,
): Promise<ManifestPersonRecord[]> {
  if (input.manifestPersonId !== undefined) {
    const persons = (await findManifestPersons(db, keyring, [input.manifestPersonId])).filter(
      (p) => p.runId === run.id,
    );
    if (persons.length === 0) {
      throw new HttpProblem(404, 'not-on-manifest', 'No such person on this run', [
        {
          field: 'manifestPersonId',
          in: 'body',
          message: 'Not on this manifest: check in as unexpectedPerson',
        },
      ]);
    }
    return persons;
  }
  if (input.manifestHouseholdId !== undefined) {
    const persons = await findHouseholdPersons(db, keyring, run.id, input.manifestHouseholdId);
    if (persons.length === 0) {
      throw new HttpProblem(404, 'not-on-manifest', 'No such household on this run', [
        { field: 'manifestHouseholdId', in: 'body', message: 'Not on this manifest' },
      ]);
    }
    return persons;
  }
  const person = input.unexpectedPerson;
  if (person === undefined) {
    throw fieldProblem('manifestPersonId', 'body', 'Give the person to check in');
  }
  // Someone the registrar did not find on the list may be on it under another spelling; and a
  // resent check-in of an unexpected arrival answers the first one.
  const keys = new Set(manifestPersonKeys(person));
  const all = await listManifestPersons(db, keyring, run.id);
  const known = all.find((p) =>
    manifestPersonKeys({
      givenName: p.givenName,
      familyName: p.familyName,
      patronymic: p.patronymic ?? undefined,
      birthDate: p.birthDate,
      documentType: p.documentType ?? undefined,
      documentNumber: p.documentNumber ?? undefined,
    }).some((key) => keys.has(key)),
  );
  if (known) {
    return [known];
  }
  const id = randomUUID();
  const [unaccompanied] = unaccompaniedMembers([person], arrivedAt.slice(0, 10));
  await insertManifestHouseholds(
    db,
    keyring,
    run.id,
    [
      {
        id: randomUUID(),
        reference: null,
        members: [
          {
            ...person,
            id,
            unaccompanied: unaccompanied ?? false,
            sourceLine: null,
            unexpected: true,
          },
        ],
      },
    ],
    principal.username,
  );
  return findManifestPersons(db, keyring, [id]);
}

/**
 * Where a check-in happens: where the run is expected (its diversion site, else its destination)
 * unless the caller names another site of their scope, which is allowed and flagged.
 */
async function checkInSite(
  db: Db,
  principal: Principal,
  expected: { id: string; name: string; countryCode: string },
  requested: string | undefined,
): Promise<string> {
  const siteId = requested ?? expected.id;
  const site = siteId === expected.id ? expected : await findSite(db, siteId);
  if (site && isInScope(principal, { siteId: site.id, countryCode: site.countryCode })) {
    return site.id;
  }
  if (requested === undefined) {
    // A registrar of the site the run left for before its diversion says where they stand.
    throw fieldProblem(
      'siteId',
      'body',
      `Name the site where you check in: the run is now expected at ${expected.name}`,
    );
  }
  throw fieldProblem('siteId', 'body', 'Not a reception site in your scope');
}

export const checkInRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  { db, keyring, now = () => new Date() },
) => {
  app.post(
    '/evacuation-runs/:id/check-ins',
    {
      schema: {
        summary: 'Check in arrivals of a run at its destination site, or where it was diverted',
        description:
          'Give exactly one of manifestPersonId, manifestHouseholdId or unexpectedPerson. Records the arrival once: checking in again answers the first arrival (alreadyCheckedIn). Someone not on the manifest is recorded as an unexpected arrival and flagged; an unaccompanied child is flagged for child protection. Check-in happens where the run is expected (its diversion site, else its destination) unless siteId names another site of your scope: allowed, flagged arrival-at-other-site and raised as an alert. Answers the registration form pre-filled from the manifest.',
        tags: ['corridors'],
        params: IdParams,
        body: CheckInInput,
        response: { 200: CheckInResult, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const at = now();
      const arrivedAt = request.body.arrivedAt
        ? new Date(request.body.arrivedAt).toISOString()
        : at.toISOString();
      if (Date.parse(arrivedAt) > at.getTime() + CLOCK_SKEW_MS) {
        throw fieldProblem('arrivedAt', 'body', 'Must not be in the future');
      }
      return db.transaction(async (tx) => {
        const run = await runInScope(tx, principal, request.params.id, true);
        const expected = expectedSiteOf(run);
        if (expected === null) {
          throw new HttpProblem(
            422,
            'run-without-site',
            'This run does not end at a Haven reception site',
          );
        }
        if (run.status === 'cancelled') {
          throw new HttpProblem(409, 'run-cancelled', 'The run was cancelled');
        }
        const siteId = await checkInSite(tx, principal, expected, request.body.siteId);
        const targets = await personsToCheckIn(
          tx,
          keyring,
          principal,
          run,
          request.body,
          arrivedAt,
        );
        const ids = targets.map((p) => p.id);
        const newly = new Set(
          await recordArrivals(tx, ids, {
            arrivedAt,
            siteId,
            checkedInBy: principal.username,
          }),
        );
        await resolveMissingAlerts(tx, [...newly], at);
        const unaccompanied = targets.filter((p) => p.unaccompanied).map((p) => p.id);
        const unexpected = targets.filter((p) => p.unexpected).map((p) => p.id);
        await raiseAlerts(tx, run.id, 'unaccompanied-child', unaccompanied, at);
        await raiseAlerts(tx, run.id, 'unexpected-arrival', unexpected, at);
        if (newly.size > 0) {
          await markRunArrived(tx, run.id, arrivedAt);
        }
        const persons = await findManifestPersons(tx, keyring, ids);
        // Flagged by where each one was actually checked in, so a repeated check-in says the same.
        const elsewhere = persons.filter(
          (p) => p.arrivalSiteId !== null && p.arrivalSiteId !== expected.id,
        );
        await raiseAlerts(
          tx,
          run.id,
          'arrival-at-other-site',
          elsewhere.filter((p) => newly.has(p.id)).map((p) => p.id),
          at,
        );
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: run.countryCode,
            action: 'manifest.check-in',
            resourceType: 'evacuation-run',
            resourceId: run.id,
            detail: { persons: ids, newlyArrived: [...newly], siteId },
          },
        ]);
        return {
          runId: run.id,
          arrivals: persons.map((p) => ({
            manifestPersonId: p.id,
            arrivedAt: p.arrivedAt ?? arrivedAt,
            alreadyCheckedIn: !newly.has(p.id),
            unexpected: p.unexpected,
            unaccompanied: p.unaccompanied,
          })),
          flags: persons.flatMap((p) => [
            ...(p.unaccompanied
              ? [
                  {
                    kind: 'unaccompanied-child' as const,
                    manifestPersonId: p.id,
                    message: 'Unaccompanied child: refer to child protection before registration',
                  },
                ]
              : []),
            ...(p.unexpected
              ? [
                  {
                    kind: 'unexpected-arrival' as const,
                    manifestPersonId: p.id,
                    message: 'Not on the manifest of this run: recorded as an unexpected arrival',
                  },
                ]
              : []),
            ...(elsewhere.includes(p)
              ? [
                  {
                    kind: 'arrival-at-other-site' as const,
                    manifestPersonId: p.id,
                    message: `Checked in at a site other than ${expected.name}, where the run is expected`,
                  },
                ]
              : []),
          ]),
          registrationDraft: registrationDraftOf(run, siteId, persons, arrivedAt),
        };
      });
    },
  );

  app.post(
    '/manifest-persons/:id/registration-link',
    {
      schema: {
        summary: 'Link a checked-in manifest person to the person registered from the draft',
        description:
          'registrationPersonId is a person id of the registration made from the pre-filled form (a member id in the POST /registrations answer); it must be registered in your scope. Linking again to the same person is a no-op; to another is a 409.',
        tags: ['corridors'],
        params: IdParams,
        body: RegistrationLinkInput,
        response: { 200: ManifestPerson, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { registrationPersonId } = request.body;
      return db.transaction(async (tx) => {
        const [person] = await findManifestPersons(tx, keyring, [request.params.id]);
        if (!person) {
          throw new HttpProblem(404, 'not-found', 'No such manifest person');
        }
        const run = await runInScope(tx, principal, person.runId, true);
        if (person.arrivedAt === null) {
          throw new HttpProblem(409, 'not-checked-in', 'Check the person in before linking');
        }
        if (
          person.registrationPersonId !== null &&
          person.registrationPersonId !== registrationPersonId
        ) {
          throw new HttpProblem(
            409,
            'already-linked',
            'This manifest person is linked to another registered person',
          );
        }
        const places = await findRegisteredPersonPlaces(tx, registrationPersonId);
        if (!places.some((place) => isInScope(principal, place))) {
          throw fieldProblem(
            'registrationPersonId',
            'body',
            'No registered person with this id in your scope',
          );
        }
        await linkRegistrationPerson(tx, person.id, registrationPersonId);
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: run.countryCode,
            action: 'manifest.link-registration',
            resourceType: 'evacuation-run',
            resourceId: run.id,
            detail: { persons: [person.id, registrationPersonId] },
          },
        ]);
        const [linked] = await findManifestPersons(tx, keyring, [person.id]);
        if (!linked) {
          throw runNotFound();
        }
        return manifestPersonView(linked);
      });
    },
  );

  app.get(
    '/evacuation-runs/:id/reconciliation',
    {
      schema: {
        summary: 'Boarded vs arrived for a run, evaluated now',
        description:
          'missing = boarded, not arrived, and now past the expected arrival plus the margin; those raise alerts at once. Names of missing and unexpected people are shown: the read is audited.',
        tags: ['corridors'],
        params: IdParams,
        response: { 200: Reconciliation, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const at = now();
      const run = await runInScope(db, principal, request.params.id);
      if (run.destinationSite !== null) {
        await raiseDueAlerts(db, at, run.id);
      }
      return db.transaction(async (tx) => {
        const persons = await listManifestPersons(tx, keyring, run.id);
        const view = reconciliationView(run, persons, at);
        await appendAudit(tx, [
          manifestReadAudit(request, principal, run, 'manifest.reconciliation', [
            ...view.missingPersons.map((p) => p.manifestPersonId),
            ...view.unexpectedPersons.map((p) => p.manifestPersonId),
          ]),
        ]);
        return view;
      });
    },
  );
};
