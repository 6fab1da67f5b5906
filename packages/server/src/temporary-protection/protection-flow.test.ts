/**
 * The caseworker's flow for a household (issue 6 "done when"): assess → confirm → grant →
 * rights with citations and renewal; GDPR Art. 22 (who decided); refusals with clear reasons.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';
import { eraseProtectionFacts, protectionSubjectData } from './queries.js';
import { assess, buildFacts, grantProtection } from './test-support/fixtures.js';

let api: TestApi;
let mother = '';
let son = '';

beforeAll(async () => {
  api = await startTestApi();
  const registered = await api.post('/api/v1/registrations', buildRegistration(api.siteId));
  expect(registered.statusCode, registered.body).toBe(201);
  const members = registered.json<{ members: { id: string }[] }>().members;
  mother = members[0]?.id ?? '';
  son = members[1]?.id ?? '';
});
afterAll(() => api.close());

async function freshPerson(): Promise<string> {
  const response = await api.post(
    '/api/v1/registrations',
    buildRegistration(api.siteId, { household: { members: [buildPerson()] } }),
  );
  return response.json<{ members: { id: string }[] }>().members[0]?.id ?? '';
}

describe('assess, confirm, grant, and the rights that follow', () => {
  it('recommends, grants only after a named caseworker confirms, then shows rights with citations', async () => {
    const assessed = await assess(api, mother, {
      countryCode: 'PL',
      onDate: '2022-03-10',
      facts: buildFacts(),
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    const assessment = assessed.json<{
      id: string;
      recommendation: Record<string, unknown>;
      decision: unknown;
    }>();
    expect(assessment.recommendation).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-1-A',
      rule: { id: 'PL/TP-2-1-A', version: 1 },
      citation: expect.arrayContaining([expect.objectContaining({ article: 'Art. 2(1)(a)' })]),
    });
    expect(assessment.decision).toBeNull();

    // A recommendation alone grants nothing (GDPR Art. 22).
    const early = await api.post(`/api/v1/persons/${mother}/protection/events`, {
      countryCode: 'PL',
      status: 'granted',
      effectiveOn: '2022-03-10',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'no-confirmed-assessment' });

    const confirmed = await api.post(`/api/v1/eligibility-assessments/${assessment.id}/decision`, {
      outcome: 'confirmed',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      decision: {
        outcome: 'confirmed',
        eligible: true,
        category: 'TP-2-1-A',
        decidedBy: { name: 'Test caseworker' },
      },
    });

    const granted = await api.post(`/api/v1/persons/${mother}/protection/events`, {
      countryCode: 'PL',
      status: 'granted',
      effectiveOn: '2022-03-10',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({
      outcome: 'recorded',
      event: {
        status: 'granted',
        category: 'TP-2-1-A',
        validUntil: '2023-08-24',
        assessmentId: assessment.id,
      },
    });

    const page = await api.get(`/api/v1/persons/${mother}/protection?onDate=2022-06-01`);
    expect(page.statusCode, page.body).toBe(200);
    const poland = page.json<{ countries: Record<string, unknown>[] }>().countries[0];
    expect(poland).toMatchObject({
      countryCode: 'PL',
      regime: 'PL',
      active: true,
      nextRenewalOn: '2023-08-24',
      current: { status: 'granted' },
      latestAssessment: { id: assessment.id, decision: { decidedBy: { name: 'Test caseworker' } } },
      nextStatuses: ['document-issued', 'extended', 'suspended', 'lapsed', 'ceased'],
    });
    const rights = (poland?.entitlements ?? []) as {
      kind: string;
      granted: boolean;
      citation: { act: string }[];
    }[];
    expect(rights.map((r) => [r.kind, r.granted])).toEqual([
      ['right-to-work', true],
      ['education', false],
      ['housing-assistance', true],
      ['social-welfare', true],
      ['medical-care', true],
    ]);
    expect(rights.every((r) => r.citation.length > 0)).toBe(true);
  });

  it('records work and school enrolment only where the right is held', async () => {
    expect(
      (await grantProtection(api, son, 'PL', { facts: buildFacts({ birthDate: '2014-09' }) }))
        .statusCode,
    ).toBe(201);
    const school = await api.post(`/api/v1/persons/${son}/school-enrolments`, {
      countryCode: 'PL',
      requestedOn: '2022-04-01',
      place: 'Przemyśl',
    });
    expect(school.statusCode, school.body).toBe(201);
    const enrolled = await api.app.inject({
      method: 'PATCH',
      url: `/api/v1/school-enrolments/${school.json<{ id: string }>().id}`,
      headers: { ...api.caseworker, 'content-type': 'application/json' },
      payload: JSON.stringify({
        status: 'enrolled',
        enrolledOn: '2022-04-04',
        schoolName: 'Szkoła Podstawowa nr 1',
      }),
    });
    expect(enrolled.json()).toMatchObject({ status: 'enrolled', enrolledOn: '2022-04-04' });

    // The mother is an adult: TPD Art. 14(1) owes education to minors.
    const adult = await api.post(`/api/v1/persons/${mother}/school-enrolments`, {
      countryCode: 'PL',
      requestedOn: '2022-04-01',
    });
    expect(adult.statusCode).toBe(422);
    expect(adult.json()).toMatchObject({
      code: 'right-not-held',
      errors: [expect.objectContaining({ field: 'requestedOn' })],
    });

    const noDate = await api.post(`/api/v1/persons/${mother}/work-authorisations`, {
      countryCode: 'PL',
      basis: 'employer-notification',
      validFrom: '2022-04-01',
    });
    expect(noDate.json()).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'employerNotifiedOn' })],
    });
    const work = await api.post(`/api/v1/persons/${mother}/work-authorisations`, {
      countryCode: 'PL',
      basis: 'employer-notification',
      validFrom: '2022-04-01',
      employerNotifiedOn: '2022-04-05',
    });
    expect(work.statusCode, work.body).toBe(201);
    expect(work.json()).toMatchObject({ validUntil: '2023-08-24' });
    const before = await api.post(`/api/v1/persons/${mother}/work-authorisations`, {
      countryCode: 'PL',
      basis: 'status',
      validFrom: '2022-03-01',
    });
    expect(before.statusCode).toBe(422);

    const page = await api.get(`/api/v1/persons/${son}/protection?onDate=2022-06-01`);
    const education = page
      .json<{ countries: { entitlements: { kind: string; record: unknown }[] }[] }>()
      .countries[0]?.entitlements.find((r) => r.kind === 'education');
    expect(education?.record).toMatchObject({ type: 'school-enrolment', status: 'enrolled' });
  });

  it('audits every decision and read without names or facts', async () => {
    const rows = await queryRows<{ action: string; detail: unknown }>(
      api.database.db,
      sql`SELECT action, detail FROM audit_log WHERE action LIKE 'eligibility.%' OR action LIKE 'protection.%' ORDER BY seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'eligibility.assessed',
        'eligibility.confirmed',
        'protection.status-recorded',
        'protection.read',
      ]),
    );
    expect(JSON.stringify(rows)).not.toMatch(/Олена|Шевченко|1985-04-12/);
  });
});

describe('the human decision (GDPR Art. 22)', () => {
  it('needs a reason to override, refuses to confirm an incomplete recommendation, and decides once', async () => {
    const person = await freshPerson();
    const assessed = await assess(api, person, {
      countryCode: 'PL',
      onDate: '2022-03-10',
      facts: buildFacts({ evidence: [] }),
    });
    const assessment = assessed.json<{ id: string; recommendation: unknown }>();
    expect(assessment.recommendation).toMatchObject({
      kind: 'needs-evidence',
      missing: [{ kind: 'evidence', name: 'ukrainian-nationality' }],
    });
    const url = `/api/v1/eligibility-assessments/${assessment.id}/decision`;

    const confirm = await api.post(url, { outcome: 'confirmed' });
    expect(confirm.statusCode).toBe(422);
    expect(confirm.json()).toMatchObject({ code: 'recommendation-incomplete' });

    const noReason = await api.post(url, {
      outcome: 'overridden',
      eligible: true,
      category: 'TP-2-1-A',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({
      errors: [expect.objectContaining({ field: 'reason' })],
    });

    const noCategory = await api.post(url, {
      outcome: 'overridden',
      eligible: true,
      reason: 'Diia seen',
    });
    expect(noCategory.json()).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'category' })],
    });

    const overridden = await api.post(url, {
      outcome: 'overridden',
      eligible: true,
      category: 'TP-2-1-A',
      reason: 'Diia.pl e-ID seen on the phone',
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json()).toMatchObject({
      decision: {
        outcome: 'overridden',
        reason: 'Diia.pl e-ID seen on the phone',
        decidedBy: { name: 'Test caseworker' },
      },
    });

    const again = await api.post(url, { outcome: 'confirmed' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already-decided' });
  });
});

describe('data-subject rights', () => {
  it('hands over everything held, and erases the identifying facts while the decisions stay', async () => {
    const person = await freshPerson();
    expect((await grantProtection(api, person, 'PL')).statusCode).toBe(201);
    const held = await protectionSubjectData(api.database.db, person);
    expect(held.assessments).toEqual([
      expect.objectContaining({ facts: expect.objectContaining({ birthDate: '1985-04-12' }) }),
    ]);
    expect(held.statusEvents.map((e) => e.status)).toEqual(['granted']);

    await eraseProtectionFacts(api.database.db, person);
    const [row] = await queryRows<{ facts: unknown; decision: string }>(
      api.database.db,
      sql`SELECT facts, decision FROM eligibility_assessments WHERE person_id = ${person}`,
    );
    expect(JSON.stringify(row?.facts)).not.toContain('1985-04-12');
    expect(row?.decision).toBe('confirmed');
  });
});

describe('the API description', () => {
  it('documents every protection endpoint with its schemas in OpenAPI', async () => {
    const response = await api.get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/persons/{id}/eligibility-assessments',
        '/api/v1/eligibility-assessments/{id}/decision',
        '/api/v1/persons/{id}/protection',
        '/api/v1/persons/{id}/protection/events',
        '/api/v1/protection-cases/{id}/resolution',
        '/api/v1/school-enrolments/{id}',
      ]),
    );
    const rules = await api.get('/api/v1/protection-rules');
    expect(rules.json()).toMatchObject({
      regimes: expect.arrayContaining([
        expect.objectContaining({ regime: 'MD', protectionEndsOn: '2027-03-01' }),
      ]),
    });
  });
});

describe('bad input', () => {
  it('refuses conflicting facts, naming each field: born after arrival', async () => {
    const response = await assess(api, mother, {
      countryCode: 'PL',
      onDate: '2022-06-01',
      facts: buildFacts({
        birthDate: '2022-05-01',
        leftUkraineOn: '2022-03-01',
        arrivedOn: '2022-02-27',
      }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'facts.leftUkraineOn',
      'facts.arrivedOn',
      'facts.arrivedOn',
    ]);
    const [count] = await queryRows<{ n: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS n FROM eligibility_assessments WHERE on_date = '2022-06-01'`,
    );
    expect(count?.n).toBe(0);
  });

  it('stores a resent assessment once (Idempotency-Key) and refuses the key with another body', async () => {
    const person = await freshPerson();
    const key = { 'idempotency-key': '5b0c6a4e-2f65-4a7e-9d0b-1c2d3e4f5a6b' };
    const body = { countryCode: 'PL', onDate: '2022-03-10', facts: buildFacts() };
    const first = await assess(api, person, body, { ...api.caseworker, ...key });
    const again = await assess(api, person, body, { ...api.caseworker, ...key });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const other = await assess(
      api,
      person,
      { ...body, onDate: '2022-03-11' },
      { ...api.caseworker, ...key },
    );
    expect(other.json()).toMatchObject({ status: 409, code: 'idempotency-key-reused' });
    const [count] = await queryRows<{ n: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS n FROM eligibility_assessments WHERE person_id = ${person}`,
    );
    expect(count?.n).toBe(1);
  });

  it('refuses a transition that is not allowed and a cessation without a reason', async () => {
    const person = await freshPerson();
    const events = `/api/v1/persons/${person}/protection/events`;
    const documentFirst = await api.post(events, {
      countryCode: 'PL',
      status: 'document-issued',
      effectiveOn: '2022-03-10',
    });
    expect(documentFirst.statusCode).toBe(409);
    expect(documentFirst.json()).toMatchObject({
      code: 'transition-not-allowed',
      title: 'A status cannot change from none to document-issued; allowed next: applied, granted',
    });
    expect(
      (await api.post(events, { countryCode: 'PL', status: 'applied', effectiveOn: '2022-03-05' }))
        .statusCode,
    ).toBe(201);
    const ceased = await api.post(events, {
      countryCode: 'PL',
      status: 'ceased',
      effectiveOn: '2022-03-06',
    });
    expect(ceased.statusCode).toBe(422);
    expect(ceased.json()).toMatchObject({
      code: 'reason-required',
      errors: [expect.objectContaining({ field: 'reason' })],
    });
    // Romania has no absence rule in the rules data; Poland's is more than one month abroad.
    const romania = await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] });
    expect((await grantProtection(api, person, 'RO', { headers: romania })).statusCode).toBe(201);
    const absence = await api.post(
      events,
      { countryCode: 'RO', status: 'lapsed', effectiveOn: '2022-06-01', reason: 'absence-rule' },
      romania,
    );
    expect(absence.json()).toMatchObject({ status: 422, code: 'no-absence-rule' });
    const unknownCountry = await api.post(events, {
      countryCode: 'FR',
      status: 'ceased',
      effectiveOn: '2022-03-06',
      reason: 'application-withdrawn',
    });
    expect(unknownCountry.statusCode).toBe(400);
  });
});
