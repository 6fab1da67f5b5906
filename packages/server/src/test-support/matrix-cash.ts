/**
 * Cash assistance records for the access matrix (issue 6 item 4), made through the API by the
 * roles that may make them: programmes, households granted protection and enrolled, built
 * batches and held payments, in Poland (every matrix user's scope) or Romania (outside it).
 */
import { RECONCILIATION_COLUMNS } from '@haven/contract';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { LightMyRequestResponse } from 'fastify';
import { buildFacts, grantProtection } from '../temporary-protection/test-support/fixtures.js';
import { buildRegistration, type AuthHeaders, type TestApi } from './factories.js';

export type CashCountry = 'PL' | 'RO';

const TEMPLATES: Readonly<Record<CashCountry, string>> = {
  PL: 'UNHCR-PL-MPCA-2022',
  RO: 'UNHCR-RO-MPCA-2022',
};
/** A month both templates pay in; households are enrolled from its first day. */
export const CASH_PERIOD = '2022-05';
const ENROLLED_ON = '2022-05-01';

/** A registered household whose adult and child hold temporary protection in one country. */
export interface GrantedHousehold {
  readonly householdId: string;
  readonly adult: string;
  readonly child: string;
}

/** One country's records: a programme with an enrolled household, its batch and an open hold. */
export interface CashSide {
  readonly programmeId: string;
  readonly household: GrantedHousehold;
  readonly enrolmentId: string;
  readonly batchId: string;
  /** The child's payment, held because the child's status was suspended before the batch. */
  readonly holdId: string;
}

function answer<T>(response: LightMyRequestResponse, what: string): T {
  if (response.statusCode >= 300) {
    throw new Error(`${what}: ${String(response.statusCode)} ${response.body}`);
  }
  return response.json<T>();
}

/** The cash records of the matrix; `siteIds` are the registration sites of each country. */
export function cashMatrix(api: TestApi, siteIds: Readonly<Record<CashCountry, string>>) {
  const staff = new Map<string, Promise<AuthHeaders>>();
  const as = (role: 'caseworker' | 'welfare-officer', country: CashCountry) => {
    const key = `${role} ${country}`;
    const headers = staff.get(key) ?? api.as(role, { countries: [country], siteIds: [] });
    staff.set(key, headers);
    return headers;
  };

  async function grantedHousehold(country: CashCountry): Promise<GrantedHousehold> {
    const headers = await as('caseworker', country);
    const registered = answer<{ householdId: string; members: { id: string }[] }>(
      await api.post('/api/v1/registrations', buildRegistration(siteIds[country]), headers),
      'registration',
    );
    const [adult = '', child = ''] = registered.members.map((member) => member.id);
    for (const [personId, birthDate] of [
      [adult, '1985-04-12'],
      [child, '2014-09'],
    ] as const) {
      answer(
        await grantProtection(api, personId, country, {
          headers,
          facts: buildFacts({ birthDate }),
        }),
        'grant',
      );
    }
    return { householdId: registered.householdId, adult, child };
  }

  async function programme(country: CashCountry): Promise<string> {
    return answer<{ id: string }>(
      await api.post(
        '/api/v1/cash/programmes',
        { templateId: TEMPLATES[country] },
        await as('welfare-officer', country),
      ),
      'programme',
    ).id;
  }

  const enrolmentBody = (household: GrantedHousehold) => ({
    householdId: household.householdId,
    recipientPersonId: household.adult,
    enrolledOn: ENROLLED_ON,
  });

  async function enrol(
    country: CashCountry,
    programmeId: string,
    household: GrantedHousehold,
  ): Promise<string> {
    return answer<{ id: string }>(
      await api.post(
        `/api/v1/cash/programmes/${programmeId}/enrolments`,
        enrolmentBody(household),
        await as('welfare-officer', country),
      ),
      'enrolment',
    ).id;
  }

  async function buildBatch(country: CashCountry, programmeId: string): Promise<string> {
    return answer<{ id: string }>(
      await api.post(
        `/api/v1/cash/programmes/${programmeId}/batches`,
        { period: CASH_PERIOD },
        await as('welfare-officer', country),
      ),
      'batch',
    ).id;
  }

  /** A new programme with a household of `country` enrolled in it. */
  async function enrolledProgramme(country: CashCountry) {
    const programmeId = await programme(country);
    const household = await grantedHousehold(country);
    const enrolmentId = await enrol(country, programmeId, household);
    return { programmeId, household, enrolmentId };
  }

  /** A new programme, a household enrolled in it with the child suspended, and its batch. */
  async function heldBatch(country: CashCountry): Promise<CashSide> {
    const { programmeId, household, enrolmentId } = await enrolledProgramme(country);
    answer(
      await api.post(
        `/api/v1/persons/${household.child}/protection/events`,
        {
          countryCode: country,
          status: 'suspended',
          effectiveOn: '2022-04-20',
          reason: 'pending-case',
        },
        await as('caseworker', country),
      ),
      'suspension',
    );
    const batchId = await buildBatch(country, programmeId);
    const holds = answer<{ items: { id: string }[] }>(
      await api.get(`/api/v1/cash/holds?batchId=${batchId}`, await as('welfare-officer', country)),
      'holds',
    );
    const holdId = holds.items[0]?.id;
    if (holdId === undefined) {
      throw new Error('the batch held nothing');
    }
    return { programmeId, household, enrolmentId, batchId, holdId };
  }

  /** The provider's result file for a batch: every payment line of its export paid. */
  async function paidResultFile(country: CashCountry, batchId: string): Promise<string> {
    const exported = await api.get(
      `/api/v1/cash/batches/${batchId}/export`,
      await as('welfare-officer', country),
    );
    if (exported.statusCode !== 200) {
      throw new Error(`export: ${String(exported.statusCode)} ${exported.body}`);
    }
    const lines = parse<Record<string, string>>(exported.body, { columns: true });
    return stringify(
      lines.map((line) => ({
        reference: line.reference,
        outcome: 'paid',
        amount: line.amount,
        currency: line.currency,
        provider_reference: `PRV-${line.reference ?? ''}`,
        failure_reason: '',
      })),
      { header: true, columns: [...RECONCILIATION_COLUMNS] },
    );
  }

  const sides = new Map<CashCountry, Promise<CashSide>>();
  return {
    /** The records of a country, made once and shared by the read cases. */
    side(country: CashCountry): Promise<CashSide> {
      const made = sides.get(country) ?? heldBatch(country);
      sides.set(country, made);
      return made;
    },
    grantedHousehold,
    enrolmentBody,
    enrol,
    enrolledProgramme,
    buildBatch,
    heldBatch,
    paidResultFile,
  };
}

export type CashMatrix = ReturnType<typeof cashMatrix>;
