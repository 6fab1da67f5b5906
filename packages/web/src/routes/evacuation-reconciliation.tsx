import type { Reconciliation } from '@haven/contract';
import { useTranslation } from 'react-i18next';
import { useReconciliation } from '../api/corridors.js';
import { When } from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';

type ReconciliationPerson = Reconciliation['missingPersons'][number];

function PersonList({
  label,
  persons,
}: {
  readonly label: string;
  readonly persons: readonly ReconciliationPerson[];
}) {
  const { t } = useTranslation();
  if (persons.length === 0) {
    return null;
  }
  return (
    <>
      <h3>{label}</h3>
      <ul aria-label={label}>
        {persons.map((person) => (
          <li key={person.manifestPersonId}>
            {person.familyName} {person.givenName} ({person.birthDate})
            {person.unaccompanied && (
              <span className="row-flag">{t('corridors.manifest.unaccompanied')}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Boarded against arrived for one run, evaluated by the server on every refresh (issue 5 item 4):
 * anyone not arrived by the expected time plus the margin is missing.
 */
export function ReconciliationPanel({ runId }: { readonly runId: string }) {
  const { t } = useTranslation();
  const reconciliation = useReconciliation(runId);
  if (reconciliation.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (reconciliation.isError) {
    return (
      <LoadFailure error={reconciliation.error} onRetry={() => void reconciliation.refetch()} />
    );
  }
  const r = reconciliation.data;
  const figures = [
    ['boarded', r.boarded],
    ['arrived', r.arrived],
    ['notYetArrived', r.notYetArrived],
    ['missing', r.missing],
    ['unexpected', r.unexpected],
    ['unaccompaniedChildren', r.unaccompaniedChildren],
  ] as const;
  return (
    <section aria-labelledby="reconciliation-title" className="reconciliation">
      <h2 id="reconciliation-title">{t('corridors.reconciliation.title')}</h2>
      <ul className="figure-cards" aria-label={t('corridors.reconciliation.title')}>
        {figures.map(([name, value]) => (
          <li key={name}>
            <span className={name === 'missing' && value > 0 ? 'figure figure-missing' : 'figure'}>
              {value}
            </span>
            {t(`corridors.reconciliation.${name}`)}
          </li>
        ))}
      </ul>
      <p className="muted" role="status">
        {r.isOverdue ? t('corridors.reconciliation.overdue') : t('corridors.reconciliation.onTime')}{' '}
        {t('corridors.reconciliation.evaluatedAt')} <When at={r.evaluatedAt} />
      </p>
      {r.missing > 0 && (
        <div className="banner banner-error" role="alert">
          <p>{t('corridors.reconciliation.missingAlert', { count: r.missing })}</p>
        </div>
      )}
      <PersonList label={t('corridors.reconciliation.missingList')} persons={r.missingPersons} />
      <PersonList
        label={t('corridors.reconciliation.unexpectedList')}
        persons={r.unexpectedPersons}
      />
    </section>
  );
}
