import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '@haven/core';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { queryRows, type Db } from '../db/open.js';
import { entryHash, GENESIS_HASH, type AuditRecord, type AuditValue } from './chain.js';

/** Events about accounts and the system, not about a country's records. */
export const SYSTEM_CHAIN = 'system';

export type AuditEntry = Omit<AuditRecord, 'at' | 'detail' | 'purpose'> & {
  readonly purpose?: string | null | undefined;
  readonly detail?: Readonly<Record<string, AuditValue>> | undefined;
};

/** The optional X-Purpose header: why the caller reads, recorded as given (one short line). */
function statedPurpose(request: FastifyRequest): string | null {
  const header = request.headers['x-purpose'];
  const text = typeof header === 'string' ? header.replace(/\p{Cc}/gu, ' ').trim() : '';
  return text ? text.slice(0, 200) : null;
}

/** Who, from where, why and in which request: the actor part of an entry. */
export function auditActor(
  request: FastifyRequest,
  principal: Principal | undefined,
): Pick<AuditEntry, 'actorId' | 'actor' | 'actorRole' | 'ip' | 'requestId' | 'purpose'> {
  return {
    actorId: principal?.userId ?? null,
    actor: principal?.username ?? 'anonymous',
    actorRole: principal?.role ?? null,
    ip: request.ip,
    requestId: request.id,
    purpose: statedPurpose(request),
  };
}

/** The actor of commands run on the server itself (`haven …`). */
export function operatorActor(
  command: string,
): Pick<AuditEntry, 'actorId' | 'actor' | 'actorRole' | 'ip' | 'requestId'> {
  return {
    actorId: null,
    actor: `operator:${command}`,
    actorRole: null,
    ip: null,
    requestId: null,
  };
}

/**
 * How appendAudit chains entries. 'per-country' is the only production mode; 'global' (one chain
 * for everything) and 'off' (no audit) exist for `npm run bench:audit` to measure what per-country
 * chains and the audit itself cost. Set per request by buildApp's benchmark-only `auditChains`.
 */
export type AuditChainMode = 'per-country' | 'global' | 'off';

/** The one chain of the benchmark's 'global' mode. */
export const GLOBAL_CHAIN = 'global';

const chainModeOfRequest = new AsyncLocalStorage<AuditChainMode>();

/** Runs `work` (a request) with every appendAudit inside it in `mode`. Benchmarks only. */
export function runWithAuditChainMode<T>(mode: AuditChainMode, work: () => T): T {
  return chainModeOfRequest.run(mode, work);
}

/** Keys of an entry's detail that name records of people, for `haven audit who-read --person`. */
const SUBJECT_DETAIL_KEYS = ['persons', 'householdId', 'registrationIds'] as const;
const SUBJECT_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'person',
  'household',
  'registration',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person, household and registration ids an entry names: its resource when it is one of
 * those, and the ids under SUBJECT_DETAIL_KEYS. Migration 0009 backfills with the same rule.
 */
export function auditSubjectIds(
  entry: Pick<AuditRecord, 'resourceType' | 'resourceId' | 'detail'>,
): string[] {
  const ids = new Set<string>();
  if (entry.resourceId !== null && SUBJECT_RESOURCE_TYPES.has(entry.resourceType)) {
    ids.add(entry.resourceId);
  }
  for (const key of SUBJECT_DETAIL_KEYS) {
    const value = entry.detail[key];
    for (const id of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
      ids.add(id);
    }
  }
  return [...ids].filter((id) => UUID.test(id));
}

/**
 * Appends entries to their chains. Run it inside the transaction of the change it records (a
 * crash loses both or neither); it opens one (or a savepoint) itself. Each chain's head row is
 * locked for the append, so writers of different chains never wait for each other. The ids of
 * people each entry names go to audit_subjects in the same statement.
 */
export async function appendAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  const mode = chainModeOfRequest.getStore() ?? 'per-country';
  if (entries.length === 0 || mode === 'off') {
    return;
  }
  const at = new Date().toISOString();
  const byChain = new Map<string, AuditRecord[]>();
  for (const entry of entries) {
    const chain = mode === 'global' ? GLOBAL_CHAIN : entry.chain;
    const record: AuditRecord = {
      ...entry,
      chain,
      at,
      purpose: entry.purpose ?? null,
      detail: entry.detail ?? {},
    };
    byChain.set(chain, [...(byChain.get(chain) ?? []), record]);
  }
  await db.transaction(async (tx) => {
    // Always in the same order, so two requests touching the same chains cannot deadlock.
    for (const chain of [...byChain.keys()].sort()) {
      const records = byChain.get(chain) ?? [];
      await tx.execute(
        sql`INSERT INTO audit_chain_heads (chain, seq, hash, entries)
            VALUES (${chain}, 0, ${GENESIS_HASH}, 0) ON CONFLICT (chain) DO NOTHING`,
      );
      const [head] = await queryRows<{ hash: string }>(
        tx,
        sql`SELECT hash FROM audit_chain_heads WHERE chain = ${chain} FOR UPDATE`,
      );
      let prevHash = head?.hash ?? GENESIS_HASH;
      const rows = records.map((record) => {
        const hash = entryHash(prevHash, record);
        const row = { record, prevHash, hash };
        prevHash = hash;
        return row;
      });
      const named = rows.flatMap((row) =>
        auditSubjectIds(row.record).map((subjectId) => ({ hash: row.hash, subjectId })),
      );
      // Subjects find their entry by its hash: unique, and known before the insert.
      const [inserted] = await queryRows<{ seq: number | string }>(
        tx,
        sql`WITH inserted AS (
              INSERT INTO audit_log (chain, at, actor_id, actor, actor_role, action, resource_type,
                resource_id, purpose, ip, request_id, detail, prev_hash, hash)
              SELECT * FROM unnest(
                ${sql.param(rows.map((r) => r.record.chain))}::text[],
                ${sql.param(rows.map((r) => r.record.at))}::timestamptz[],
                ${sql.param(rows.map((r) => r.record.actorId))}::uuid[],
                ${sql.param(rows.map((r) => r.record.actor))}::text[],
                ${sql.param(rows.map((r) => r.record.actorRole))}::text[],
                ${sql.param(rows.map((r) => r.record.action))}::text[],
                ${sql.param(rows.map((r) => r.record.resourceType))}::text[],
                ${sql.param(rows.map((r) => r.record.resourceId))}::text[],
                ${sql.param(rows.map((r) => r.record.purpose))}::text[],
                ${sql.param(rows.map((r) => r.record.ip))}::text[],
                ${sql.param(rows.map((r) => r.record.requestId))}::text[],
                ${sql.param(rows.map((r) => JSON.stringify(r.record.detail)))}::jsonb[],
                ${sql.param(rows.map((r) => r.prevHash))}::text[],
                ${sql.param(rows.map((r) => r.hash))}::text[])
              RETURNING seq, hash
            ), subjects AS (
              INSERT INTO audit_subjects (subject_id, seq)
              SELECT named.subject_id, inserted.seq
              FROM unnest(${sql.param(named.map((n) => n.hash))}::text[],
                          ${sql.param(named.map((n) => n.subjectId))}::uuid[])
                     AS named(hash, subject_id)
              JOIN inserted ON inserted.hash = named.hash
            )
            SELECT max(seq) AS seq FROM inserted`,
      );
      await tx.execute(
        sql`UPDATE audit_chain_heads SET seq = ${Number(inserted?.seq)}, hash = ${prevHash},
              entries = entries + ${rows.length} WHERE chain = ${chain}`,
      );
    }
  });
}
