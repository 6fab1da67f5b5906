import { createHash } from 'node:crypto';

/** A value in an entry's detail: ids, counts, codes — never a name, a date of birth or a need. */
export type AuditValue = string | number | boolean | null | readonly string[];

/** One entry of the audit trail as it is hashed. */
export interface AuditRecord {
  readonly chain: string;
  /** ISO 8601 with milliseconds, UTC. */
  readonly at: string;
  readonly actorId: string | null;
  readonly actor: string;
  readonly actorRole: string | null;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly purpose: string | null;
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly detail: Readonly<Record<string, AuditValue>>;
}

/** The previous hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The detail with its keys sorted: jsonb reorders keys, the hash must not care. */
function canonicalDetail(detail: Readonly<Record<string, AuditValue>>): [string, AuditValue][] {
  return Object.keys(detail)
    .sort()
    .map((key) => [key, detail[key] ?? null]);
}

/** SHA-256 over the previous entry's hash and every field of this one, in a fixed order. */
export function entryHash(prevHash: string, entry: AuditRecord): string {
  const payload = JSON.stringify([
    entry.chain,
    entry.at,
    entry.actorId,
    entry.actor,
    entry.actorRole,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.purpose,
    entry.ip,
    entry.requestId,
    canonicalDetail(entry.detail),
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}
