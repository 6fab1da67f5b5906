import { Id } from '@haven/contract';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../db/open.js';
import { replayableResource } from '../idempotency/queries.js';
import { idempotencyConflict, requestHash } from '../idempotency/request-hash.js';

/** Optional here: a coordinator's flaky connection should not create a corridor or run twice. */
export const OptionalIdempotencyKeyHeader = z.object({
  'idempotency-key': Id.optional().describe(
    'Client-generated UUID; a resent request with the same key and body returns the original response',
  ),
});

export interface IdempotencyClaim {
  readonly key: string | undefined;
  readonly scope: string;
  readonly hash: string;
}

export const idempotencyClaim = (
  key: string | undefined,
  scope: string,
  body: unknown,
): IdempotencyClaim => ({ key, scope, hash: requestHash(scope, body) });

/** Claims the key for `resourceId` (inside the creating transaction); true without a key. */
export async function claimKey(
  db: Db,
  claim: IdempotencyClaim,
  resourceId: string,
): Promise<boolean> {
  if (claim.key === undefined) {
    return true;
  }
  const rows = await queryRows(
    db,
    sql`INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)
        VALUES (${claim.key}, ${claim.scope}, ${claim.hash}, ${resourceId})
        ON CONFLICT (key) DO NOTHING RETURNING key`,
  );
  return rows.length > 0;
}

/** The resource created by the first request with this key and body; a 409 otherwise. */
export async function replayedResource(db: Db, claim: IdempotencyClaim): Promise<string> {
  const id =
    claim.key === undefined
      ? undefined
      : await replayableResource(db, claim.key, claim.scope, claim.hash);
  if (id === undefined) {
    throw idempotencyConflict();
  }
  return id;
}
