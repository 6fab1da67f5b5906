import { sql } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import type { AuditRecord, AuditValue } from './chain.js';

/** The newest entry of every chain, as a checkpoint signs it. */
export async function readChainHeads(
  db: Db,
): Promise<{ chain: string; seq: number; hash: string; entries: number }[]> {
  const rows = await queryRows<{
    chain: string;
    seq: number | string;
    hash: string;
    entries: number | string;
  }>(db, sql`SELECT chain, seq, hash, entries FROM audit_chain_heads ORDER BY chain`);
  return rows.map((row) => ({
    chain: row.chain,
    seq: Number(row.seq),
    hash: row.hash,
    entries: Number(row.entries),
  }));
}

/** One answer line of `haven audit who-read`: who did what to which record, when, from where, why. */
export type AuditTrailEntry = AuditRecord & { readonly seq: number };

/** An audit_log row as AUDIT_LOG_COLUMNS reads it. */
export interface AuditLogRow {
  seq: number | string;
  chain: string;
  at: string;
  actor_id: string | null;
  actor: string;
  actor_role: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  purpose: string | null;
  ip: string | null;
  request_id: string | null;
  detail: Record<string, AuditValue> | string;
}

/** The columns of an entry, with `at` in the exact form it was hashed in. */
export const AUDIT_LOG_COLUMNS = sql`seq, chain,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_id, actor,
  actor_role, action, resource_type, resource_id, purpose, ip, request_id, detail`;

/** The entry as it was hashed, from its row. */
export function auditRecordOf(row: AuditLogRow): AuditRecord {
  return {
    chain: row.chain,
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor,
    actorRole: row.actor_role,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    purpose: row.purpose,
    ip: row.ip,
    requestId: row.request_id,
    detail: jsonColumn(row.detail),
  };
}

const toTrailEntry = (row: AuditLogRow): AuditTrailEntry => ({
  seq: Number(row.seq),
  ...auditRecordOf(row),
});

/** An account by id or user name; the id its entries carry. */
export async function findAccountId(db: Db, user: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id::text AS id FROM users
        WHERE username = ${user} OR id::text = ${user.toLowerCase()} LIMIT 1`,
  );
  return row?.id;
}

/**
 * The ids under which a person's reads were recorded: the person, their household and its
 * registrations (a registration read names the registration, not each member). The person alone
 * when the record is gone (erased).
 */
export async function findSubjectIdsOfPerson(db: Db, personId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT p.household_id::text AS id FROM persons p WHERE p.id = ${personId}
        UNION SELECT r.id::text FROM persons p JOIN registrations r ON r.household_id = p.household_id
          WHERE p.id = ${personId}`,
  );
  return [personId, ...rows.map((row) => row.id)];
}

/** Page size of the who-read answers: a busy account has millions of entries. */
const PAGE = 1_000;

/** Every entry an account wrote since `since`, oldest first, a page at a time (index on actor, at). */
export async function* listEntriesOfActor(
  db: Db,
  actorId: string,
  since: string,
): AsyncGenerator<AuditTrailEntry[]> {
  // Pages continue from the exact stored time (at_key): `at >= …` stays an index condition, and
  // the few entries of that same instant already shown are skipped by seq.
  let after = { at: since, seq: 0 };
  for (;;) {
    const rows = await queryRows<AuditLogRow & { at_key: string }>(
      db,
      sql`SELECT ${AUDIT_LOG_COLUMNS}, at::text AS at_key FROM audit_log
          WHERE actor_id = ${actorId} AND at >= ${after.at}::timestamptz
            AND NOT (at = ${after.at}::timestamptz AND seq <= ${after.seq})
          ORDER BY at, seq LIMIT ${PAGE}`,
    );
    const last = rows.at(-1);
    if (last) {
      yield rows.map(toTrailEntry);
      after = { at: last.at_key, seq: Number(last.seq) };
    }
    if (rows.length < PAGE) {
      return;
    }
  }
}

/** Every entry naming one of `subjectIds` since `since`, oldest first (through audit_subjects). */
export async function* listEntriesNaming(
  db: Db,
  subjectIds: readonly string[],
  since: string | undefined,
): AsyncGenerator<AuditTrailEntry[]> {
  let afterSeq = 0;
  const sinceFilter = since === undefined ? sql`` : sql`AND at >= ${since}::timestamptz`;
  for (;;) {
    const seqs = await queryRows<{ seq: number | string }>(
      db,
      sql`SELECT DISTINCT seq FROM audit_subjects
          WHERE subject_id = ANY(${sql.param(subjectIds)}::uuid[]) AND seq > ${afterSeq}
          ORDER BY seq LIMIT ${PAGE}`,
    );
    const last = seqs.at(-1);
    if (last === undefined) {
      return;
    }
    const rows = await queryRows<AuditLogRow>(
      db,
      sql`SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log
          WHERE seq = ANY(${sql.param(seqs.map((row) => Number(row.seq)))}::bigint[]) ${sinceFilter}
          ORDER BY seq`,
    );
    if (rows.length > 0) {
      yield rows.map(toTrailEntry);
    }
    if (seqs.length < PAGE) {
      return;
    }
    afterSeq = Number(last.seq);
  }
}
