/**
 * Enrolment of households in a cash programme: only members whose protection status in the
 * programme's country is active (the status helper's current-status is the one source), one open
 * enrolment per household and programme, one per person. Reads of persons are audited.
 */
import { randomUUID } from 'node:crypto';
import type {
  Enrolment,
  EnrolmentClosure,
  EnrolmentSummary,
  FieldError,
  NewEnrolment,
  PersonCashAssistance,
} from '@haven/contract';
import {
  householdEntitlement,
  paymentSchedule,
  periodOf,
  protectionStanding,
  type Currency,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import { idempotentCreate, type ClaimKey } from '../idempotency/idempotent-create.js';
import { currentProtectionStatuses } from '../temporary-protection/current-status.js';
import { notFound, type CashActor } from './caller.js';
import { listHolds } from './holds.js';
import { programmeInScope, type ProgrammeRecord } from './programmes.js';

const STANDING_MESSAGES = {
  ceased: 'Protection in this country has ceased: no cash assistance can be paid',
  'not-active': 'Protection in this country is not active (applied, suspended or lapsed)',
  none: 'Has no protection status in this country',
} as const;

interface EnrolmentRow {
  id: string;
  programme_id: string;
  programme_name: string;
  household_id: string;
  enrolled_on: string;
  closed_on: string | null;
  closure_reason: string | null;
  member_count: number;
  recipient_person_id: string;
  recipient_name: string;
  enrolled_at: string;
  enrolled_by_name: string;
  first_person_minor: string;
  additional_person_minor: string;
  household_cap_minor: string | null;
  currency: Currency;
  country_code: string;
}

const ENROLMENT_SELECT = sql`
  SELECT e.id, e.programme_id, g.name AS programme_name, e.household_id,
         to_char(e.enrolled_on, 'YYYY-MM-DD') AS enrolled_on,
         to_char(e.closed_on, 'YYYY-MM-DD') AS closed_on, e.closure_reason,
         (SELECT count(*)::int FROM cash_enrolment_members m WHERE m.enrolment_id = e.id) AS member_count,
         e.recipient_person_id, r.given_name || ' ' || r.family_name AS recipient_name,
         to_char(e.enrolled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS enrolled_at,
         e.enrolled_by_name, g.first_person_minor::text, g.additional_person_minor::text,
         g.household_cap_minor::text, g.currency, g.country_code
    FROM cash_enrolments e
    JOIN cash_programmes g ON g.id = e.programme_id
    JOIN persons r ON r.id = e.recipient_person_id`;

function summaryOf(row: EnrolmentRow): EnrolmentSummary {
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    householdId: row.household_id,
    status: row.closed_on === null ? 'active' : 'closed',
    enrolledOn: row.enrolled_on,
    closedOn: row.closed_on,
    memberCount: row.member_count,
    recipientName: row.recipient_name,
    entitlement: {
      amountMinor: householdEntitlement(
        {
          firstPersonMinor: Number(row.first_person_minor),
          additionalPersonMinor: Number(row.additional_person_minor),
          householdCapMinor:
            row.household_cap_minor === null ? null : Number(row.household_cap_minor),
        },
        row.member_count,
      ),
      currency: row.currency,
    },
    enrolledAt: row.enrolled_at,
    enrolledByName: row.enrolled_by_name,
  };
}

/** Enrols a household's members; refuses each member without an active status, with a reason. */
export async function enrolHousehold(
  db: Db,
  actor: CashActor,
  programmeId: string,
  input: NewEnrolment,
  idempotencyKey?: string,
): Promise<Enrolment> {
  const programme = await programmeInScope(db, actor, programmeId);
  if (input.enrolledOn < programme.validFrom || input.enrolledOn > programme.validTo) {
    throw new HttpProblem(422, 'outside-programme', 'The programme does not run on that day', [
      {
        field: 'enrolledOn',
        in: 'body',
        message: `Must be between ${programme.validFrom} and ${programme.validTo}`,
      },
    ]);
  }
  const id = randomUUID();
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `cash-enrolments:${programmeId}`, body: input }
    : undefined;
  const created = await idempotentCreate(
    db,
    idempotency,
    async (claim) => {
      await insertEnrolment(db, actor, programme, input, id, claim);
      return readEnrolment(db, actor, id, false);
    },
    (resourceId) => readEnrolment(db, actor, resourceId, false),
  );
  return created.value;
}

async function insertEnrolment(
  db: Db,
  actor: CashActor,
  programme: ProgrammeRecord,
  input: NewEnrolment,
  id: string,
  claim: ClaimKey,
): Promise<void> {
  await db.transaction(async (tx) => {
    await claim(tx, id);
    const members = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM persons
           WHERE household_id = ${input.householdId} AND erased_at IS NULL
           ORDER BY position FOR UPDATE`,
    );
    if (members.length === 0) {
      throw fieldProblem('householdId', 'body', 'No such household');
    }
    const memberIds = new Set(members.map((member) => member.id));
    const personIds = input.personIds ?? members.map((member) => member.id);
    const errors: FieldError[] = [];
    personIds.forEach((personId, index) => {
      if (!memberIds.has(personId)) {
        errors.push({
          field: `personIds[${index}]`,
          in: 'body',
          message: 'Is not a member of the household',
        });
      }
    });
    if (new Set(personIds).size !== personIds.length) {
      errors.push({ field: 'personIds', in: 'body', message: 'Must not name a person twice' });
    }
    if (!personIds.includes(input.recipientPersonId)) {
      errors.push({
        field: 'recipientPersonId',
        in: 'body',
        message: 'Must be one of the enrolled members',
      });
    }
    if (errors.length > 0) {
      throw new HttpProblem(400, 'validation-failed', 'The request is not valid', errors);
    }
    // Out of scope: persons without an active status in the programme's country.
    const statuses = await currentProtectionStatuses(tx, personIds);
    const period = periodOf(input.enrolledOn.slice(0, 7));
    const refusals: FieldError[] = [];
    personIds.forEach((personId, index) => {
      const standing = protectionStanding(
        statuses.get(personId)?.find((status) => status.countryCode === programme.countryCode),
        period,
      );
      if (standing !== 'active') {
        refusals.push({
          field: `personIds[${index}]`,
          in: 'body',
          message: STANDING_MESSAGES[standing],
        });
      }
    });
    if (refusals.length > 0) {
      throw new HttpProblem(
        422,
        'protection-not-active',
        'Only persons with an active protection status in the programme country can be enrolled',
        refusals,
      );
    }
    const enrolledElsewhere = await queryRows<{ person_id: string }>(
      tx,
      sql`SELECT m.person_id FROM cash_enrolment_members m
            JOIN cash_enrolments e ON e.id = m.enrolment_id
           WHERE e.programme_id = ${programme.id} AND e.closed_on IS NULL
             AND m.person_id = ANY(${sql.param(personIds)}::uuid[])`,
    );
    if (enrolledElsewhere.length > 0) {
      throw new HttpProblem(
        409,
        'already-enrolled',
        'Already enrolled in this programme',
        enrolledElsewhere.map((row) => ({
          field: `personIds[${personIds.indexOf(row.person_id)}]`,
          in: 'body' as const,
          message: 'Is already enrolled in this programme',
        })),
      );
    }
    await tx.execute(
      sql`INSERT INTO cash_enrolments (id, programme_id, household_id, recipient_person_id,
            enrolled_on, enrolled_at, enrolled_by, enrolled_by_name)
          VALUES (${id}, ${programme.id}, ${input.householdId}, ${input.recipientPersonId},
            ${input.enrolledOn}, now(), ${actor.userId}, ${actor.name})`,
    );
    await tx.execute(
      sql`INSERT INTO cash_enrolment_members (enrolment_id, person_id)
          SELECT ${id}, unnest(${sql.param(personIds)}::uuid[])`,
    );
    await appendAudit(tx, [
      {
        ...actor.audit,
        chain: programme.countryCode,
        action: 'cash-enrolment.create',
        resourceType: 'cash-enrolment',
        resourceId: id,
        detail: { programmeId: programme.id, householdId: input.householdId, persons: personIds },
      },
    ]);
  });
}

async function enrolmentRow(executor: Db, actor: CashActor, enrolmentId: string) {
  const [row] = await queryRows<EnrolmentRow>(
    executor,
    sql`${ENROLMENT_SELECT} WHERE e.id = ${enrolmentId}`,
  );
  if (!row || (actor.countries !== null && !actor.countries.includes(row.country_code))) {
    throw notFound('enrolment');
  }
  return row;
}

/** One enrolment with its members and each scheduled period's payment state; audited as a read. */
export async function readEnrolment(
  db: Db,
  actor: CashActor,
  enrolmentId: string,
  audit = true,
): Promise<Enrolment> {
  const row = await enrolmentRow(db, actor, enrolmentId);
  const programme = await programmeInScope(db, actor, row.programme_id);
  const members = await queryRows<{
    person_id: string;
    given_name: string;
    family_name: string;
    birth_date: string;
  }>(
    db,
    sql`SELECT p.id AS person_id, p.given_name, p.family_name, p.birth_date
          FROM cash_enrolment_members m JOIN persons p ON p.id = m.person_id
         WHERE m.enrolment_id = ${enrolmentId} ORDER BY p.position`,
  );
  const periods = await queryRows<{
    period: string;
    batch_id: string;
    paid: string | null;
    holds: number;
  }>(
    db,
    sql`SELECT b.period, b.id AS batch_id,
               (SELECT sum(amount_minor)::text FROM cash_payments p
                 WHERE p.batch_id = b.id AND p.enrolment_id = ${enrolmentId}) AS paid,
               (SELECT count(*)::int FROM cash_holds h
                 WHERE h.batch_id = b.id AND h.enrolment_id = ${enrolmentId}) AS holds
          FROM cash_batches b WHERE b.programme_id = ${programme.id}`,
  );
  const byPeriod = new Map(periods.map((period) => [period.period, period]));
  const schedule = paymentSchedule(programme, row.enrolled_on, row.closed_on).map((due) => {
    const batch = byPeriod.get(due.period);
    const paid = batch?.paid ? Number(batch.paid) : 0;
    const state = !batch
      ? ('not-built' as const)
      : paid > 0
        ? batch.holds > 0
          ? ('partly-held' as const)
          : ('paid' as const)
        : batch.holds > 0
          ? ('held' as const)
          : ('missed' as const);
    return {
      ...due,
      state,
      batchId: batch?.batch_id ?? null,
      paid: paid > 0 ? { amountMinor: paid, currency: programme.currency } : null,
    };
  });
  if (audit) {
    await appendAudit(db, [
      {
        ...actor.audit,
        chain: programme.countryCode,
        action: 'cash-enrolment.read',
        resourceType: 'cash-enrolment',
        resourceId: enrolmentId,
        detail: {
          householdId: row.household_id,
          persons: members.map((member) => member.person_id),
        },
      },
    ]);
  }
  return {
    ...summaryOf(row),
    members: members.map((member) => ({
      personId: member.person_id,
      givenName: member.given_name,
      familyName: member.family_name,
      birthDate: member.birth_date,
      isRecipient: member.person_id === row.recipient_person_id,
    })),
    schedule,
    closureReason: row.closure_reason,
  };
}

/** Enrolments of a programme by id (keyset); the recipients read are audited. */
export async function listEnrolments(
  db: Db,
  actor: CashActor,
  programme: ProgrammeRecord,
  after: string | undefined,
  limit: number,
): Promise<{ items: EnrolmentSummary[]; nextAfter: string | null }> {
  const rows = await queryRows<EnrolmentRow>(
    db,
    sql`${ENROLMENT_SELECT}
         WHERE e.programme_id = ${programme.id} AND (${after ?? null}::uuid IS NULL OR e.id > ${after ?? null}::uuid)
         ORDER BY e.id LIMIT ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  if (page.length > 0) {
    await appendAudit(db, [
      {
        ...actor.audit,
        chain: programme.countryCode,
        action: 'cash-enrolment.list',
        resourceType: 'cash-programme',
        resourceId: programme.id,
        detail: { persons: page.map((row) => row.recipient_person_id) },
      },
    ]);
  }
  return {
    items: page.map(summaryOf),
    nextAfter: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Closes an enrolment from a day on: its later periods are no longer paid. */
export async function closeEnrolment(
  db: Db,
  actor: CashActor,
  enrolmentId: string,
  input: EnrolmentClosure,
  idempotencyKey?: string,
): Promise<Enrolment> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `cash-enrolment-closures:${enrolmentId}`, body: input }
    : undefined;
  await idempotentCreate(
    db,
    idempotency,
    (claim) => closeOnce(db, actor, enrolmentId, input, claim),
    async () => undefined,
  );
  return readEnrolment(db, actor, enrolmentId, false);
}

async function closeOnce(
  db: Db,
  actor: CashActor,
  enrolmentId: string,
  input: EnrolmentClosure,
  claim: ClaimKey,
): Promise<void> {
  await db.transaction(async (tx) => {
    await claim(tx, enrolmentId);
    const row = await enrolmentRow(tx, actor, enrolmentId);
    if (row.closed_on !== null) {
      throw new HttpProblem(409, 'already-closed', 'The enrolment is already closed');
    }
    if (input.closedOn < row.enrolled_on) {
      throw fieldProblem('closedOn', 'body', 'Must not be before the enrolment day');
    }
    await tx.execute(
      sql`UPDATE cash_enrolments SET closed_on = ${input.closedOn}, closure_reason = ${input.reason}
           WHERE id = ${enrolmentId}`,
    );
    await appendAudit(tx, [
      {
        ...actor.audit,
        chain: row.country_code,
        action: 'cash-enrolment.close',
        resourceType: 'cash-enrolment',
        resourceId: enrolmentId,
        detail: { closedOn: input.closedOn },
      },
    ]);
  });
}

/** A person's enrolments, payments and holds in the programmes in scope; audited as a read. */
export async function personCashAssistance(
  db: Db,
  actor: CashActor,
  personId: string,
): Promise<PersonCashAssistance> {
  const countries = actor.countries;
  const inScope = sql`(${countries === null} OR g.country_code = ANY(${sql.param([...(countries ?? [])])}::text[]))`;
  const enrolments = await queryRows<EnrolmentRow>(
    db,
    sql`${ENROLMENT_SELECT}
         WHERE ${inScope} AND e.id IN (SELECT enrolment_id FROM cash_enrolment_members WHERE person_id = ${personId})
         ORDER BY e.enrolled_on DESC`,
  );
  const payments = await queryRows<{
    payment_id: string;
    batch_id: string;
    programme_name: string;
    country_code: string;
    period: string;
    amount: string;
    currency: Currency;
    outcome: 'paid' | 'failed' | null;
  }>(
    db,
    sql`SELECT p.id AS payment_id, p.batch_id, g.name AS programme_name, g.country_code,
               b.period, p.amount_minor::text AS amount, p.currency, o.outcome
          FROM cash_enrolment_members m
          JOIN cash_payments p ON p.enrolment_id = m.enrolment_id
          JOIN cash_batches b ON b.id = p.batch_id
          JOIN cash_programmes g ON g.id = b.programme_id
          LEFT JOIN cash_payment_outcomes o ON o.payment_id = p.id
         WHERE m.person_id = ${personId} AND ${personId}::uuid = ANY(p.covered_person_ids) AND ${inScope}
         ORDER BY b.period DESC`,
  );
  const holds = await listHolds(db, actor, { personId, state: undefined, limit: 100 });
  if (enrolments.length === 0 && payments.length === 0 && holds.items.length === 0) {
    // Nothing in scope, or no such person: the answer is empty either way (no existence leak).
    return { personId, enrolments: [], payments: [], holds: [] };
  }
  const chain = enrolments[0]?.country_code ?? payments[0]?.country_code ?? 'system';
  await appendAudit(db, [
    {
      ...actor.audit,
      chain,
      action: 'cash-person.read',
      resourceType: 'person',
      resourceId: personId,
      detail: {},
    },
  ]);
  return {
    personId,
    enrolments: enrolments.map(summaryOf),
    payments: payments.map((row) => ({
      paymentId: row.payment_id,
      batchId: row.batch_id,
      programmeName: row.programme_name,
      countryCode: row.country_code,
      period: row.period,
      amount: { amountMinor: Number(row.amount), currency: row.currency },
      outcome: row.outcome ?? (Number(row.amount) > 0 ? 'pending' : 'nothing-to-pay'),
    })),
    holds: holds.items,
  };
}
