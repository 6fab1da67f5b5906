import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useEvacuationRuns } from '../api/corridors.js';
import { useSites } from '../api/queries.js';
import { When } from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';
import { SiteSelect } from '../components/site-select.js';

/** Runs bound for one reception site; the site lives in the URL so a tablet can keep it open. */
export function ReceptionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sites = useSites();
  const onlySite = sites.data?.length === 1 ? sites.data[0]?.id : undefined;
  const siteId = params.get('siteId') ?? onlySite ?? '';
  const runs = useEvacuationRuns(
    { destinationSiteId: siteId },
    { isLive: true, isEnabled: siteId !== '' },
  );
  const rows = siteId ? (runs.data ?? []).filter((run) => run.status !== 'cancelled') : [];
  return (
    <>
      <title>{`${t('corridors.reception.title')} · ${t('app.name')}`}</title>
      <h1>{t('corridors.reception.title')}</h1>
      <p className="muted">{t('corridors.reception.intro')}</p>
      <div className="grid">
        <SiteSelect
          field="siteId"
          label={t('corridors.reception.site')}
          value={siteId}
          onChange={(value) => setParams(value ? { siteId: value } : {})}
        />
      </div>
      {siteId && runs.isPending && <p role="status">{t('common.loading')}</p>}
      {runs.isError && <LoadFailure error={runs.error} onRetry={() => void runs.refetch()} />}
      {siteId && runs.isSuccess && rows.length === 0 && (
        <p role="status">{t('corridors.reception.noRuns')}</p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t('corridors.reception.runsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('corridors.runs.label')}</th>
                <th scope="col">{t('corridors.runs.status')}</th>
                <th scope="col">{t('corridors.runs.boarded')}</th>
                <th scope="col">{t('corridors.runs.arrived')}</th>
                <th scope="col">{t('corridors.runs.actualArrivalAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <th scope="row">
                    <Link to={`/reception/runs/${run.id}`}>{run.label}</Link>
                    <br />
                    <span className="muted">{run.corridorName}</span>
                  </th>
                  <td>{t(`corridors.runStatus.${run.status}`)}</td>
                  <td>{run.boarded}</td>
                  <td>{run.arrived}</td>
                  <td>
                    <When at={run.actualArrivalAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
