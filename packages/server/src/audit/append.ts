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
 * Appends entries to their chains. Run it inside the transaction of the change it records (a
 * crash loses both or neither); it opens one (or a savepoint) itself. Each chain's head row is
 * locked for the append, so writers of different chains never wait for each other.
 */
export async function appendAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) {
    return;
  }
  const at = new Date().toISOString();
  const byChain = new Map<string, AuditRecord[]>();
  for (const entry of entries) {
    const record: AuditRecord = {
      ...entry,
      at,
      purpose: entry.purpose ?? null,
      detail: entry.detail ?? {},
    };
    byChain.set(entry.chain, [...(byChain.get(entry.chain) ?? []), record]);
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
      const inserted = await queryRows<{ seq: number | string }>(
        tx,
        sql`INSERT INTO audit_log (chain, at, actor_id, actor, actor_role, action, resource_type,
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
            RETURNING seq`,
      );
      const lastSeq = Math.max(...inserted.map((row) => Number(row.seq)));
      await tx.execute(
        sql`UPDATE audit_chain_heads SET seq = ${lastSeq}, hash = ${prevHash},
              entries = entries + ${rows.length} WHERE chain = ${chain}`,
      );
    }
  });
}
