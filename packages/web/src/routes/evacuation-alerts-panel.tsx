import { EVACUATION_ALERT_KINDS, type EvacuationAlert } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { acknowledgeEvacuationAlert, useEvacuationAlerts } from '../api/corridors.js';
import { When, WriteFailure } from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';

/**
 * The evacuation alerts in the user's scope, live: people missing after a run's arrival window,
 * unaccompanied children and unexpected arrivals. Acknowledging says someone is on it; the alert
 * resolves itself when the person arrives.
 */
export function EvacuationAlertsPanel({ runId }: { readonly runId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const alerts = useEvacuationAlerts(runId ? { runId } : {});
  const acknowledge = useMutation({
    mutationFn: acknowledgeEvacuationAlert,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['evacuation-alerts'] }),
  });
  const rows = alerts.data ?? [];
  const open = rows.filter((alert) => alert.status === 'open');
  return (
    <section className="evacuation-alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        {t('corridors.alerts.title')}{' '}
        {alerts.isSuccess && (
          <span className="muted">{t('corridors.alerts.openCount', { count: open.length })}</span>
        )}
      </h2>
      {alerts.isPending && <p role="status">{t('common.loading')}</p>}
      {alerts.isError && <LoadFailure error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.isSuccess && rows.length === 0 && (
        <p role="status" className="muted">
          {t('corridors.alerts.none')}
        </p>
      )}
      <WriteFailure error={acknowledge.error} />
      {EVACUATION_ALERT_KINDS.map((kind) => {
        const ofKind = rows.filter((alert) => alert.kind === kind);
        if (ofKind.length === 0) {
          return null;
        }
        return (
          <div key={kind}>
            <h3>
              {t(`corridors.alertKind.${kind}`)} ({ofKind.length})
            </h3>
            <ul className="alert-list" aria-label={t(`corridors.alertKind.${kind}`)}>
              {ofKind.map((alert) => (
                <AlertRow
                  key={alert.id}
                  alert={alert}
                  showsRun={runId === undefined}
                  isAcknowledging={acknowledge.isPending && acknowledge.variables === alert.id}
                  onAcknowledge={() => acknowledge.mutate(alert.id)}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function AlertRow({
  alert,
  showsRun,
  isAcknowledging,
  onAcknowledge,
}: {
  readonly alert: EvacuationAlert;
  readonly showsRun: boolean;
  readonly isAcknowledging: boolean;
  readonly onAcknowledge: () => void;
}) {
  const { t } = useTranslation();
  const person = alert.person
    ? `${alert.person.familyName} ${alert.person.givenName} (${alert.person.birthDate})`
    : t('corridors.alerts.noPerson');
  return (
    <li className={alert.status === 'open' ? undefined : 'is-acknowledged'}>
      <div>
        <strong>{person}</strong>
        <br />
        <span className="muted">
          {showsRun && (
            <>
              <Link to={`/evacuations/${alert.runId}`}>{alert.runLabel}</Link>
              {' · '}
            </>
          )}
          {alert.destinationSite.name} · {t('corridors.alerts.raisedAt')}{' '}
          <When at={alert.raisedAt} />
        </span>
        {alert.acknowledgedAt && (
          <>
            <br />
            <span className="muted">
              {t('corridors.alerts.acknowledgedBy', { user: alert.acknowledgedBy ?? '' })}{' '}
              <When at={alert.acknowledgedAt} />
            </span>
          </>
        )}
      </div>
      {alert.status === 'open' && (
        <button
          type="button"
          className="secondary"
          onClick={onAcknowledge}
          aria-disabled={isAcknowledging || undefined}
          aria-label={t('corridors.alerts.acknowledgeWho', { person })}
        >
          {t('corridors.alerts.acknowledge')}
        </button>
      )}
    </li>
  );
}
