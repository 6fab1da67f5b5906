/**
 * Temporary protection over HTTP (issue 6 items 1–3, issue 7 item 4). Thin: parse, call the
 * functions of this folder (which scope, decide through @haven/core, store and audit in one
 * transaction), present. Endpoints and permissions: contract/src/temporary-protection.ts.
 */
import {
  EligibilityAssessment,
  EligibilityDecisionInput,
  NewEligibilityAssessment,
  NewSchoolEnrolment,
  NewStatusEvent,
  NewWorkAuthorisation,
  PersonProtection,
  PersonProtectionQuery,
  Problem,
  ProtectionCase,
  ProtectionCasePage,
  ProtectionCaseQuery,
  ProtectionCaseResolution,
  ProtectionDuplicatePage,
  NewDuplicateCases,
  DuplicateCasesOpened,
  ProtectionDuplicateQuery,
  OptionalIdempotencyKeyHeader,
  ProtectionPersonParams,
  ProtectionRules,
  SchoolEnrolment,
  SchoolEnrolmentUpdate,
  StatusEventOutcome,
  WorkAuthorisation,
} from '@haven/contract';
import { describeProtectionRules } from '@haven/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { assessEligibility, decideOnAssessment, readAssessment } from './assessments.js';
import {
  changeSchoolEnrolment,
  recordWorkAuthorisation,
  requestSchoolEnrolment,
} from './entitlement-records.js';
import { readPersonProtection } from './person-protection.js';
import { findCase, listCases, listDuplicateActiveStatuses } from './queries.js';
import { caseView, duplicateView } from './case-view.js';
import { openDuplicateCases } from './duplicate-cases.js';
import { protectionCountriesOf, type Caller } from './scope.js';
import { recordStatusChange, resolveProtectionCase } from './status-changes.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const tags = ['temporary protection'];
const today = (): string => new Date().toISOString().slice(0, 10);

/** The persons a caller was shown in these cases (the ones the cross-country rule let through). */
const shownPersons = (cases: readonly ProtectionCase[]): string[] =>
  [...new Set(cases.flatMap((c) => [c.personId, ...c.conflicting.map((o) => o.personId)]))].filter(
    (id): id is string => id !== null,
  );

function callerOf(request: FastifyRequest): Caller {
  const principal = principalOf(request);
  return { principal, audit: auditActor(request, principal) };
}

export const temporaryProtectionRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/protection-rules',
    {
      schema: {
        summary:
          'The temporary-protection rules data: categories and country regimes, with citations',
        tags,
        response: { 200: ProtectionRules, ...problems },
      },
    },
    () => describeProtectionRules() satisfies ProtectionRules,
  );

  app.post(
    '/persons/:id/eligibility-assessments',
    {
      schema: {
        summary:
          'Assess eligibility from facts: a recommendation, stored until a caseworker decides',
        description:
          'Applies the rules of the host country (Decision 2022/382 Art. 2 and the national variant) on onDate. The answer names the category, the rule and its citation, what is missing, or why not. Facts that contradict each other (born after arriving, arriving before leaving Ukraine) are a 400 naming each field. A recommendation grants nothing (GDPR Art. 22).',
        tags,
        params: ProtectionPersonParams,
        headers: OptionalIdempotencyKeyHeader,
        body: NewEligibilityAssessment,
        response: { 201: EligibilityAssessment, ...problems },
      },
    },
    async (request, reply) => {
      const assessment = await assessEligibility(
        db,
        callerOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.status(201).send(assessment);
    },
  );

  app.get(
    '/eligibility-assessments/:id',
    {
      schema: {
        summary: 'One eligibility assessment with its recommendation and who decided',
        tags,
        params: ProtectionPersonParams,
        response: { 200: EligibilityAssessment, ...problems },
      },
    },
    (request) => readAssessment(db, callerOf(request), request.params.id),
  );

  app.post(
    '/eligibility-assessments/:id/decision',
    {
      schema: {
        summary: 'Confirm the recommendation, or override it with a reason',
        description:
          'The signed-in caseworker is recorded as the one who decided. Overriding needs a reason; a recommendation still lacking facts or evidence can only be overridden (422). A decided assessment is final (409): assess again to decide anew.',
        tags,
        params: ProtectionPersonParams,
        headers: OptionalIdempotencyKeyHeader,
        body: EligibilityDecisionInput,
        response: { 200: EligibilityAssessment, ...problems },
      },
    },
    (request) =>
      decideOnAssessment(
        db,
        callerOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      ),
  );

  app.get(
    '/persons/:id/protection',
    {
      schema: {
        summary: "A person's protection: timeline, status, rights with citations, renewal, cases",
        tags,
        params: ProtectionPersonParams,
        querystring: PersonProtectionQuery,
        response: { 200: PersonProtection, ...problems },
      },
    },
    (request) =>
      readPersonProtection(
        db,
        callerOf(request),
        request.params.id,
        request.query.onDate ?? today(),
      ),
  );

  app.post(
    '/persons/:id/protection/events',
    {
      schema: {
        summary: 'Record a status change (applied, granted, document issued, extended, …)',
        description:
          'Allowed transitions only (409 transition-not-allowed names the allowed next statuses); suspended, lapsed and ceased need a reason (422). Granting needs a confirmed eligible assessment for the country (422). Granting while the person, or another record of the same identity, holds an active status elsewhere records nothing: the grant is held in a protection case (202) for caseworkers to resolve. Resending with the same Idempotency-Key and body answers what the first request recorded (the event, or the case holding the grant) and records nothing again.',
        tags,
        params: ProtectionPersonParams,
        headers: OptionalIdempotencyKeyHeader,
        body: NewStatusEvent,
        response: { 201: StatusEventOutcome, 202: StatusEventOutcome, ...problems },
      },
    },
    async (request, reply) => {
      const outcome = await recordStatusChange(
        db,
        callerOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.status(outcome.outcome === 'held' ? 202 : 201).send(outcome);
    },
  );

  app.get(
    '/protection-cases',
    {
      schema: {
        summary: 'Conflict cases touching the caller’s countries (open by default)',
        tags,
        querystring: ProtectionCaseQuery,
        response: { 200: ProtectionCasePage, ...problems },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const countries = protectionCountriesOf(caller.principal);
      const items = (await listCases(db, { countries, ...request.query })).map((found) =>
        caseView(caller.principal, found),
      );
      const byCountry = new Map<string, string[]>();
      for (const item of items) {
        byCountry.set(item.countryCode, [...(byCountry.get(item.countryCode) ?? []), item.id]);
      }
      await appendAudit(
        db,
        [...byCountry].map(([country, ids]) => ({
          ...caller.audit,
          chain: countries.includes(country) ? country : (countries[0] ?? country),
          action: 'protection.cases-listed',
          resourceType: 'protection-case',
          resourceId: null,
          detail: {
            cases: ids,
            persons: shownPersons(items.filter((i) => ids.includes(i.id))),
          },
        })),
      );
      return { items };
    },
  );

  app.get(
    '/protection-cases/:id',
    {
      schema: {
        summary: 'One conflict case with both statuses',
        tags,
        params: ProtectionPersonParams,
        response: { 200: ProtectionCase, ...problems },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return db.transaction(async (tx) => {
        const found = await findCase(
          tx,
          request.params.id,
          protectionCountriesOf(caller.principal),
        );
        if (!found) {
          throw new HttpProblem(404, 'not-found', 'No such protection case');
        }
        const { countries } = found;
        const view = caseView(caller.principal, found.view);
        await appendAudit(
          tx,
          countries
            .filter((country) => protectionCountriesOf(caller.principal).includes(country))
            .map((country) => ({
              ...caller.audit,
              chain: country,
              action: 'protection.case-read',
              resourceType: 'protection-case',
              resourceId: view.id,
              detail: { persons: shownPersons([view]) },
            })),
        );
        return view;
      });
    },
  );

  app.post(
    '/protection-cases/:id/resolution',
    {
      schema: {
        summary:
          'Resolve a conflict case: grant here and cease elsewhere, keep the existing, or not the same person',
        tags,
        params: ProtectionPersonParams,
        headers: OptionalIdempotencyKeyHeader,
        body: ProtectionCaseResolution,
        response: { 200: ProtectionCase, ...problems },
      },
    },
    (request) =>
      resolveProtectionCase(
        db,
        callerOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      ),
  );

  app.get(
    '/protection-duplicates',
    {
      schema: {
        summary: 'Identities holding more than one active status (found after the grants)',
        description:
          'The same person active in two countries, or two records that the newest identity dedup run put in one cluster, both active on onDate. Only one active status is allowed across countries: POST /protection-duplicates/cases opens a case per pair for caseworkers. Lists identities touching the caller’s countries; a status in a country outside them shows its country, status and period but not its person (the cross-country rule).',
        tags,
        querystring: ProtectionDuplicateQuery,
        response: { 200: ProtectionDuplicatePage, ...problems },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const countries = protectionCountriesOf(caller.principal);
      const items = (
        await listDuplicateActiveStatuses(db, {
          countries,
          onDate: request.query.onDate ?? today(),
          limit: request.query.limit,
        })
      ).map((found) => duplicateView(caller.principal, found));
      const persons = [
        ...new Set(items.flatMap((item) => item.statuses.flatMap((s) => s.personId ?? []))),
      ];
      if (persons.length > 0) {
        await appendAudit(
          db,
          countries.slice(0, 1).map((country) => ({
            ...caller.audit,
            chain: country,
            action: 'protection.duplicates-listed',
            resourceType: 'person',
            resourceId: null,
            detail: { persons },
          })),
        );
      }
      return { items };
    },
  );

  app.post(
    '/protection-duplicates/cases',
    {
      schema: {
        summary: 'Open a protection case for each duplicate pair in your countries, once per pair',
        description:
          'Each pair of active statuses of one identity (found after both were granted) becomes a case of kind active-after-grant for caseworkers, the later grant taken as held. A pair that a case — open or resolved, of either kind — is already about opens nothing: calling again is safe.',
        tags,
        body: NewDuplicateCases,
        response: { 200: DuplicateCasesOpened, ...problems },
      },
    },
    (request) => openDuplicateCases(db, callerOf(request), request.body.onDate ?? today()),
  );

  app.post(
    '/persons/:id/work-authorisations',
    {
      schema: {
        summary: 'Record a work authorisation (needs a status in force with the right to work)',
        tags,
        params: ProtectionPersonParams,
        headers: OptionalIdempotencyKeyHeader,
        body: NewWorkAuthorisation,
        response: { 201: WorkAuthorisation, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await recordWorkAuthorisation(
            db,
            callerOf(request),
            request.params.id,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  );

  app.post(
    '/persons/:id/school-enrolments',
    {
      schema: {
        summary: 'Request school enrolment for a minor with a status in force (TPD Art. 14)',
        tags,
        params: ProtectionPersonParams,
        headers: OptionalIdempotencyKeyHeader,
        body: NewSchoolEnrolment,
        response: { 201: SchoolEnrolment, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await requestSchoolEnrolment(
            db,
            callerOf(request),
            request.params.id,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  );

  app.patch(
    '/school-enrolments/:id',
    {
      schema: {
        summary: 'Mark a school enrolment enrolled or withdrawn; set the school and place',
        tags,
        params: ProtectionPersonParams,
        body: SchoolEnrolmentUpdate,
        response: { 200: SchoolEnrolment, ...problems },
      },
    },
    (request) => changeSchoolEnrolment(db, callerOf(request), request.params.id, request.body),
  );
};
