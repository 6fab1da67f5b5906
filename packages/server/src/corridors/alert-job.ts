import { appendAudit, operatorActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { raiseMissingAlerts } from './alert-queries.js';

/** How often the server looks for people overdue on a run. */
export const ALERT_INTERVAL_MS = 60_000;

/**
 * Raises a missing-after-arrival-window alert for everyone boarded and not arrived on a run past
 * its expected arrival plus margin, with its audit entries (ids only), in one transaction. The
 * job runs it every minute; reading alerts or a reconciliation runs it too, so answers are live.
 */
export async function raiseDueAlerts(db: Db, now: Date, runId?: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { raised, byCountry } = await raiseMissingAlerts(tx, now, runId);
    await appendAudit(
      tx,
      [...byCountry].map(([country, alertIds]) => ({
        ...operatorActor('evacuation-alerts'),
        chain: country,
        action: 'evacuation-alert.raise',
        resourceType: 'evacuation-alert',
        resourceId: null,
        detail: { alertIds, kind: 'missing-after-arrival-window' },
      })),
    );
    return raised;
  });
}

/** Starts the periodic job (as `haven start` does for retention); returns its stop function. */
export function startEvacuationAlerts(
  db: Db,
  onError: (error: unknown) => void,
  intervalMs = ALERT_INTERVAL_MS,
): () => void {
  const run = () => void raiseDueAlerts(db, new Date()).catch(onError);
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
