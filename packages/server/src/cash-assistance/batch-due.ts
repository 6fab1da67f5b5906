/**
 * The households that may be due in a programme period, as @haven/core's decideBatch takes them:
 * one query joins enrolments, members, identity clusters and the members' current protection in
 * the programme's country (set-based, hash joins), and a cursor hands the rows over in slices so
 * a million members never sit in memory twice. Core decides the schedule and the standing.
 */
import {
  PROTECTION_STATUSES,
  isScheduledPeriod,
  protectionStanding,
  type DueHousehold,
  type DueMember,
  type PaymentPeriod,
  type ProtectionStatus,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { currentStatusesIn } from '../temporary-protection/current-status-in-country.js';
import type { ProgrammeRecord } from './programmes.js';

/** Rows per FETCH: large enough that round trips do not count, small enough to stay compact. */
const FETCH_ROWS = 50_000;

interface DueMemberRow {
  enrolment_id: string;
  enrolled_on: string;
  closed_on: string | null;
  recipient: string;
  person_id: string;
  /** Null for a person in no identity cluster (most of them): the person is the identity. */
  cluster_id: string | null;
  status: string | null;
  effective_on: string | null;
  valid_until: string | null;
}

const isStatus = (value: string): value is ProtectionStatus =>
  (PROTECTION_STATUSES as readonly string[]).includes(value);

function memberOf(row: DueMemberRow, period: PaymentPeriod): DueMember {
  if (row.status !== null && !isStatus(row.status)) {
    throw new Error(`Unknown protection status '${row.status}' in protection_status_events`);
  }
  return {
    personId: row.person_id,
    identityKey: row.cluster_id ?? row.person_id,
    standing: protectionStanding(
      row.status === null || row.effective_on === null
        ? undefined
        : { status: row.status, effectiveOn: row.effective_on, validUntil: row.valid_until },
      period,
    ),
  };
}

/**
 * Enrolments of the programme scheduled to be paid in the period, with each member's identity
 * key and protection standing (in no particular order: decideBatch orders them). Runs inside the
 * batch's transaction (the cursor lives until the transaction ends).
 */
export async function loadDueHouseholds(
  tx: Db,
  programme: ProgrammeRecord,
  period: PaymentPeriod,
): Promise<DueHousehold[]> {
  // Hashing a million rows in memory beats spilling them to disk; the cursor is read to the end,
  // so plan for all rows rather than the first few; and parallel workers would each build the
  // same status hash on a machine with few cores.
  await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
  await tx.execute(sql`SET LOCAL cursor_tuple_fraction = 1`);
  await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
  // Dates as 'YYYY-MM-DD' by a plain cast, whatever the server's DateStyle: to_char on two
  // million dates cost most of a second.
  await tx.execute(sql`SET LOCAL DateStyle = 'ISO'`);
  await tx.execute(
    // Nothing enrolled after the period is due; core's schedule decides the rest. Unordered:
    // sorting a million wide rows costs more than grouping them here (core orders households).
    sql`DECLARE cash_due_members NO SCROLL CURSOR FOR
        SELECT e.id::text AS enrolment_id,
               e.enrolled_on::text AS enrolled_on,
               e.closed_on::text AS closed_on,
               e.recipient_person_id::text AS recipient,
               m.person_id::text AS person_id,
               c.cluster_id::text AS cluster_id,
               s.status, s.effective_on::text AS effective_on,
               s.valid_until::text AS valid_until
          FROM cash_enrolments e
          JOIN cash_enrolment_members m ON m.enrolment_id = e.id
          LEFT JOIN identity_clusters c ON c.person_id = m.person_id
          LEFT JOIN ${currentStatusesIn(programme.countryCode)} s ON s.person_id = m.person_id
         WHERE e.programme_id = ${programme.id} AND e.enrolled_on <= ${period.endsOn}`,
  );
  const households = new Map<string, DueHousehold & { members: DueMember[] }>();
  const unscheduled = new Set<string>();
  // Enrolments share a handful of (enrolled, closed) days: core answers each pair once.
  const scheduledByDays = new Map<string, boolean>();
  const isScheduled = (enrolledOn: string, closedOn: string | null): boolean => {
    const days = `${enrolledOn} ${closedOn ?? ''}`;
    let scheduled = scheduledByDays.get(days);
    if (scheduled === undefined) {
      scheduled = isScheduledPeriod(programme, enrolledOn, closedOn, period.period);
      scheduledByDays.set(days, scheduled);
    }
    return scheduled;
  };
  const fetchSlice = () =>
    queryRows<DueMemberRow>(
      tx,
      sql`FETCH FORWARD ${sql.raw(String(FETCH_ROWS))} FROM cash_due_members`,
    );
  let nextSlice = fetchSlice();
  for (;;) {
    const rows = await nextSlice;
    // Ask for the next slice before grouping this one: the database produces it meanwhile.
    nextSlice = rows.length < FETCH_ROWS ? Promise.resolve([]) : fetchSlice();
    // Should grouping throw, the pending slice must not become an unhandled rejection.
    nextSlice.catch(() => undefined);
    for (const row of rows) {
      let due = households.get(row.enrolment_id);
      if (due === undefined) {
        if (unscheduled.has(row.enrolment_id)) {
          continue;
        }
        if (!isScheduled(row.enrolled_on, row.closed_on)) {
          unscheduled.add(row.enrolment_id);
          continue;
        }
        due = {
          enrolmentId: row.enrolment_id,
          enrolledOn: row.enrolled_on,
          recipientPersonId: row.recipient,
          members: [],
        };
        households.set(row.enrolment_id, due);
      }
      due.members.push(memberOf(row, period));
    }
    if (rows.length < FETCH_ROWS) {
      break;
    }
  }
  await tx.execute(sql`CLOSE cash_due_members`);
  // Members in person order, as a rebuild of the same data would see them.
  return [...households.values()].map((household) => {
    household.members.sort((a, b) =>
      a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
    );
    return household;
  });
}
