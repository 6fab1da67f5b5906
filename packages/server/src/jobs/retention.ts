import { retentionDays, type RetainedRecord } from '@haven/core';
import { sql, type SQL } from 'drizzle-orm';
import { appendAudit, operatorActor, SYSTEM_CHAIN } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { eraseManifestEntries } from '../corridors/manifest-erasure-queries.js';
import { indexesOfDatabase } from '../identity/person-index.js';
import type { Keyring } from '../protection/keyring.js';
import { erasePerson } from '../subject-rights/queries.js';

export interface RetentionOutcome {
  readonly sessions: number;
  readonly loginFailures: number;
  readonly idempotencyKeys: number;
  readonly apiTokens: number;
  readonly persons: number;
  readonly manifestEntries: number;
}

const days = (n: number) => sql`make_interval(days => ${n})`;
/** Erasures per transaction: a long backlog is worked off without one huge transaction. */
const PERSON_BATCH = 200;

async function deleted(db: Db, statement: ReturnType<typeof sql>): Promise<number> {
  return (
    (
      await queryRows<{ n: number }>(
        db,
        sql`WITH d AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM d`,
      )
    )[0]?.n ?? 0
  );
}

/**
 * Applies the retention rules of @haven/core: deletes spent technical records and erases the
 * people whose household has not been registered anywhere for the period. Every run is audited.
 */
export async function applyRetention(
  db: Db,
  keyring: Keyring,
  overrides: Partial<Record<RetainedRecord, number>> = {},
): Promise<RetentionOutcome> {
  const keep = (record: RetainedRecord) => days(retentionDays(record, overrides));
  const sessions = await deleted(
    db,
    sql`DELETE FROM sessions WHERE expires_at < now() - ${keep('session')}
          OR last_seen_at < now() - interval '30 minutes' - ${keep('session')}`,
  );
  const loginFailures = await deleted(
    db,
    sql`DELETE FROM login_failures WHERE last_failure_at < now() - ${keep('login-failure')}
          AND (locked_until IS NULL OR locked_until < now())`,
  );
  const idempotencyKeys = await deleted(
    db,
    sql`DELETE FROM idempotency_keys WHERE created_at < now() - ${keep('idempotency-key')}`,
  );
  const apiTokens = await deleted(
    db,
    sql`DELETE FROM api_tokens WHERE COALESCE(revoked_at, expires_at) < now() - ${keep('api-token')}`,
  );
  let persons = 0;
  for (;;) {
    const due = await queryRows<{ id: string; country_code: string }>(
      db,
      sql`SELECT p.id, min(s.country_code) AS country_code
          FROM persons p
          JOIN registrations r ON r.household_id = p.household_id
          JOIN sites s ON s.id = r.site_id
          WHERE p.erased_at IS NULL
          GROUP BY p.id
          HAVING max(r.registered_at) < now() - ${keep('person')}
          LIMIT ${PERSON_BATCH}`,
    );
    if (due.length === 0) {
      break;
    }
    await db.transaction(async (tx) => {
      for (const person of due) {
        await erasePerson(tx, keyring, person.id, 'erase');
      }
      const byCountry = new Map<string, string[]>();
      for (const person of due) {
        byCountry.set(person.country_code, [
          ...(byCountry.get(person.country_code) ?? []),
          person.id,
        ]);
      }
      await appendAudit(
        tx,
        [...byCountry].map(([country, ids]) => ({
          ...operatorActor('retention'),
          chain: country,
          action: 'person.erase',
          resourceType: 'person',
          resourceId: null,
          purpose: 'retention period ended',
          detail: { persons: ids },
        })),
      );
    });
    // Committed: out of this process's match indexes at once (every other process's index
    // drops them at its next catch-up, see identity/person-change-feed.ts).
    for (const index of indexesOfDatabase(db)) {
      index.remove(due.map((person) => person.id));
    }
    persons += due.length;
  }
  const manifestEntries = await eraseEndedManifestEntries(db, keep('manifest-entry'));
  const outcome = { sessions, loginFailures, idempotencyKeys, apiTokens, persons, manifestEntries };
  await appendAudit(db, [
    {
      ...operatorActor('retention'),
      chain: SYSTEM_CHAIN,
      action: 'retention.apply',
      resourceType: 'retention',
      resourceId: null,
      detail: { ...outcome },
    },
  ]);
  return outcome;
}

/**
 * Erases, in batches, the manifest entries never linked to a registered person whose run ended
 * more than `period` ago (core rule 'manifest-entry'; a linked entry goes with its person). The
 * end of a run is the latest of its arrival (else its expected arrival: a run cancelled or never
 * marked arrived), its last change (a cancellation) and its last check-in.
 */
async function eraseEndedManifestEntries(db: Db, period: SQL): Promise<number> {
  let erased = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const entries = await eraseManifestEntries(
        tx,
        sql`SELECT due.id FROM manifest_persons due
            JOIN evacuation_runs ended_run ON ended_run.id = due.run_id
            WHERE due.erased_at IS NULL AND due.registration_person_id IS NULL
              AND GREATEST(COALESCE(ended_run.actual_arrival_at, ended_run.expected_arrival_at),
                    ended_run.updated_at,
                    (SELECT max(last_check_in.arrived_at) FROM manifest_persons last_check_in
                     WHERE last_check_in.run_id = ended_run.id)) < now() - ${period}
            LIMIT ${PERSON_BATCH}`,
      );
      const byCountry = new Map<string, string[]>();
      for (const entry of entries) {
        byCountry.set(entry.country, [...(byCountry.get(entry.country) ?? []), entry.id]);
      }
      await appendAudit(
        tx,
        [...byCountry].map(([country, ids]) => ({
          ...operatorActor('retention'),
          chain: country,
          action: 'manifest.erase',
          resourceType: 'manifest-person',
          resourceId: null,
          purpose: 'retention period ended',
          detail: { persons: ids },
        })),
      );
      return entries.length;
    });
    if (batch === 0) {
      return erased;
    }
    erased += batch;
  }
}

/** Runs the retention rules every hour in a running server; returns the function that stops it. */
export function startRetention(
  db: Db,
  keyring: Keyring,
  onError: (error: unknown) => void,
): () => void {
  const run = () => void applyRetention(db, keyring).catch(onError);
  const timer = setInterval(run, 60 * 60_000);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
