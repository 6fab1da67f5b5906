/**
 * Held payments and their review: a welfare officer releases a hold (the guard was wrong: a
 * different person, or the other payment failed) or cancels it, with a reason; the decision is
 * appended once and audited. A release pays the household the difference its rules give
 * (core releaseLine) as a top-up line of the same batch, posted to the ledger — or, when the
 * household had already reached its cap, a zero-amount covered-at-cap line with no posting,
 * which keeps the released person visible to the cross-country guard for the period.
 */
import { randomUUID } from 'node:crypto';
import type { Hold, HoldDecision } from '@haven/contract';
import {
  commitmentPosting,
  crossCountryView,
  periodOf,
  protectionStanding,
  releaseLine,
  type HoldReason,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { idempotentCreate, type ClaimKey } from '../idempotency/idempotent-create.js';
import { currentProtectionStatuses } from '../temporary-protection/current-status.js';
import { notFound, type CashActor } from './caller.js';
import { paymentReference } from './batches.js';
import { appendPosting } from './ledger.js';
import { programmeInScope } from './programmes.js';

interface HoldRow {
  id: string;
  batch_id: string;
  programme_id: string;
  programme_name: string;
  country_code: string;
  period: string;
  enrolment_id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  reason: HoldReason;
  decision: 'release' | 'cancel' | null;
  decided_at: string | null;
  decided_by_name: string | null;
  decision_reason: string | null;
  released_payment_id: string | null;
  conflict_programme: string | null;
  conflict_country: string | null;
  conflict_period: string | null;
  conflict_person: string | null;
}

export interface HoldFilter {
  readonly programmeId?: string | undefined;
  readonly batchId?: string | undefined;
  readonly personId?: string | undefined;
  readonly holdId?: string | undefined;
  readonly state: 'open' | 'released' | 'cancelled' | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

function holdOf(row: HoldRow, callerCountries: readonly string[] | null): Hold {
  return {
    id: row.id,
    batchId: row.batch_id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    period: row.period,
    enrolmentId: row.enrolment_id,
    personId: row.person_id,
    givenName: row.given_name,
    familyName: row.family_name,
    reason: row.reason,
    // The cross-country rule (core): another country's person id only within the caller's scope.
    conflict:
      row.conflict_programme !== null && row.conflict_country !== null
        ? crossCountryView(callerCountries, {
            programmeName: row.conflict_programme,
            countryCode: row.conflict_country,
            period: row.conflict_period ?? '',
            personId: row.conflict_person ?? '',
          })
        : null,
    state: row.decision === null ? 'open' : row.decision === 'release' ? 'released' : 'cancelled',
    decidedAt: row.decided_at,
    decidedByName: row.decided_by_name,
    decisionReason: row.decision_reason,
    releasedPaymentId: row.released_payment_id,
  };
}

/** Held payments in scope, with the payment that made the guard hold them; names read are audited. */
export async function listHolds(
  db: Db,
  actor: CashActor,
  filter: HoldFilter,
): Promise<{ items: Hold[]; nextAfter: string | null }> {
  const countries = actor.countries;
  const stateCondition =
    filter.state === undefined
      ? sql`true`
      : filter.state === 'open'
        ? sql`d.hold_id IS NULL`
        : sql`d.decision = ${filter.state === 'released' ? 'release' : 'cancel'}`;
  const rows = await queryRows<HoldRow>(
    db,
    sql`SELECT h.id, h.batch_id, h.programme_id, g.name AS programme_name, g.country_code,
               b.period, h.enrolment_id, h.person_id, p.given_name, p.family_name, h.reason,
               d.decision,
               to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS decided_at,
               d.decided_by_name, d.reason AS decision_reason, d.released_payment_id,
               cf.name AS conflict_programme, cf.country_code AS conflict_country,
               cf.period AS conflict_period, cf.person_id AS conflict_person
          FROM cash_holds h
          JOIN cash_batches b ON b.id = h.batch_id
          JOIN cash_programmes g ON g.id = h.programme_id
          JOIN persons p ON p.id = h.person_id
          LEFT JOIN cash_hold_decisions d ON d.hold_id = h.id
          LEFT JOIN LATERAL (
            SELECT g2.name, g2.country_code, b2.period, m2.person_id
              FROM cash_enrolment_members m2
              JOIN cash_payments p2 ON p2.enrolment_id = m2.enrolment_id
                                   AND m2.person_id = ANY(p2.covered_person_ids)
              JOIN cash_batches b2 ON b2.id = p2.batch_id
              JOIN cash_programmes g2 ON g2.id = b2.programme_id
             WHERE (m2.person_id = h.identity_key
                    OR m2.person_id IN (SELECT c.person_id FROM identity_clusters c
                                         WHERE c.cluster_id = h.identity_key))
               AND p2.assistance_kind = g.assistance_kind
               AND p2.period_starts_on <= b.period_ends_on
               AND p2.period_ends_on >= b.period_starts_on
             ORDER BY p2.created_at LIMIT 1
          ) cf ON h.reason IN ('paid-elsewhere', 'duplicate-in-batch')
         WHERE (${countries === null} OR g.country_code = ANY(${sql.param([...(countries ?? [])])}::text[]))
           AND (${filter.programmeId ?? null}::uuid IS NULL OR h.programme_id = ${filter.programmeId ?? null}::uuid)
           AND (${filter.batchId ?? null}::uuid IS NULL OR h.batch_id = ${filter.batchId ?? null}::uuid)
           AND (${filter.personId ?? null}::uuid IS NULL OR h.person_id = ${filter.personId ?? null}::uuid)
           AND (${filter.holdId ?? null}::uuid IS NULL OR h.id = ${filter.holdId ?? null}::uuid)
           AND (${filter.after ?? null}::uuid IS NULL OR h.id > ${filter.after ?? null}::uuid)
           AND ${stateCondition}
         ORDER BY h.id LIMIT ${filter.limit + 1}`,
  );
  const page = rows.slice(0, filter.limit);
  if (page.length > 0 && filter.personId === undefined) {
    const byCountry = new Map<string, string[]>();
    for (const row of page) {
      byCountry.set(row.country_code, [...(byCountry.get(row.country_code) ?? []), row.person_id]);
    }
    await appendAudit(
      db,
      [...byCountry].map(([chain, persons]) => ({
        ...actor.audit,
        chain,
        action: 'cash-hold.list',
        resourceType: 'cash-hold',
        resourceId: null,
        detail: { persons },
      })),
    );
  }
  return {
    items: page.map((row) => holdOf(row, countries)),
    nextAfter: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Releases or cancels a hold, once, with a reason; a release re-checks protection and pays a top-up. */
export async function decideHold(
  db: Db,
  actor: CashActor,
  holdId: string,
  input: HoldDecision,
  idempotencyKey?: string,
): Promise<Hold> {
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `cash-hold-decisions:${holdId}`, body: input }
    : undefined;
  await idempotentCreate(
    db,
    idempotency,
    (claim) => decideOnce(db, actor, holdId, input, claim),
    async () => undefined,
  );
  const { items } = await listHolds(db, actor, {
    holdId,
    state: undefined,
    limit: 1,
    personId: undefined,
  });
  const [hold] = items;
  if (!hold) {
    throw notFound('hold');
  }
  return hold;
}

async function decideOnce(
  db: Db,
  actor: CashActor,
  holdId: string,
  input: HoldDecision,
  claim: ClaimKey,
): Promise<void> {
  await db.transaction(async (tx) => {
    await claim(tx, holdId);
    const [hold] = await queryRows<{
      programme_id: string;
      batch_id: string;
      enrolment_id: string;
      person_id: string;
      period: string;
      decided: boolean;
    }>(
      tx,
      sql`SELECT h.programme_id, h.batch_id, h.enrolment_id, h.person_id, b.period,
                 EXISTS (SELECT 1 FROM cash_hold_decisions d WHERE d.hold_id = h.id) AS decided
            FROM cash_holds h JOIN cash_batches b ON b.id = h.batch_id
           WHERE h.id = ${holdId} FOR UPDATE OF h`,
    );
    if (!hold) {
      throw notFound('hold');
    }
    const programme = await programmeInScope(tx, actor, hold.programme_id);
    if (hold.decided) {
      throw new HttpProblem(409, 'already-decided', 'This hold has already been decided');
    }
    let releasedPaymentId: string | null = null;
    if (input.decision === 'release') {
      const statuses = await currentProtectionStatuses(tx, [hold.person_id]);
      const standing = protectionStanding(
        statuses
          .get(hold.person_id)
          ?.find((status) => status.countryCode === programme.countryCode),
        periodOf(hold.period),
      );
      if (standing !== 'active') {
        throw new HttpProblem(
          422,
          standing === 'ceased' ? 'status-ceased' : 'status-not-active',
          'The person cannot be paid',
          undefined,
          standing === 'ceased'
            ? `Protection in ${programme.countryCode} has ceased: the hold can only be cancelled`
            : `The person has no active protection in ${programme.countryCode} for ${hold.period}`,
        );
      }
      // One top-up at a time per batch: references are numbered within the batch.
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext(${`cash-batch-lines:${hold.batch_id}`}))`,
      );
      // What the household actually received: a line the provider failed (and the zero lines
      // that failed with it) paid nobody, so it neither counts towards the cap nor covers.
      const [paid] = await queryRows<{ persons: number; amount: string; lines: number }>(
        tx,
        sql`SELECT coalesce(sum(p.persons_covered), 0)::int AS persons,
                   coalesce(sum(p.amount_minor), 0)::text AS amount,
                   (SELECT count(*)::int FROM cash_payments WHERE batch_id = ${hold.batch_id}) AS lines
              FROM cash_payments p
             WHERE p.batch_id = ${hold.batch_id} AND p.enrolment_id = ${hold.enrolment_id}
               AND NOT EXISTS (SELECT 1 FROM cash_payment_outcomes o
                                WHERE o.payment_id = p.id AND o.outcome = 'failed')`,
      );
      const [recipient] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT coalesce(
                     (SELECT recipient_person_id FROM cash_payments
                       WHERE batch_id = ${hold.batch_id} AND enrolment_id = ${hold.enrolment_id}
                       ORDER BY created_at LIMIT 1),
                     ${hold.person_id}::uuid)::text AS id`,
      );
      const line = releaseLine(programme.transfer, paid?.persons ?? 0, Number(paid?.amount ?? 0));
      // Always a line, even of nothing (cap reached): the guard reads payment lines, and a
      // released person without one could be paid again in another country for this period.
      releasedPaymentId = randomUUID();
      const periodDays = periodOf(hold.period);
      await tx.execute(
        sql`INSERT INTO cash_payments (id, batch_id, reference, kind, enrolment_id,
              recipient_person_id, amount_minor, currency, persons_covered, covered_person_ids,
              assistance_kind, period_starts_on, period_ends_on, hold_id, created_at)
            VALUES (${releasedPaymentId}, ${hold.batch_id},
              ${paymentReference(hold.batch_id, (paid?.lines ?? 0) + 1)}, ${line.kind},
              ${hold.enrolment_id}, ${recipient?.id ?? hold.person_id}, ${line.amountMinor},
              ${programme.currency}, 1, ARRAY[${hold.person_id}]::uuid[],
              ${programme.assistanceKind}, ${periodDays.startsOn}, ${periodDays.endsOn},
              ${holdId}, now())`,
      );
      // A zero line moves no money: no posting, and the batch's lines still equal its postings.
      if (line.amountMinor > 0) {
        await appendPosting(
          tx,
          programme,
          commitmentPosting('hold-release', line.amountMinor, programme.currency),
          { batchId: hold.batch_id, holdId },
          `Hold released: top-up for ${hold.period}`,
          actor,
        );
      }
    }
    await tx.execute(
      sql`INSERT INTO cash_hold_decisions (hold_id, decision, reason, released_payment_id,
            decided_at, decided_by, decided_by_name)
          VALUES (${holdId}, ${input.decision}, ${input.reason}, ${releasedPaymentId}, now(),
            ${actor.userId}, ${actor.name})`,
    );
    await appendAudit(tx, [
      {
        ...actor.audit,
        chain: programme.countryCode,
        action: `cash-hold.${input.decision}`,
        resourceType: 'cash-hold',
        resourceId: holdId,
        detail: { persons: [hold.person_id], batchId: hold.batch_id, paymentId: releasedPaymentId },
      },
    ]);
  });
}
