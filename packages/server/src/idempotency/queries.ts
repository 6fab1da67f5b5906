import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';

export interface IdempotencyClaim {
  readonly scope: string;
  readonly requestHash: string;
  readonly resourceId: string;
}

/** What an idempotency key was used for: its scope, the request's hash and the resource it created. */
export async function findIdempotencyClaim(
  db: Db,
  key: string,
): Promise<IdempotencyClaim | undefined> {
  const [claim] = await queryRows<IdempotencyClaim>(
    db,
    sql`SELECT scope, request_hash AS "requestHash", resource_id AS "resourceId" FROM idempotency_keys WHERE key = ${key}`,
  );
  return claim;
}

/** The claim's resource when the same request is resent, undefined when the key was used otherwise. */
export async function replayableResource(
  db: Db,
  key: string,
  scope: string,
  requestHash: string,
): Promise<string | undefined> {
  const claim = await findIdempotencyClaim(db, key);
  return claim?.scope === scope && claim.requestHash === requestHash ? claim.resourceId : undefined;
}
