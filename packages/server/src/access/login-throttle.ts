import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';

/** OWASP ASVS 2.2.1: five failures in a row lock the name for a quarter of an hour. */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** Milliseconds until the name may try again, or 0. Unknown names lock alike: no enumeration. */
export async function lockedForMs(db: Db, username: string): Promise<number> {
  const [row] = await queryRows<{ remaining_ms: number | null }>(
    db,
    sql`SELECT (extract(epoch FROM locked_until - now()) * 1000)::float8 AS remaining_ms
        FROM login_failures WHERE username = ${username} AND locked_until > now()`,
  );
  return row?.remaining_ms ? Math.ceil(row.remaining_ms) : 0;
}

export async function recordFailure(db: Db, username: string): Promise<void> {
  await db.execute(
    sql`INSERT INTO login_failures AS f (username, failures, last_failure_at)
        VALUES (${username}, 1, now())
        ON CONFLICT (username) DO UPDATE SET
          failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN 1
                          ELSE f.failures + 1 END,
          last_failure_at = now(),
          locked_until = CASE
            WHEN (CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN 1
                       ELSE f.failures + 1 END) >= ${MAX_FAILURES}
            THEN now() + make_interval(secs => ${LOCKOUT_MS / 1000})
            ELSE NULL END`,
  );
}

export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_failures WHERE username = ${username}`);
}
