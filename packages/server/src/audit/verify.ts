import { sql } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { entryHash, GENESIS_HASH, type AuditRecord, type AuditValue } from './chain.js';

export type AuditFindingKind =
  /** The entry's content no longer matches its hash. */
  | 'altered'
  /** The entry does not follow the one before it: an entry was removed, inserted or moved. */
  | 'broken-link'
  /** The chain ends elsewhere than its recorded head: its tail was removed or added to. */
  | 'head-mismatch';

export interface AuditFinding {
  readonly chain: string;
  readonly seq: number | null;
  readonly kind: AuditFindingKind;
}

export interface AuditVerification {
  readonly chains: number;
  readonly entries: number;
  readonly findings: readonly AuditFinding[];
}

interface LogRow {
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
  prev_hash: string;
  hash: string;
}

const BATCH = 5_000;
/** Enough to locate the damage; a chain rewritten from its first entry would list every one. */
const MAX_FINDINGS = 1_000;

/**
 * Recomputes every chain from its first entry and compares it with the stored hashes and with
 * the recorded heads. Reads in batches, so a log of millions of entries needs little memory.
 */
export async function verifyAuditLog(db: Db): Promise<AuditVerification> {
  const heads = await queryRows<{
    chain: string;
    seq: number | string;
    hash: string;
    entries: number | string;
  }>(
    db,
    sql`SELECT chain, seq, hash, entries FROM audit_chain_heads
        UNION SELECT DISTINCT chain, NULL::bigint, NULL::text, NULL::bigint FROM audit_log
          WHERE chain NOT IN (SELECT chain FROM audit_chain_heads)
        ORDER BY chain`,
  );
  const findings: AuditFinding[] = [];
  const report = (finding: AuditFinding) => {
    if (findings.length < MAX_FINDINGS) {
      findings.push(finding);
    }
  };
  let total = 0;
  for (const head of heads) {
    let running = GENESIS_HASH;
    let lastSeq = 0;
    let entries = 0;
    for (;;) {
      const rows = await queryRows<LogRow>(
        db,
        sql`SELECT seq, chain, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
                   actor_id, actor, actor_role, action, resource_type, resource_id, purpose, ip,
                   request_id, detail, prev_hash, hash
            FROM audit_log WHERE chain = ${head.chain} AND seq > ${lastSeq}
            ORDER BY seq LIMIT ${BATCH}`,
      );
      for (const row of rows) {
        const record: AuditRecord = {
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
        const seq = Number(row.seq);
        if (row.prev_hash !== running) {
          report({ chain: head.chain, seq, kind: 'broken-link' });
        }
        if (entryHash(row.prev_hash, record) !== row.hash) {
          report({ chain: head.chain, seq, kind: 'altered' });
        }
        running = row.hash;
        lastSeq = seq;
        entries += 1;
      }
      if (rows.length < BATCH) {
        break;
      }
    }
    total += entries;
    const headMatches =
      head.hash === running && Number(head.seq) === lastSeq && Number(head.entries) === entries;
    if (!headMatches) {
      report({
        chain: head.chain,
        seq: head.seq === null ? null : Number(head.seq),
        kind: 'head-mismatch',
      });
    }
  }
  return { chains: heads.length, entries: total, findings };
}
