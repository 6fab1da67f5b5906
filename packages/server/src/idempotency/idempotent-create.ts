/**
 * An optional Idempotency-Key on the writes of temporary protection and cash assistance
 * (assessments and their decisions, status events, case resolutions, work authorisations,
 * school enrolments, programmes, enrolments and their closure, hold decisions), as
 * registrations use it: the same key and body answer the original record; the same key with
 * another body is a 409. The key is claimed in the write's own transaction, before anything
 * is checked, so a resend racing the original waits for it and replays.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { queryRows } from '../db/open.js';
import { replayableResource } from './queries.js';
import { idempotencyConflict, requestHash } from './request-hash.js';

export interface IdempotencyKey {
  readonly key: string;
  readonly scope: string;
  readonly body: unknown;
}

/** Claims the key for the resource inside the create's transaction. */
export type ClaimKey = (tx: Db, resourceId: string) => Promise<void>;

class KeyAlreadyClaimed extends Error {}

/**
 * Runs `create` once per key: a resend (same key and body) answers `replay` of the original
 * resource instead. Without a key, `create` simply runs.
 */
export async function idempotentCreate<T>(
  db: Db,
  idempotency: IdempotencyKey | undefined,
  create: (claim: ClaimKey) => Promise<T>,
  replay: (resourceId: string) => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (!idempotency) {
    return { value: await create(async () => undefined), replayed: false };
  }
  const hash = requestHash(idempotency.scope, idempotency.body);
  const replayed = async (): Promise<{ value: T; replayed: boolean }> => {
    const resourceId = await replayableResource(db, idempotency.key, idempotency.scope, hash);
    if (!resourceId) {
      throw idempotencyConflict();
    }
    return { value: await replay(resourceId), replayed: true };
  };
  const claimed = await queryRows<{ key: string }>(
    db,
    sql`SELECT key FROM idempotency_keys WHERE key = ${idempotency.key}`,
  );
  if (claimed.length > 0) {
    return replayed();
  }
  try {
    const value = await create(async (tx, resourceId) => {
      const rows = await queryRows<{ key: string }>(
        tx,
        sql`INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)
            VALUES (${idempotency.key}, ${idempotency.scope}, ${hash}, ${resourceId})
            ON CONFLICT (key) DO NOTHING RETURNING key`,
      );
      if (rows.length === 0) {
        throw new KeyAlreadyClaimed();
      }
    });
    return { value, replayed: false };
  } catch (error) {
    if (error instanceof KeyAlreadyClaimed) {
      return replayed();
    }
    throw error;
  }
}
