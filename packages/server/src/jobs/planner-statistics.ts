import { sql } from 'drizzle-orm';
import type { Database } from '../db/open.js';

const DEFAULT_INTERVAL_MS = 10 * 60_000;

/**
 * PGlite has no autovacuum, so its planner never learns that tables grew and keeps choosing
 * plans made for an empty database. Refresh the statistics periodically; PostgreSQL does this
 * itself. Returns a function that stops the job.
 */
export function startPlannerStatistics(
  database: Database,
  onError: (error: unknown) => void,
  intervalMs = DEFAULT_INTERVAL_MS,
): () => void {
  if (database.engine !== 'pglite') {
    return () => undefined;
  }
  const timer = setInterval(() => {
    database.db.execute(sql`ANALYZE`).catch(onError);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
