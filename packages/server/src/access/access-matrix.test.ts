/**
 * The access matrix, generated from the policy: every role × every endpoint × data in and out of
 * the role's scope, over HTTP. What a role may do comes from ACCESS_POLICY and ENDPOINT_POLICY,
 * so the expectations move with the policy; an endpoint without a case here fails the suite.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { RECONCILIATION_COLUMNS } from '@haven/contract';
import { parse } from 'csv-parse/sync';
import { ACCESS_POLICY, can, ROLES, type Principal, type Role } from '@haven/core';
import Fastify from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpoint, formatPublicKey } from '../audit/checkpoint.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  testUser,
  type AuthHeaders,
  type TestApi,
} from '../test-support/factories.js';
import {
  CASH_PERIOD,
  cashMatrix,
  type CashCountry,
  type CashMatrix,
  type CashSide,
  type GrantedHousehold,
} from '../test-support/matrix-cash.js';
import { queueReviewPair } from '../test-support/review-pairs.js';
import {
  buildFacts,
  clusterPersons,
  grantProtection,
} from '../temporary-protection/test-support/fixtures.js';
import { createApiToken } from './api-tokens.js';
import { accessControl } from './authenticate.js';
import { createUser } from './users.js';
import { addCredential } from './webauthn-queries.js';
import { ENDPOINT_POLICY, type Endpoint, type Requirement } from './endpoint-policy.js';
import {
  buildCorridor,
  buildRun,
  evacuationScopeFixture,
  hoursFrom,
  uniqueHousehold,
  uniqueName,
  type EvacuationScopeFixture,
  type ManifestJson,
} from '../corridors/test-support/evacuations.js';

let api: TestApi;
let siret: string;
/** Registered at Medyka (Poland): in every test user's scope. */
let inside: { registrationId: string; householdId: string; personId: string };
/** Registered at Siret (Romania): outside it. */
let outside: { registrationId: string; householdId: string; personId: string };
const users: Partial<Record<Role, AuthHeaders>> = {};
const userIds: Partial<Record<Role, string>> = {};
let romanianUserId: string;

/** A household whose head has one need of each sensitivity class. */
const householdWithNeeds = (siteId: string) =>
  buildRegistration(siteId, {
    household: {
      members: [
        buildPerson({
          specificNeeds: [
            { code: 'ER-NF' },
            { code: 'SM-CI' },
            { code: 'SV-VF', note: 'Protection note: canary-matrix' },
          ],
        }),
      ],
    },
  });

async function register(siteId: string, headers: AuthHeaders) {
  const response = await api.post('/api/v1/registrations', householdWithNeeds(siteId), headers);
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ id: string; householdId: string; members: { id: string }[] }>();
  return {
    registrationId: body.id,
    householdId: body.householdId,
    personId: body.members[0]?.id ?? '',
  };
}

beforeAll(async () => {
  api = await startTestApi();
  const site = await api.post(
    '/api/v1/sites',
    {
      name: 'Siret',
      countryCode: 'RO',
      kind: 'border-crossing',
      latitude: 47.97,
      longitude: 26.05,
    },
    api.admin,
  );
  siret = site.json<{ id: string }>().id;
  inside = await register(api.siteId, api.caseworker);
  outside = await register(siret, await api.as('caseworker', { countries: ['RO'], siteIds: [] }));
  for (const role of ROLES) {
    const user = await testUser(api.database.db, role, {
      countries: ['PL'],
      siteIds: [api.siteId],
    });
    users[role] = user.headers;
    userIds[role] = user.userId;
  }
  await createUser(api.database.db, {
    ...SIGN_IN,
    displayName: 'Sign-in',
    role: 'registrar',
    countries: ['PL'],
    siteIds: [api.siteId],
  });
  romanianUserId = (
    await testUser(api.database.db, 'registrar', { countries: ['RO'], siteIds: [siret] })
  ).userId;
});
afterAll(() => api.close());

interface Call {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  /** A text/csv body sent as it is (a provider's file), instead of a JSON body. */
  readonly csv?: string;
}

/** A request for data in the caller's scope, and one for data outside it (when scope applies). */
interface Case {
  inScope(role: Role): Call | Promise<Call>;
  outOfScope?(role: Role): Call | Promise<Call>;
  /** For lists: the out-of-scope ids that must not appear in an allowed answer. */
  leaks?(): readonly string[];
}

/** An account that signs in with a password, for the sign-in endpoint. */
const SIGN_IN = { username: 'matrix.sign-in', password: 'a long enough test password' };

const freshErasureTarget = async () => (await register(api.siteId, api.caseworker)).personId;

/** A review pair of two persons registered in Poland: in every test user's scope. */
const freshReviewPair = async () =>
  queueReviewPair(api.database.db, inside.personId, await freshErasureTarget());
/** A pair spanning Poland and Romania: out of scope for a reviewer of Poland alone. */
let crossBorderPairId = '';
const crossBorderPair = async () => {
  crossBorderPairId ||= await queueReviewPair(api.database.db, inside.personId, outside.personId);
  return crossBorderPairId;
};

/** Temporary protection (#6): fixtures made through the API, as a caseworker would. */
const protection = {
  romanian: undefined as AuthHeaders | undefined,
  async ro(): Promise<AuthHeaders> {
    this.romanian ??= await api.as('caseworker', { countries: ['RO'], siteIds: [] });
    return this.romanian;
  },
  assessmentBody: (countryCode: string) => ({
    countryCode,
    onDate: '2022-03-10',
    facts: buildFacts(),
  }),
  async assessment(personId: string, countryCode: string, headers: AuthHeaders) {
    const response = await api.post(
      `/api/v1/persons/${personId}/eligibility-assessments`,
      protection.assessmentBody(countryCode),
      headers,
    );
    return response.json<{ id: string }>().id;
  },
  /** A household (adult and child) registered and granted protection in the country. */
  async grantedHousehold(siteId: string, countryCode: string, headers: AuthHeaders) {
    const response = await api.post('/api/v1/registrations', buildRegistration(siteId), headers);
    const [adult, child] = response.json<{ members: { id: string }[] }>().members;
    for (const [member, birthDate] of [
      [adult?.id ?? '', '1985-04-12'],
      [child?.id ?? '', '2014-09'],
    ] as const) {
      await grantProtection(api, member, countryCode, {
        headers,
        facts: buildFacts({ birthDate }),
      });
    }
    return { adult: adult?.id ?? '', child: child?.id ?? '' };
  },
  poland: undefined as { adult: string; child: string } | undefined,
  async polish() {
    this.poland ??= await protection.grantedHousehold(api.siteId, 'PL', api.caseworker);
    return this.poland;
  },
  enrolments: {} as Record<string, string>,
  async enrolment(countryCode: 'PL' | 'RO') {
    if (!this.enrolments[countryCode]) {
      const headers = countryCode === 'PL' ? api.caseworker : await protection.ro();
      const { child } =
        countryCode === 'PL'
          ? await protection.polish()
          : await protection.grantedHousehold(siret, 'RO', headers);
      const response = await api.post(
        `/api/v1/persons/${child}/school-enrolments`,
        { countryCode, requestedOn: '2022-04-01' },
        headers,
      );
      this.enrolments[countryCode] = response.json<{ id: string }>().id;
    }
    return this.enrolments[countryCode] ?? '';
  },
  /** A case held in Poland against a Romanian status of the same person. */
  async polishCase() {
    const both = await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] });
    const person = await freshErasureTarget();
    await grantProtection(api, person, 'RO', { headers: both, effectiveOn: '2022-03-08' });
    const held = await grantProtection(api, person, 'PL', { headers: both });
    return held.json<{ case: { id: string } }>().case.id;
  },
  romanianCaseId: '',
  /** A case between two records of one identity, both in Romania: out of a Polish scope. */
  async romanianCase() {
    if (!this.romanianCaseId) {
      const headers = await protection.ro();
      const first = (await register(siret, headers)).personId;
      const second = (await register(siret, headers)).personId;
      await clusterPersons(api.database.db, [first, second]);
      await grantProtection(api, first, 'RO', { headers });
      const held = await grantProtection(api, second, 'RO', { headers });
      this.romanianCaseId = held.json<{ case: { id: string } }>().case.id;
    }
    return this.romanianCaseId;
  },
};

/** Two Romanian records of one identity, both granted in Romania: a duplicate out of scope. */
let romanianDuplicateIds: string[] = [];
const romanianDuplicate = async () => {
  if (romanianDuplicateIds.length === 0) {
    const headers = await protection.ro();
    const records = [
      (await register(siret, headers)).personId,
      (await register(siret, headers)).personId,
    ];
    for (const personId of records) {
      expect((await grantProtection(api, personId, 'RO', { headers })).statusCode).toBe(201);
    }
    await clusterPersons(api.database.db, records);
    // Romania sees it: so its absence for Poland is the scope filter, not an empty list.
    const seen = await api.get('/api/v1/protection-duplicates?onDate=2022-06-01', headers);
    expect(seen.body).toContain(records[0]);
    romanianDuplicateIds = records;
  }
};

const CASES: Record<Endpoint, Case> = {
  'GET /api/v1/health': { inScope: () => ({ method: 'GET', url: '/api/v1/health' }) },
  'GET /api/v1/openapi.json': { inScope: () => ({ method: 'GET', url: '/api/v1/openapi.json' }) },
  'GET /api/v1/docs': { inScope: () => ({ method: 'GET', url: '/api/v1/docs/' }) },
  'POST /api/v1/session': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/session',
      body: { username: SIGN_IN.username, password: SIGN_IN.password },
    }),
  },
  'GET /api/v1/session': { inScope: () => ({ method: 'GET', url: '/api/v1/session' }) },
  'DELETE /api/v1/session': { inScope: () => ({ method: 'DELETE', url: '/api/v1/session' }) },
  // API tokens have no second factor to set up or pass: a 400, not a denial.
  'POST /api/v1/session/mfa/enrolment': {
    inScope: () => ({ method: 'POST', url: '/api/v1/session/mfa/enrolment' }),
  },
  'POST /api/v1/session/mfa/enrolment/confirmation': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/session/mfa/enrolment/confirmation',
      body: { code: '123456' },
    }),
  },
  'POST /api/v1/session/mfa/verification': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/session/mfa/verification',
      body: { code: '123456' },
    }),
  },
  // With no key or challenge these answer 400/409: what matters here is who gets past the policy.
  'POST /api/v1/session/security-keys/registration-options': {
    inScope: () => ({ method: 'POST', url: '/api/v1/session/security-keys/registration-options' }),
  },
  'POST /api/v1/session/security-keys': {
    inScope: () => ({ method: 'POST', url: '/api/v1/session/security-keys', body: { name: 'k' } }),
  },
  'POST /api/v1/session/security-keys/authentication-options': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/session/security-keys/authentication-options',
    }),
  },
  'POST /api/v1/session/security-keys/authentication': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/session/security-keys/authentication',
      body: { credential: {} },
    }),
  },
  'GET /api/v1/session/security-keys': {
    inScope: () => ({ method: 'GET', url: '/api/v1/session/security-keys' }),
  },
  'DELETE /api/v1/session/security-keys/:id': {
    // The caller's own key, so that the policy, not a missing row, decides.
    inScope: async (role) => {
      const id = randomUUID();
      await addCredential(api.database.db, userIds[role] ?? '', {
        id,
        publicKey: 'AA',
        signCount: 0,
        transports: [],
        name: 'matrix',
      });
      return { method: 'DELETE', url: `/api/v1/session/security-keys/${id}` };
    },
  },
  'DELETE /api/v1/users/:id/mfa': {
    inScope: (role) => ({
      method: 'DELETE',
      url: `/api/v1/users/${userIds[role === 'registrar' ? 'analyst' : 'registrar']}/mfa`,
    }),
    outOfScope: () => ({ method: 'DELETE', url: `/api/v1/users/${romanianUserId}/mfa` }),
  },
  'GET /api/v1/countries': { inScope: () => ({ method: 'GET', url: '/api/v1/countries' }) },
  'GET /api/v1/sites': { inScope: () => ({ method: 'GET', url: '/api/v1/sites' }) },
  'POST /api/v1/sites': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/sites',
      body: {
        name: `Site ${randomUUID()}`,
        countryCode: 'PL',
        kind: 'reception-centre',
        latitude: 50,
        longitude: 20,
      },
    }),
    outOfScope: () => ({
      method: 'POST',
      url: '/api/v1/sites',
      body: {
        name: `Site ${randomUUID()}`,
        countryCode: 'RO',
        kind: 'reception-centre',
        latitude: 45,
        longitude: 25,
      },
    }),
  },
  'POST /api/v1/registrations': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/registrations',
      body: buildRegistration(api.siteId),
    }),
    outOfScope: () => ({
      method: 'POST',
      url: '/api/v1/registrations',
      body: buildRegistration(siret),
    }),
  },
  'POST /api/v1/registrations/preview': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/registrations/preview',
      body: householdWithNeeds(api.siteId),
    }),
    outOfScope: () => ({
      method: 'POST',
      url: '/api/v1/registrations/preview',
      body: householdWithNeeds(siret),
    }),
  },
  'GET /api/v1/registrations': {
    inScope: () => ({ method: 'GET', url: '/api/v1/registrations?limit=100' }),
    outOfScope: () => ({ method: 'GET', url: '/api/v1/registrations?countryCode=RO' }),
    leaks: () => [outside.registrationId],
  },
  'GET /api/v1/registrations/:id': {
    inScope: () => ({ method: 'GET', url: `/api/v1/registrations/${inside.registrationId}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/v1/registrations/${outside.registrationId}` }),
  },
  'GET /api/v1/households/:id': {
    inScope: () => ({ method: 'GET', url: `/api/v1/households/${inside.householdId}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/v1/households/${outside.householdId}` }),
  },
  'GET /api/v1/persons/:id/subject-data': {
    inScope: () => ({
      method: 'GET',
      url: `/api/v1/persons/${inside.personId}/subject-data?reason=DSAR-1`,
    }),
    outOfScope: () => ({
      method: 'GET',
      url: `/api/v1/persons/${outside.personId}/subject-data?reason=DSAR-2`,
    }),
  },
  'POST /api/v1/persons/:id/erasure': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/persons/${await freshErasureTarget()}/erasure`,
      body: { mode: 'erase', reason: 'Request 7/2022' },
    }),
    outOfScope: () => ({
      method: 'POST',
      url: `/api/v1/persons/${outside.personId}/erasure`,
      body: { mode: 'erase', reason: 'Request 8/2022' },
    }),
  },
  'GET /api/v1/statistics/registrations': {
    inScope: () => ({ method: 'GET', url: '/api/v1/statistics/registrations' }),
  },
  'GET /api/v1/users': { inScope: () => ({ method: 'GET', url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: `u${randomUUID().slice(0, 8)}`,
        displayName: 'New',
        password: 'correct horse battery',
        role: 'registrar',
        countries: ['PL'],
        siteIds: [api.siteId],
      },
    }),
    outOfScope: () => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: `u${randomUUID().slice(0, 8)}`,
        displayName: 'New',
        password: 'correct horse battery',
        role: 'registrar',
        countries: ['RO'],
        siteIds: [siret],
      },
    }),
  },
  'PATCH /api/v1/users/:id': {
    inScope: (role) => ({
      method: 'PATCH',
      url: `/api/v1/users/${userIds[role === 'registrar' ? 'analyst' : 'registrar']}`,
      body: { displayName: 'Renamed' },
    }),
    outOfScope: () => ({
      method: 'PATCH',
      url: `/api/v1/users/${romanianUserId}`,
      body: { displayName: 'Renamed' },
    }),
  },
  'GET /api/v1/tokens': { inScope: () => ({ method: 'GET', url: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': {
    inScope: (role) => ({
      method: 'POST',
      url: '/api/v1/tokens',
      body: { name: 'matrix', permissions: [ACCESS_POLICY[role].permissions[0]], expiresInDays: 1 },
    }),
  },
  'DELETE /api/v1/tokens/:id': {
    // The caller's own token, so that the policy, not a missing row, decides.
    inScope: async (role) => {
      const token = await createApiToken(api.database.db, userIds[role] ?? '', {
        name: 'to revoke',
        permissions: [...ACCESS_POLICY[role].permissions],
        expiresInDays: 1,
      });
      return { method: 'DELETE', url: `/api/v1/tokens/${token.id}` };
    },
  },
  'GET /api/v1/audit/verification': {
    inScope: () => ({ method: 'GET', url: '/api/v1/audit/verification' }),
  },
  'POST /api/v1/audit/verification': {
    inScope: async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const checkpoint = await createCheckpoint(api.database.db, privateKey);
      return {
        method: 'POST',
        url: '/api/v1/audit/verification',
        body: { checkpoints: JSON.stringify(checkpoint), publicKey: formatPublicKey(publicKey) },
      };
    },
  },
  'GET /api/v1/identity-review/pairs': {
    inScope: async () => {
      await freshReviewPair();
      return { method: 'GET', url: '/api/v1/identity-review/pairs?limit=200' };
    },
    outOfScope: async () => {
      await crossBorderPair();
      return { method: 'GET', url: '/api/v1/identity-review/pairs?limit=200' };
    },
    leaks: () => [crossBorderPairId, outside.personId],
  },
  'GET /api/v1/identity-review/pairs/:id': {
    inScope: async () => ({
      method: 'GET',
      url: `/api/v1/identity-review/pairs/${await freshReviewPair()}`,
    }),
    outOfScope: async () => ({
      method: 'GET',
      url: `/api/v1/identity-review/pairs/${await crossBorderPair()}`,
    }),
  },
  'POST /api/v1/identity-review/pairs/:id/decision': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/identity-review/pairs/${await freshReviewPair()}/decision`,
      body: { decision: 'different-people' },
    }),
    outOfScope: async () => ({
      method: 'POST',
      url: `/api/v1/identity-review/pairs/${await crossBorderPair()}/decision`,
      body: { decision: 'different-people' },
    }),
  },
  'GET /api/v1/protection-rules': {
    inScope: () => ({ method: 'GET', url: '/api/v1/protection-rules' }),
  },
  'POST /api/v1/persons/:id/eligibility-assessments': {
    inScope: () => ({
      method: 'POST',
      url: `/api/v1/persons/${inside.personId}/eligibility-assessments`,
      body: protection.assessmentBody('PL'),
    }),
    outOfScope: () => ({
      method: 'POST',
      url: `/api/v1/persons/${outside.personId}/eligibility-assessments`,
      body: protection.assessmentBody('RO'),
    }),
  },
  'GET /api/v1/eligibility-assessments/:id': {
    inScope: async () => ({
      method: 'GET',
      url: `/api/v1/eligibility-assessments/${await protection.assessment(inside.personId, 'PL', api.caseworker)}`,
    }),
    outOfScope: async () => ({
      method: 'GET',
      url: `/api/v1/eligibility-assessments/${await protection.assessment(outside.personId, 'RO', await protection.ro())}`,
    }),
  },
  'POST /api/v1/eligibility-assessments/:id/decision': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/eligibility-assessments/${await protection.assessment(inside.personId, 'PL', api.caseworker)}/decision`,
      body: { outcome: 'confirmed' },
    }),
    outOfScope: async () => ({
      method: 'POST',
      url: `/api/v1/eligibility-assessments/${await protection.assessment(outside.personId, 'RO', await protection.ro())}/decision`,
      body: { outcome: 'confirmed' },
    }),
  },
  'GET /api/v1/persons/:id/protection': {
    inScope: () => ({ method: 'GET', url: `/api/v1/persons/${inside.personId}/protection` }),
    outOfScope: () => ({ method: 'GET', url: `/api/v1/persons/${outside.personId}/protection` }),
  },
  'POST /api/v1/persons/:id/protection/events': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/persons/${await freshErasureTarget()}/protection/events`,
      body: { countryCode: 'PL', status: 'applied', effectiveOn: '2022-03-05' },
    }),
    outOfScope: () => ({
      method: 'POST',
      url: `/api/v1/persons/${outside.personId}/protection/events`,
      body: { countryCode: 'RO', status: 'applied', effectiveOn: '2022-03-05' },
    }),
  },
  'GET /api/v1/protection-cases': {
    inScope: () => ({ method: 'GET', url: '/api/v1/protection-cases?state=all&limit=200' }),
    // leaks() is checked only by the out-of-scope test: without this case it never ran.
    outOfScope: async () => {
      await protection.romanianCase();
      return { method: 'GET', url: '/api/v1/protection-cases?state=all&limit=200' };
    },
    leaks: () => [protection.romanianCaseId],
  },
  'GET /api/v1/protection-cases/:id': {
    inScope: async () => ({
      method: 'GET',
      url: `/api/v1/protection-cases/${await protection.polishCase()}`,
    }),
    outOfScope: async () => ({
      method: 'GET',
      url: `/api/v1/protection-cases/${await protection.romanianCase()}`,
    }),
  },
  'POST /api/v1/protection-cases/:id/resolution': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/protection-cases/${await protection.polishCase()}/resolution`,
      body: { outcome: 'keep-existing', reason: 'Stays in Romania' },
    }),
    outOfScope: async () => ({
      method: 'POST',
      url: `/api/v1/protection-cases/${await protection.romanianCase()}/resolution`,
      body: { outcome: 'keep-existing', reason: 'Stays in Romania' },
    }),
  },
  'POST /api/v1/persons/:id/work-authorisations': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/persons/${(await protection.polish()).adult}/work-authorisations`,
      body: { countryCode: 'PL', basis: 'status', validFrom: '2022-04-01' },
    }),
    outOfScope: () => ({
      method: 'POST',
      url: `/api/v1/persons/${outside.personId}/work-authorisations`,
      body: { countryCode: 'RO', basis: 'status', validFrom: '2022-04-01' },
    }),
  },
  'POST /api/v1/persons/:id/school-enrolments': {
    inScope: async () => ({
      method: 'POST',
      url: `/api/v1/persons/${(await protection.polish()).child}/school-enrolments`,
      body: { countryCode: 'PL', requestedOn: '2022-04-01' },
    }),
    outOfScope: () => ({
      method: 'POST',
      url: `/api/v1/persons/${outside.personId}/school-enrolments`,
      body: { countryCode: 'RO', requestedOn: '2022-04-01' },
    }),
  },
  'GET /api/v1/protection-duplicates': {
    // On a day the 2022 grants are in force (their validity ends by default).
    inScope: () => ({ method: 'GET', url: '/api/v1/protection-duplicates?onDate=2022-06-01' }),
    outOfScope: async () => {
      await romanianDuplicate();
      return { method: 'GET', url: '/api/v1/protection-duplicates?onDate=2022-06-01' };
    },
    leaks: () => romanianDuplicateIds,
  },
  'POST /api/v1/protection-duplicates/cases': {
    inScope: () => ({
      method: 'POST',
      url: '/api/v1/protection-duplicates/cases',
      body: { onDate: '2022-06-01' },
    }),
    // Romania's duplicate is outside Poland's countries: no case opened, nobody named.
    outOfScope: async () => {
      await romanianDuplicate();
      return {
        method: 'POST',
        url: '/api/v1/protection-duplicates/cases',
        body: { onDate: '2022-06-01' },
      };
    },
    leaks: () => romanianDuplicateIds,
  },

  'PATCH /api/v1/school-enrolments/:id': {
    inScope: async () => ({
      method: 'PATCH',
      url: `/api/v1/school-enrolments/${await protection.enrolment('PL')}`,
      body: { status: 'enrolled', enrolledOn: '2022-04-04' },
    }),
    outOfScope: async () => ({
      method: 'PATCH',
      url: `/api/v1/school-enrolments/${await protection.enrolment('RO')}`,
      body: { status: 'enrolled', enrolledOn: '2022-04-04' },
    }),
  },
  ...cashCases(),
  ...evacuationCases(),
};

/** Cash assistance (issue 6 item 4): Poland's programmes in scope, Romania's outside it. */
type CashEndpoint = Extract<
  Endpoint,
  `${string} /api/v1/cash/${string}` | `${string} /api/v1/persons/:id/cash-assistance`
>;

function cashCases(): Record<CashEndpoint, Case> {
  let matrix: CashMatrix | undefined;
  const cash = () => (matrix ??= cashMatrix(api, { PL: api.siteId, RO: siret }));
  let romania: CashSide | undefined;
  /** Poland's shared records, or Romania's (kept for leaks()). */
  const side = async (country: CashCountry) => {
    const records = await cash().side(country);
    if (country === 'RO') {
      romania = records;
    }
    return records;
  };
  const romanianIds = (pick: (records: CashSide) => readonly string[]) => () => {
    if (!romania) {
      throw new Error('the out-of-scope case did not make the Romanian records');
    }
    return pick(romania);
  };
  const onSide = (path: (records: CashSide) => string): Case => ({
    inScope: async () => ({ method: 'GET', url: `/api/v1/cash/${path(await side('PL'))}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/v1/cash/${path(await side('RO'))}` }),
  });
  /**
   * What a write acts on: made for this one call when the policy lets the role write, so that it
   * really writes; a role the policy refuses is refused before any record is read, so Poland's
   * shared records serve (and a call wrongly let through on them still fails the case).
   */
  const target = async <T>(
    endpoint: CashEndpoint,
    role: Role,
    fresh: () => Promise<T>,
    shared: (records: CashSide) => T,
  ): Promise<T> => (holds(role, ENDPOINT_POLICY[endpoint]) ? fresh() : shared(await side('PL')));
  let romanianHousehold: Promise<GrantedHousehold> | undefined;
  let romanianResultFile: Promise<string> | undefined;
  const closure = { closedOn: '2022-06-30', reason: 'Moved to another country' };
  return {
    // Rules data, not anyone's record: nothing to scope.
    'GET /api/v1/cash/programme-templates': {
      inScope: () => ({ method: 'GET', url: '/api/v1/cash/programme-templates' }),
    },
    'GET /api/v1/cash/programmes': {
      inScope: async () => {
        await side('PL');
        return { method: 'GET', url: '/api/v1/cash/programmes' };
      },
      outOfScope: async () => {
        await side('RO');
        return { method: 'GET', url: '/api/v1/cash/programmes' };
      },
      leaks: romanianIds((records) => [records.programmeId]),
    },
    'POST /api/v1/cash/programmes': {
      inScope: () => ({
        method: 'POST',
        url: '/api/v1/cash/programmes',
        body: { templateId: 'UNHCR-PL-MPCA-2022', name: `Matrix ${randomUUID()}` },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/v1/cash/programmes',
        body: { templateId: 'UNHCR-RO-MPCA-2022', name: `Matrix ${randomUUID()}` },
      }),
    },
    'GET /api/v1/cash/programmes/:id': onSide((records) => `programmes/${records.programmeId}`),
    'GET /api/v1/cash/programmes/:id/enrolments': onSide(
      (records) => `programmes/${records.programmeId}/enrolments`,
    ),
    'POST /api/v1/cash/programmes/:id/enrolments': {
      // A household granted protection for this one call, enrolled nowhere yet.
      inScope: async (role) => ({
        method: 'POST',
        url: `/api/v1/cash/programmes/${(await side('PL')).programmeId}/enrolments`,
        body: cash().enrolmentBody(
          await target(
            'POST /api/v1/cash/programmes/:id/enrolments',
            role,
            () => cash().grantedHousehold('PL'),
            (records) => records.household,
          ),
        ),
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/cash/programmes/${(await side('RO')).programmeId}/enrolments`,
        body: cash().enrolmentBody(await (romanianHousehold ??= cash().grantedHousehold('RO'))),
      }),
    },
    'GET /api/v1/cash/enrolments/:id': onSide((records) => `enrolments/${records.enrolmentId}`),
    'POST /api/v1/cash/enrolments/:id/closure': {
      inScope: async (role) => ({
        method: 'POST',
        url: `/api/v1/cash/enrolments/${await target(
          'POST /api/v1/cash/enrolments/:id/closure',
          role,
          async () => (await cash().enrolledProgramme('PL')).enrolmentId,
          (records) => records.enrolmentId,
        )}/closure`,
        body: closure,
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/cash/enrolments/${(await side('RO')).enrolmentId}/closure`,
        body: closure,
      }),
    },
    'GET /api/v1/persons/:id/cash-assistance': {
      // The child, who is enrolled and held: the answer carries enrolments and holds.
      inScope: async () => ({
        method: 'GET',
        url: `/api/v1/persons/${(await side('PL')).household.child}/cash-assistance`,
      }),
      outOfScope: async () => ({
        method: 'GET',
        url: `/api/v1/persons/${(await side('RO')).household.child}/cash-assistance`,
      }),
      leaks: romanianIds((records) => [
        records.enrolmentId,
        records.holdId,
        records.batchId,
        records.programmeId,
      ]),
    },
    'GET /api/v1/cash/programmes/:id/batches': onSide(
      (records) => `programmes/${records.programmeId}/batches`,
    ),
    'POST /api/v1/cash/programmes/:id/batches': {
      // A programme of its own for each call, so that an allowed role builds a batch, not finds one.
      inScope: async (role) => ({
        method: 'POST',
        url: `/api/v1/cash/programmes/${await target(
          'POST /api/v1/cash/programmes/:id/batches',
          role,
          async () => (await cash().enrolledProgramme('PL')).programmeId,
          (records) => records.programmeId,
        )}/batches`,
        body: { period: CASH_PERIOD },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/cash/programmes/${(await side('RO')).programmeId}/batches`,
        body: { period: '2022-06' },
      }),
    },
    'GET /api/v1/cash/batches/:id': onSide((records) => `batches/${records.batchId}`),
    'GET /api/v1/cash/batches/:id/payments': onSide(
      (records) => `batches/${records.batchId}/payments`,
    ),
    'GET /api/v1/cash/batches/:id/export': onSide((records) => `batches/${records.batchId}/export`),
    'POST /api/v1/cash/batches/:id/reconciliation': {
      // A batch built for this one call, and the provider's file paying every line of it.
      inScope: async (role) => {
        const { batchId, csv } = await target(
          'POST /api/v1/cash/batches/:id/reconciliation',
          role,
          async () => {
            const { programmeId } = await cash().enrolledProgramme('PL');
            const built = await cash().buildBatch('PL', programmeId);
            return { batchId: built, csv: await cash().paidResultFile('PL', built) };
          },
          (records) => ({ batchId: records.batchId, csv: `${RECONCILIATION_COLUMNS.join(',')}\n` }),
        );
        return { method: 'POST', url: `/api/v1/cash/batches/${batchId}/reconciliation`, csv };
      },
      outOfScope: async () => {
        const { batchId } = await side('RO');
        return {
          method: 'POST',
          url: `/api/v1/cash/batches/${batchId}/reconciliation`,
          csv: await (romanianResultFile ??= cash().paidResultFile('RO', batchId)),
        };
      },
    },
    'GET /api/v1/cash/holds': {
      inScope: async () => {
        await side('PL');
        return { method: 'GET', url: '/api/v1/cash/holds?limit=100' };
      },
      outOfScope: async () => {
        await side('RO');
        return { method: 'GET', url: '/api/v1/cash/holds?limit=100' };
      },
      leaks: romanianIds((records) => [records.holdId, records.household.child]),
    },
    'POST /api/v1/cash/holds/:id/decision': {
      inScope: async (role) => ({
        method: 'POST',
        url: `/api/v1/cash/holds/${await target(
          'POST /api/v1/cash/holds/:id/decision',
          role,
          async () => (await cash().heldBatch('PL')).holdId,
          (records) => records.holdId,
        )}/decision`,
        body: { decision: 'cancel', reason: 'Status suspended while a case is open' },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/cash/holds/${(await side('RO')).holdId}/decision`,
        body: { decision: 'cancel', reason: 'Status suspended while a case is open' },
      }),
    },
    'GET /api/v1/cash/programmes/:id/ledger': onSide(
      (records) => `programmes/${records.programmeId}/ledger`,
    ),
  };
}

/** Corridors and evacuations (issue 5): a run to Medyka in scope, one to Siret outside it. */
type EvacuationEndpoint = Extract<
  Endpoint,
  `${string} /api/v1/${'corridors' | 'statistics/evacuations' | 'evacuation-runs' | 'manifest-persons' | 'evacuation-alerts'}${string}`
>;

function evacuationCases(): Record<EvacuationEndpoint, Case> {
  let fixture: Promise<EvacuationScopeFixture> | undefined;
  const ready = () =>
    (fixture ??= evacuationScopeFixture(api, siret).then((f) => {
      crossBorderRunId = f.foreignRun.runId;
      crossBorderAlertId = f.foreignRun.alertId;
      return f;
    }));
  const afterFixture = (call: Call) => async () => {
    await ready();
    return call;
  };
  const run = async (foreign = false) => {
    const f = await ready();
    return foreign ? f.foreignRun : f.run;
  };
  const now = new Date();
  const window = { windowStart: hoursFrom(now, -1), windowEnd: hoursFrom(now, 24) };
  /** A household added to the run's manifest for this one call, not yet checked in. */
  const freshHouseholdId = async (foreign = false) => {
    const side = await run(foreign);
    const answer = await api.post(
      `/api/v1/evacuation-runs/${side.runId}/manifest/households`,
      uniqueHousehold(),
      side.coordinator,
    );
    return answer.json<ManifestJson>().households.at(-1)?.id ?? '';
  };
  const freshHousehold = async (foreign = false) =>
    `/api/v1/evacuation-runs/${(await run(foreign)).runId}/manifest/households/${await freshHouseholdId(foreign)}`;
  const onRun = (method: Call['method'], path: string, body?: () => unknown): Case => ({
    inScope: async () => ({
      method,
      url: `/api/v1/evacuation-runs/${(await run()).runId}${path}`,
      body: body?.(),
    }),
    outOfScope: async () => ({
      method,
      url: `/api/v1/evacuation-runs/${(await run(true)).runId}${path}`,
      body: body?.(),
    }),
  });
  return {
    'GET /api/v1/corridors': { inScope: () => ({ method: 'GET', url: '/api/v1/corridors' }) },
    'POST /api/v1/corridors': {
      inScope: () => ({ method: 'POST', url: '/api/v1/corridors', body: buildCorridor() }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/v1/corridors',
        body: buildCorridor({ countryCode: 'RO' }),
      }),
    },
    'GET /api/v1/corridors/:id': {
      inScope: async () => ({
        method: 'GET',
        url: `/api/v1/corridors/${(await ready()).corridorId}`,
      }),
    },
    'POST /api/v1/corridors/:id/status-changes': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/v1/corridors/${(await ready()).corridorId}/status-changes`,
        body: { status: 'open', ...window },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/corridors/${(await ready()).foreignCorridorId}/status-changes`,
        body: { status: 'open', ...window },
      }),
    },
    'PATCH /api/v1/corridors/:id': {
      inScope: async () => ({
        method: 'PATCH',
        url: `/api/v1/corridors/${(await ready()).corridorId}`,
        body: { guarantors: ['ICRC', 'UNHCR'] },
      }),
      outOfScope: async () => ({
        method: 'PATCH',
        url: `/api/v1/corridors/${(await ready()).foreignCorridorId}`,
        body: { guarantors: ['ICRC'] },
      }),
    },
    'GET /api/v1/statistics/evacuations': {
      inScope: () => ({ method: 'GET', url: '/api/v1/statistics/evacuations' }),
    },
    'GET /api/v1/evacuation-runs': {
      inScope: () => ({ method: 'GET', url: '/api/v1/evacuation-runs' }),
      outOfScope: afterFixture({ method: 'GET', url: '/api/v1/evacuation-runs' }),
      leaks: () => [crossBorderRunId],
    },
    'GET /api/v1/evacuation-runs/export': {
      inScope: () => ({ method: 'GET', url: '/api/v1/evacuation-runs/export' }),
      outOfScope: afterFixture({ method: 'GET', url: '/api/v1/evacuation-runs/export' }),
      leaks: () => [crossBorderRunId],
    },
    'POST /api/v1/evacuation-runs': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/v1/evacuation-runs',
        body: buildRun((await ready()).corridorId, api.siteId),
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: '/api/v1/evacuation-runs',
        body: buildRun((await ready()).corridorId, siret),
      }),
    },
    'GET /api/v1/evacuation-runs/:id': onRun('GET', ''),
    'PATCH /api/v1/evacuation-runs/:id': onRun('PATCH', '', () => ({ arrivalMarginMinutes: 90 })),
    'POST /api/v1/evacuation-runs/:id/checkpoint-passages': onRun(
      'POST',
      '/checkpoint-passages',
      () => ({ name: 'Checkpoint', passedAt: new Date().toISOString() }),
    ),
    'POST /api/v1/evacuation-runs/:id/incidents': onRun('POST', '/incidents', () => ({
      kind: 'blockage',
      occurredAt: new Date().toISOString(),
    })),
    // Diverting the shared run to where it already goes: an allowed role gets past scope to the
    // 409 same-destination, and the run every other case uses stays as it is.
    'POST /api/v1/evacuation-runs/:id/diversions': onRun('POST', '/diversions', () => ({
      siteId: api.siteId,
      reason: 'Road blocked',
    })),
    'GET /api/v1/evacuation-runs/:id/manifest': onRun('GET', '/manifest'),
    'POST /api/v1/evacuation-runs/:id/manifest/households': onRun(
      'POST',
      '/manifest/households',
      uniqueHousehold,
    ),
    'POST /api/v1/evacuation-runs/:id/manifest/import': onRun('POST', '/manifest/import', () => ({
      csv: `household,given_name,family_name,sex,birth_date\nH1,${uniqueName()},${uniqueName()},male,1970\n`,
    })),
    'DELETE /api/v1/evacuation-runs/:id/manifest/households/:householdId': {
      inScope: async () => ({ method: 'DELETE', url: await freshHousehold() }),
      outOfScope: async () => ({ method: 'DELETE', url: await freshHousehold(true) }),
    },
    'POST /api/v1/evacuation-runs/:id/check-ins': {
      // A household nobody checked in yet, so that an allowed role records a real arrival.
      inScope: async () => ({
        method: 'POST',
        url: `/api/v1/evacuation-runs/${(await run()).runId}/check-ins`,
        body: { manifestHouseholdId: await freshHouseholdId() },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/evacuation-runs/${(await run(true)).runId}/check-ins`,
        body: { manifestPersonId: (await run(true)).personId },
      }),
    },
    'GET /api/v1/evacuation-runs/:id/reconciliation': onRun('GET', '/reconciliation'),
    'POST /api/v1/manifest-persons/:id/registration-link': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/v1/manifest-persons/${(await run()).personId}/registration-link`,
        body: { registrationPersonId: inside.personId },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/manifest-persons/${(await run(true)).personId}/registration-link`,
        body: { registrationPersonId: outside.personId },
      }),
    },
    'GET /api/v1/evacuation-alerts': {
      inScope: () => ({ method: 'GET', url: '/api/v1/evacuation-alerts' }),
      outOfScope: afterFixture({ method: 'GET', url: '/api/v1/evacuation-alerts' }),
      leaks: () => [crossBorderAlertId],
    },
    'POST /api/v1/evacuation-alerts/:id/acknowledgement': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/v1/evacuation-alerts/${(await run()).alertId}/acknowledgement`,
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/v1/evacuation-alerts/${(await run(true)).alertId}/acknowledgement`,
      }),
    },
  };
}
let crossBorderRunId = '';
let crossBorderAlertId = '';

function send(call: Call, headers: AuthHeaders): Promise<LightMyRequestResponse> {
  const payload =
    call.csv !== undefined
      ? { contentType: 'text/csv', text: call.csv }
      : call.body === undefined
        ? undefined
        : { contentType: 'application/json', text: JSON.stringify(call.body) };
  return api.app.inject({
    method: call.method,
    url: call.url,
    headers: {
      ...headers,
      ...(payload === undefined ? {} : { 'content-type': payload.contentType }),
      'idempotency-key': randomUUID(),
    },
    ...(payload === undefined ? {} : { payload: payload.text }),
  });
}

const principal = (role: Role): Principal => ({
  userId: '',
  username: '',
  role,
  countries: ['PL'],
  siteIds: [],
});

function holds(role: Role, requirement: Requirement): boolean {
  return (
    requirement === 'public' || requirement === 'signed-in' || can(principal(role), requirement)
  );
}

const DENIED = [401, 403, 404];
const endpoints = Object.keys(ENDPOINT_POLICY) as Endpoint[];

describe('the access matrix', () => {
  it('has a case for every endpoint of the policy and every route of the API', () => {
    expect(Object.keys(CASES).sort()).toEqual([...endpoints].sort());
  });

  it('refuses to build an app with a route that has no policy entry', async () => {
    const app = Fastify();
    await app.register(accessControl, { db: api.database.db, apiPrefix: '/api/v1' });
    const addUnguardedRoute = async () => {
      app.get('/api/v1/unguarded', async () => ({}));
      await app.ready();
    };
    await expect(addUnguardedRoute()).rejects.toThrow(/no entry in ENDPOINT_POLICY/);
    await app.close().catch(() => undefined);
  });

  describe.each(endpoints)('%s', (endpoint) => {
    const requirement: Requirement = ENDPOINT_POLICY[endpoint];
    const testCase = CASES[endpoint];

    it.skipIf(requirement === 'public')('answers 401 without sign-in', async () => {
      const response = await send(await testCase.inScope('registrar'), {});
      expect(response.statusCode).toBe(401);
    });

    it.each(ROLES)('%s: in scope as the policy says', async (role) => {
      const response = await send(await testCase.inScope(role), users[role] ?? {});
      if (holds(role, requirement)) {
        expect(DENIED, response.body).not.toContain(response.statusCode);
        expect(response.statusCode, response.body).toBeLessThan(500);
      } else {
        expect(response.statusCode, response.body).toBe(403);
      }
    });

    it.skipIf(!testCase.outOfScope).each(ROLES)(
      '%s: out of scope denied or filtered',
      async (role) => {
        const call = await testCase.outOfScope?.(role);
        if (!call) {
          throw new Error('no out-of-scope case');
        }
        const response = await send(call, users[role] ?? {});
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (testCase.leaks && response.statusCode === 200) {
          for (const id of testCase.leaks()) {
            expect(response.body).not.toContain(id);
          }
        } else {
          expect(DENIED, response.body).toContain(response.statusCode);
        }
      },
    );
  });

  describe('field redaction of specific needs', () => {
    it.each(ROLES.filter((role) => can(principal(role), 'persons:read')))(
      '%s sees exactly the classes the policy gives it',
      async (role) => {
        const response = await api.get(
          `/api/v1/registrations/${inside.registrationId}`,
          users[role],
        );
        expect(response.statusCode).toBe(200);
        const needs =
          response.json<{ members: { specificNeeds: { sensitivity: string }[] }[] }>().members[0]
            ?.specificNeeds ?? [];
        expect(needs.map((need) => need.sensitivity).sort()).toEqual(
          [...ACCESS_POLICY[role].readsNeeds].sort(),
        );
        if (!ACCESS_POLICY[role].readsNeeds.includes('protection')) {
          expect(response.body).not.toContain('canary-matrix');
          expect(response.body).not.toContain('SV-VF');
        }
      },
    );

    it('a caseworker of another country cannot read the household at all', async () => {
      const romanian = await api.as('caseworker', { countries: ['RO'], siteIds: [] });
      const response = await api.get(`/api/v1/registrations/${inside.registrationId}`, romanian);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('canary-matrix');
    });
  });

  // Issue 6 gap 6, the cross-country details rule (core seesPersonDetailsIn): a caller learns that
  // a record in another country exists — its country, period and status kind — but never whose
  // it is, unless their countries include that country. One identity here is granted in Poland
  // and in Romania, and paid in Romania, so every answer that meets the other side shows it.
  describe('the cross-country details rule', () => {
    let polish = '';
    let romanian = '';
    let bothCountries: AuthHeaders = {};
    beforeAll(async () => {
      const ro = await protection.ro();
      bothCountries = await api.as('welfare-officer', { countries: ['PL', 'RO'], siteIds: [] });
      const polishHousehold = await register(api.siteId, api.caseworker);
      const romanianHousehold = await register(siret, ro);
      polish = polishHousehold.personId;
      romanian = romanianHousehold.personId;
      expect((await grantProtection(api, polish, 'PL')).statusCode).toBe(201);
      expect((await grantProtection(api, romanian, 'RO', { headers: ro })).statusCode).toBe(201);
      await clusterPersons(api.database.db, [polish, romanian]);
      const programme = async (templateId: string) =>
        (await api.post('/api/v1/cash/programmes', { templateId }, bothCountries)).json<{
          id: string;
        }>().id;
      const pay = async (programmeId: string, householdId: string, recipientPersonId: string) => {
        const enrolled = await api.post(
          `/api/v1/cash/programmes/${programmeId}/enrolments`,
          { householdId, recipientPersonId, enrolledOn: '2022-07-01' },
          bothCountries,
        );
        expect(enrolled.statusCode, enrolled.body).toBe(201);
        const built = await api.post(
          `/api/v1/cash/programmes/${programmeId}/batches`,
          { period: '2022-07' },
          bothCountries,
        );
        expect(built.statusCode, built.body).toBe(201);
      };
      await pay(await programme('UNHCR-RO-MPCA-2022'), romanianHousehold.householdId, romanian);
      // Poland's batch holds the Polish record: the identity was paid in Romania for July.
      await pay(await programme('UNHCR-PL-MPCA-2022'), polishHousehold.householdId, polish);
    });

    it.each(ROLES.filter((role) => can(principal(role), 'protection:read')))(
      '%s sees a duplicate’s Romanian status without its person',
      async (role) => {
        const response = await api.get(
          '/api/v1/protection-duplicates?onDate=2022-07-15&limit=200',
          users[role],
        );
        expect(response.statusCode, response.body).toBe(200);
        const item = response
          .json<{ items: { statuses: { personId: string | null; countryCode: string }[] }[] }>()
          .items.find((found) => found.statuses.some((status) => status.personId === polish));
        expect(item?.statuses).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ countryCode: 'RO', status: 'granted', personId: null }),
          ]),
        );
        expect(response.body).not.toContain(romanian);
        const both = await api.get(
          '/api/v1/protection-duplicates?onDate=2022-07-15&limit=200',
          await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] }),
        );
        expect(both.body).toContain(romanian);
      },
    );

    it.each(ROLES.filter((role) => can(principal(role), 'cash:read')))(
      '%s sees where a held person was paid, not who was paid',
      async (role) => {
        const response = await api.get('/api/v1/cash/holds?limit=100', users[role]);
        expect(response.statusCode, response.body).toBe(200);
        const hold = response
          .json<{ items: { personId: string; conflict: Record<string, unknown> | null }[] }>()
          .items.find((found) => found.personId === polish);
        expect(hold?.conflict).toMatchObject({
          countryCode: 'RO',
          period: '2022-07',
          personId: null,
        });
        expect(response.body).not.toContain(romanian);
        const both = await api.get('/api/v1/cash/holds?limit=100', bothCountries);
        expect(both.body).toContain(romanian);
      },
    );

    it.each(ROLES.filter((role) => can(principal(role), 'identity:review')))(
      '%s is told a pair awaits a reviewer of Romania, never who is in it',
      async (role) => {
        await crossBorderPair();
        const response = await api.get('/api/v1/identity-review/pairs', users[role]);
        expect(response.statusCode, response.body).toBe(200);
        expect(
          response.json<{ awaitingOtherCountries: { countryCode: string; pairs: number }[] }>()
            .awaitingOtherCountries,
        ).toEqual([{ countryCode: 'RO', pairs: expect.any(Number) as number }]);
        expect(response.body).not.toContain(outside.personId);
      },
    );
  });

  // Issue 5 item 6: a convoy's timings and vehicles can get it shelled; only evacuations:operational
  // in scope shows them, in every answer that carries a run (one run, the list, the CSV export).
  describe('field redaction of operational run data', () => {
    let runId = '';
    beforeAll(async () => {
      runId = (await evacuationScopeFixture(api, siret)).run.runId;
    });

    it.each(ROLES.filter((role) => can(principal(role), 'corridors:read')))(
      '%s sees timings and vehicles exactly when the policy gives it evacuations:operational',
      async (role) => {
        const sees = can(principal(role), 'evacuations:operational');
        const headers = users[role] ?? {};
        const one = await api.get(`/api/v1/evacuation-runs/${runId}`, headers);
        expect(one.statusCode, one.body).toBe(200);
        expect(one.json<{ operational: unknown }>().operational !== null).toBe(sees);
        const list = await api.get('/api/v1/evacuation-runs', headers);
        expect(list.statusCode, list.body).toBe(200);
        const listed = list
          .json<{ id: string; operational: unknown }[]>()
          .find((run) => run.id === runId);
        expect(listed?.operational !== null).toBe(sees);
        const csv = await api.get('/api/v1/evacuation-runs/export', headers);
        expect(csv.statusCode, csv.body).toBe(200);
        const row = parse<Record<string, string>>(csv.body, { columns: true }).find(
          (line) => line.id === runId,
        );
        expect(row?.planned_departure_at !== '').toBe(sees);
        expect(row?.vehicles !== '').toBe(sees);
        if (!sees) {
          // A vehicle's plate from buildRun: it must appear nowhere in these answers.
          for (const response of [one, list, csv]) {
            expect(response.body).not.toContain('BC 1234 AA');
          }
        }
      },
    );
  });
});
