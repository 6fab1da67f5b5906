import type { EvacuationRunUpdate } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { corridorKeys, updateEvacuationRun, useEvacuationRun } from '../api/corridors.js';
import { When, WriteFailure } from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';
import { EvacuationAlertsPanel } from './evacuation-alerts-panel.js';
import { DiversionSection } from './evacuation-diversion.js';
import { ManifestSection } from './evacuation-manifest.js';
import { OperationalSection } from './evacuation-operational.js';
import { ReconciliationPanel } from './evacuation-reconciliation.js';

/**
 * One evacuation run: what it is, the live reconciliation of boarded and arrived, its alerts,
 * its manifest and, for coordinators only, its operational details.
 */
export function EvacuationRunPage() {
  const { t } = useTranslation();
  const { runId = '' } = useParams();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const run = useEvacuationRun(runId);
  const update = useMutation({
    mutationFn: (change: EvacuationRunUpdate) => updateEvacuationRun(runId, change),
    onSuccess: (changed) => {
      queryClient.setQueryData(corridorKeys.run(runId), changed);
      void queryClient.invalidateQueries({ queryKey: corridorKeys.reconciliation(runId) });
      void queryClient.invalidateQueries({ queryKey: ['evacuation-alerts'] });
    },
  });
  if (run.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (run.isError) {
    return <LoadFailure error={run.error} onRetry={() => void run.refetch()} />;
  }
  const r = run.data;
  const readsManifest = hasPermission(session, 'manifests:read');
  const now = () => new Date().toISOString();
  return (
    <>
      <title>{`${r.label} · ${t('app.name')}`}</title>
      <p>
        <Link to={`/corridors/${r.corridorId}`}>{r.corridorName}</Link>
      </p>
      <h1>{r.label}</h1>
      <dl className="facts">
        <dt>{t('corridors.runs.kind')}</dt>
        <dd>{t(`corridors.runKind.${r.kind}`)}</dd>
        <dt>{t('corridors.runs.status')}</dt>
        <dd>{t(`corridors.runStatus.${r.status}`)}</dd>
        <dt>{t('corridors.runs.destination')}</dt>
        <dd>{r.destinationSite?.name ?? t('corridors.runs.noSite')}</dd>
        {r.divertedTo && (
          <>
            <dt>{t('corridors.diversion.divertedLabel')}</dt>
            <dd>{r.divertedTo.name}</dd>
          </>
        )}
        <dt>{t('corridors.runs.capacity')}</dt>
        <dd>{r.capacity}</dd>
        <dt>{t('corridors.runs.boarded')}</dt>
        <dd>{r.boarded}</dd>
        <dt>{t('corridors.runs.arrived')}</dt>
        <dd>
          {r.arrived}
          {r.unexpected > 0 &&
            ` (+${t('corridors.runs.unexpectedCount', { count: r.unexpected })})`}
        </dd>
        {r.reportedHeadcount !== null && (
          <>
            <dt>{t('corridors.runs.reportedHeadcount')}</dt>
            <dd>{r.reportedHeadcount}</dd>
          </>
        )}
        {r.actualArrivalAt && (
          <>
            <dt>{t('corridors.runs.actualArrivalAt')}</dt>
            <dd>
              <When at={r.actualArrivalAt} />
            </dd>
          </>
        )}
        {r.closedCorridorReason && (
          <>
            <dt>{t('corridors.runs.closedReason')}</dt>
            <dd>{r.closedCorridorReason}</dd>
          </>
        )}
        <dt>{t('corridors.detail.createdBy')}</dt>
        <dd>
          {r.createdBy}, <When at={r.createdAt} />
        </dd>
      </dl>
      <div className="actions">
        {r.canCheckIn && (
          <Link className="primary" to={`/reception/runs/${r.id}`}>
            {t('corridors.checkIn.open')}
          </Link>
        )}
        {r.canManage && r.status === 'planned' && (
          <button
            type="button"
            className="secondary"
            onClick={() => update.mutate({ status: 'departed', actualDepartureAt: now() })}
          >
            {t('corridors.runs.markDeparted')}
          </button>
        )}
        {r.canManage && (r.status === 'planned' || r.status === 'departed') && (
          <>
            <button
              type="button"
              className="secondary"
              onClick={() => update.mutate({ status: 'arrived', actualArrivalAt: now() })}
            >
              {t('corridors.runs.markArrived')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => update.mutate({ status: 'cancelled' })}
            >
              {t('corridors.runs.markCancelled')}
            </button>
          </>
        )}
        <WriteFailure error={update.error} />
      </div>
      {readsManifest && <ReconciliationPanel runId={r.id} />}
      {hasPermission(session, 'evacuation-alerts:handle') && <EvacuationAlertsPanel runId={r.id} />}
      {r.operational && (
        <OperationalSection
          runId={r.id}
          operational={r.operational}
          canRecord={hasPermission(session, 'evacuations:operational')}
        />
      )}
      {r.canManage &&
        r.destinationSite !== null &&
        (r.status === 'planned' || r.status === 'departed') && <DiversionSection run={r} />}
      {readsManifest && <ManifestSection runId={r.id} canManage={r.canManage} />}
    </>
  );
}
