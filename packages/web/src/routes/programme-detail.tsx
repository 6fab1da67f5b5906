import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  buildBatch,
  cashKeys,
  getLedger,
  listBatches,
  listEnrolments,
  useProgramme,
  type ProgrammeDetailData,
} from '../api/cash-assistance.js';
import { ProblemError } from '../api/problem-error.js';
import { CalendarDate } from '../components/calendar-date.js';
import { describedByOf, LabelledField } from '../components/labelled-field.js';
import { LoadFailure } from '../components/load-failure.js';
import { Money } from '../components/money.js';
import { Refusal } from '../components/refusal.js';
import { countryName, formatTimestamp } from '../i18n/code-labels.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';
import { TransferLine } from './cash-programmes.js';

/**
 * One cash programme: its rules and source, the ledger balances, the households enrolled, and
 * the disbursement batches, with building the batch of a period.
 */
export function ProgrammeDetailPage() {
  const { t } = useTranslation();
  const { programmeId = '' } = useParams();
  const programme = useProgramme(programmeId);
  if (programme.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (programme.isError) {
    const isMissing = programme.error instanceof ProblemError && programme.error.status === 404;
    return isMissing ? (
      <>
        <h1>{t('notFound.title')}</h1>
        <p>{t('problems.notFound')}</p>
      </>
    ) : (
      <LoadFailure error={programme.error} onRetry={() => void programme.refetch()} />
    );
  }
  return <ProgrammeView programme={programme.data} />;
}

function ProgrammeView({ programme }: { readonly programme: ProgrammeDetailData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const session = useSignedIn();
  const enrolments = useQuery({
    queryKey: cashKeys.enrolments(programme.id),
    queryFn: () => listEnrolments(programme.id),
  });
  const batches = useQuery({
    queryKey: cashKeys.batches(programme.id),
    queryFn: () => listBatches(programme.id),
  });
  const ledger = useQuery({
    queryKey: cashKeys.ledger(programme.id),
    queryFn: () => getLedger(programme.id),
  });
  return (
    <>
      <title>{`${programme.name} · ${t('app.name')}`}</title>
      <p>
        <Link to="/cash/programmes">{t('cash.programmes.back')}</Link>
      </p>
      <h1>{programme.name}</h1>
      <dl className="facts">
        <dt>{t('cash.programmes.country')}</dt>
        <dd>{countryName(programme.countryCode, language)}</dd>
        <dt>{t('cash.programmes.kind')}</dt>
        <dd>{t(`cash.assistanceKinds.${programme.assistanceKind}`)}</dd>
        <dt>{t('cash.programmes.transfer')}</dt>
        <dd>
          <TransferLine programme={programme} />
        </dd>
        <dt>{t('cash.programmes.periods')}</dt>
        <dd>{programme.periodsPerEnrolment}</dd>
        <dt>{t('cash.programmes.validity')}</dt>
        <dd>
          <CalendarDate value={programme.validFrom} /> – <CalendarDate value={programme.validTo} />
        </dd>
        <dt>{t('cash.programmes.source')}</dt>
        <dd>
          {programme.source.url ? (
            <a href={programme.source.url} target="_blank" rel="noreferrer">
              {programme.source.title}
            </a>
          ) : (
            programme.source.title
          )}{' '}
          <span className="muted">
            ({programme.templateId} v{programme.rulesVersion})
          </span>
        </dd>
        <dt>{t('cash.programmes.enrolled')}</dt>
        <dd>
          {t('cash.programmes.enrolledCount', {
            households: programme.activeEnrolments,
            persons: programme.enrolledPersons,
          })}
        </dd>
        <dt>{t('cash.programmes.openHolds')}</dt>
        <dd>
          {programme.openHolds > 0 ? (
            <Link to={`/cash/holds?programmeId=${programme.id}`}>{programme.openHolds}</Link>
          ) : (
            0
          )}
        </dd>
      </dl>

      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">{t('cash.ledger.title')}</h2>
        <table>
          <caption className="visually-hidden">{t('cash.ledger.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cash.ledger.account')}</th>
              <th scope="col">{t('cash.ledger.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {programme.balances.map((balance) => (
              <tr key={balance.account}>
                <th scope="row">{t(`cash.accounts.${balance.account}`)}</th>
                <td>
                  <Money amountMinor={balance.balanceMinor} currency={balance.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t('cash.ledger.help')}</p>
        {ledger.isSuccess && ledger.data.postings.length > 0 && (
          <details>
            <summary>
              <span className="summary-label">{t('cash.ledger.postings')}</span>
            </summary>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('cash.ledger.postings')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cash.ledger.postedAt')}</th>
                    <th scope="col">{t('cash.ledger.kind')}</th>
                    <th scope="col">{t('cash.ledger.lines')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ledger.data.postings.map((posting) => (
                    <tr key={posting.id}>
                      <th scope="row" className="nowrap">
                        {formatTimestamp(posting.postedAt, language)}
                        <span className="name-latin">{posting.postedByName}</span>
                      </th>
                      <td>
                        {t(`cash.postingKinds.${posting.kind}`)}
                        {posting.batchId && (
                          <>
                            {' '}
                            <Link to={`/cash/batches/${posting.batchId}`}>
                              {t('cash.ledger.batch')}
                            </Link>
                          </>
                        )}
                      </td>
                      <td>
                        <ul className="plain">
                          {posting.lines.map((line, index) => (
                            <li key={`${line.account}-${index}`}>
                              {t(`cash.accounts.${line.account}`)}:{' '}
                              <Money amountMinor={line.amountMinor} currency={line.currency} />
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )}
      </section>

      <section aria-labelledby="batches-title">
        <h2 id="batches-title">{t('cash.batches.title')}</h2>
        {hasPermission(session, 'cash:manage') && <BuildBatchForm programmeId={programme.id} />}
        {batches.isError && (
          <LoadFailure error={batches.error} onRetry={() => void batches.refetch()} />
        )}
        {batches.isSuccess && batches.data.items.length === 0 && (
          <p className="muted">{t('cash.batches.empty')}</p>
        )}
        {batches.isSuccess && batches.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('cash.batches.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cash.batches.period')}</th>
                  <th scope="col">{t('cash.batches.state')}</th>
                  <th scope="col">{t('cash.batches.total')}</th>
                  <th scope="col">{t('cash.batches.personsPaid')}</th>
                  <th scope="col">{t('cash.batches.personsHeld')}</th>
                </tr>
              </thead>
              <tbody>
                {batches.data.items.map((batch) => (
                  <tr key={batch.id}>
                    <th scope="row">
                      <Link to={`/cash/batches/${batch.id}`}>{batch.period}</Link>
                    </th>
                    <td>{t(`cash.batchStates.${batch.state}`)}</td>
                    <td>
                      <Money
                        amountMinor={batch.total.amountMinor}
                        currency={batch.total.currency}
                      />
                    </td>
                    <td>{batch.personsPaid}</td>
                    <td>{batch.personsHeld}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="enrolments-title">
        <h2 id="enrolments-title">{t('cash.enrolments.title')}</h2>
        <p className="muted">{t('cash.enrolments.howTo')}</p>
        {enrolments.isError && (
          <LoadFailure error={enrolments.error} onRetry={() => void enrolments.refetch()} />
        )}
        {enrolments.isSuccess && enrolments.data.items.length === 0 && (
          <p className="muted">{t('cash.enrolments.empty')}</p>
        )}
        {enrolments.isSuccess && enrolments.data.items.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('cash.enrolments.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cash.enrolments.recipient')}</th>
                  <th scope="col">{t('cash.enrolments.members')}</th>
                  <th scope="col">{t('cash.enrolments.entitlement')}</th>
                  <th scope="col">{t('cash.enrolments.enrolledOn')}</th>
                  <th scope="col">{t('cash.enrolments.status')}</th>
                </tr>
              </thead>
              <tbody>
                {enrolments.data.items.map((enrolment) => (
                  <tr key={enrolment.id}>
                    <th scope="row">
                      <Link to={`/households/${enrolment.householdId}/cash`}>
                        {enrolment.recipientName}
                      </Link>
                    </th>
                    <td>{enrolment.memberCount}</td>
                    <td>
                      <Money
                        amountMinor={enrolment.entitlement.amountMinor}
                        currency={enrolment.entitlement.currency}
                      />
                    </td>
                    <td>
                      <CalendarDate value={enrolment.enrolledOn} />
                    </td>
                    <td>{t(`cash.enrolmentStates.${enrolment.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** Builds the batch of one month; building the same month again opens the batch already built. */
function BuildBatchForm({ programmeId }: { readonly programmeId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState('');
  const [error, setError] = useState<string | undefined>();
  const build = useMutation({
    mutationFn: (month: string) => buildBatch(programmeId, { period: month }),
    onSuccess: async (batch) => {
      await queryClient.invalidateQueries({ queryKey: cashKeys.all });
      void navigate(`/cash/batches/${batch.id}`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
      setError(t('cash.batches.periodRequired'));
      return;
    }
    setError(undefined);
    build.mutate(period);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="build-title" className="section">
      <h3 id="build-title">{t('cash.batches.buildTitle')}</h3>
      <p className="hint">{t('cash.batches.buildIntro')}</p>
      <LabelledField
        id="batch-period"
        label={t('cash.batches.period')}
        hint={t('cash.batches.periodHint')}
        error={error}
      >
        <input
          id="batch-period"
          value={period}
          inputMode="numeric"
          maxLength={7}
          placeholder="2022-05"
          onChange={(event) => setPeriod(event.target.value)}
          {...describedByOf('batch-period', { hasHint: true, error })}
        />
      </LabelledField>
      <Refusal error={build.error} />
      <button type="submit" className="primary" aria-disabled={build.isPending || undefined}>
        {build.isPending ? t('cash.batches.building') : t('cash.batches.build')}
      </button>
    </form>
  );
}
