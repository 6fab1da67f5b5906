import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import { AUDIT_LOG_COLUMNS, auditRecordOf, type AuditLogRow } from './queries.js';

export type AuditFindingKind =
  /** The entry's content no longer matches its hash. */
  | 'altered'
  /** The entry does not follow the one before it: an entry was removed or moved. */
  | 'broken-link'
  /** The entry sits between two entries that follow each other: it was added afterwards. */
  | 'inserted'
  /** The chain ends elsewhere than its recorded head: its tail was removed or added to. */
  | 'head-mismatch'
  /** The entry a signed checkpoint names has another hash, or another count of entries before it. */
  | 'checkpoint-mismatch'
  /** The entry a signed checkpoint names is gone: the tail was cut or the chain rewritten. */
  | 'checkpoint-missing';

/** A chain position vouched for by a signed checkpoint (see checkpoint.ts). */
export interface ChainAnchor {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
  /** Entries of the chain up to and including `seq`. */
  readonly entries: number;
}

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

type LogRow = AuditLogRow & { prev_hash: string; hash: string };

const BATCH = 5_000;
/** Enough to locate the damage; a chain rewritten from its first entry would list every one. */
const MAX_FINDINGS = 1_000;
/** How far back an inserted entry is recognised (further back it reads as a broken link). */
const RECENT_ENTRIES = 1_000;

/** The anchors of each chain by seq. */
function anchorsByChain(anchors: readonly ChainAnchor[]): Map<string, Map<number, ChainAnchor[]>> {
  const byChain = new Map<string, Map<number, ChainAnchor[]>>();
  for (const anchor of anchors) {
    const bySeq = byChain.get(anchor.chain) ?? new Map<number, ChainAnchor[]>();
    bySeq.set(anchor.seq, [...(bySeq.get(anchor.seq) ?? []), anchor]);
    byChain.set(anchor.chain, bySeq);
  }
  return byChain;
}

export interface VerifyOptions {
  /** Positions signed checkpoints vouch for: the chains must still pass through each. */
  readonly anchors?: readonly ChainAnchor[];
  /**
   * Positions already verified (the heads of the last checkpoint): each chain is walked from
   * there instead of its first entry, so a checkpoint every few minutes reads only what is new.
   * Each one is also checked as an anchor.
   */
  readonly from?: readonly ChainAnchor[];
}

/**
 * Recomputes every chain from its first entry (or from `from`) and compares it with the stored
 * hashes, with the recorded heads and with the positions signed checkpoints vouch for
 * (`anchors`): only those catch a chain recomputed from its first entry, or a tail cut together
 * with its head. Reads in batches, so a log of millions of entries needs little memory.
 */
export async function verifyAuditLog(
  db: Db,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const anchors = anchorsByChain([...(options.anchors ?? []), ...(options.from ?? [])]);
  const startOf = new Map((options.from ?? []).map((anchor) => [anchor.chain, anchor]));
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
  // A checkpointed chain that is gone altogether is walked too, to report its anchors missing.
  for (const chain of anchors.keys()) {
    if (!heads.some((head) => head.chain === chain)) {
      heads.push({ chain, seq: 0, hash: GENESIS_HASH, entries: 0 });
    }
  }
  const findings: AuditFinding[] = [];
  const report = (finding: AuditFinding) => {
    if (findings.length < MAX_FINDINGS) {
      findings.push(finding);
    }
  };
  let total = 0;
  for (const head of heads) {
    const start = startOf.get(head.chain);
    let running = GENESIS_HASH;
    // From a verified position: its entry is read again, and its own link trusted (the signed
    // hash covers it); the anchor check below compares the entry with what was signed.
    let lastSeq = start ? start.seq - 1 : 0;
    let entries = start ? start.entries - 1 : 0;
    let firstRow = true;
    const chainAnchors = anchors.get(head.chain) ?? new Map<number, ChainAnchor[]>();
    const metAnchors = new Set<number>();
    /** The last entries walked, to tell an inserted entry from a removed one. */
    const recent: { seq: number; hash: string; prevHash: string }[] = [];
    for (;;) {
      const rows = await queryRows<LogRow>(
        db,
        sql`SELECT ${AUDIT_LOG_COLUMNS}, prev_hash, hash
            FROM audit_log WHERE chain = ${head.chain} AND seq > ${lastSeq}
            ORDER BY seq LIMIT ${BATCH}`,
      );
      for (const row of rows) {
        const record = auditRecordOf(row);
        const seq = Number(row.seq);
        if (firstRow && seq === start?.seq) {
          running = row.prev_hash;
        }
        firstRow = false;
        if (row.prev_hash !== running) {
          // Following an earlier entry that the ones walked since hang off: they were put in
          // between. (Entries that do not hang off it were moved, not inserted.)
          const follows = recent.findLastIndex((entry) => entry.hash === row.prev_hash);
          if (follows >= 0 && recent[follows + 1]?.prevHash === row.prev_hash) {
            for (const inserted of recent.slice(follows + 1)) {
              report({ chain: head.chain, seq: inserted.seq, kind: 'inserted' });
            }
          } else {
            report({ chain: head.chain, seq, kind: 'broken-link' });
          }
        }
        if (entryHash(row.prev_hash, record) !== row.hash) {
          report({ chain: head.chain, seq, kind: 'altered' });
        }
        running = row.hash;
        lastSeq = seq;
        entries += 1;
        recent.push({ seq, hash: row.hash, prevHash: row.prev_hash });
        if (recent.length > 2 * RECENT_ENTRIES) {
          recent.splice(0, RECENT_ENTRIES);
        }
        const vouched = chainAnchors.get(seq);
        if (vouched) {
          metAnchors.add(seq);
          if (vouched.some((anchor) => anchor.hash !== row.hash || anchor.entries !== entries)) {
            report({ chain: head.chain, seq, kind: 'checkpoint-mismatch' });
          }
        }
      }
      if (rows.length < BATCH) {
        break;
      }
    }
    total += entries;
    for (const seq of [...chainAnchors.keys()].sort((a, b) => a - b)) {
      if (!metAnchors.has(seq)) {
        report({ chain: head.chain, seq, kind: 'checkpoint-missing' });
      }
    }
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
