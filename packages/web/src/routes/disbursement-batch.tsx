import type { Batch, HoldDecision, ReconciliationReport } from '@haven/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  cashKeys,
  decideHold,
  exportBatch,
  listPayments,
  reconcileBatch,
  useBatch,
  useHolds,
} from '../api/cash-assistance.js';
import { ProblemError } from '../api/problem-error.js';
import { HoldCard } from '../components/hold-card.js';
import { LoadFailure } from '../components/load-failure.js';
import { Money } from '../components/money.js';
import { Refusal } from '../components/refusal.js';
import { formatTimestamp } from '../i18n/code-labels.js';
import { en } from '../i18n/resources.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

type HoldReasonKey = keyof typeof en.cash.holdReasons;
const isHoldReasonKey = (reason: string): reason is HoldReasonKey =>
  Object.hasOwn(en.cash.holdReasons, reason);

/**
 * One disbursement batch: what it pays (each household once, covering its members paid), which
 * members it held and why, whether the ledger balances, and the provider export and its
 * reconciliation.
 */
export function DisbursementBatchPage() {
  const { t } = useTranslation();
  const { batchId = '' } = useParams();
  const batch = useBatch(batchId);
  if (batch.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (batch.isError) {
    const isMissing = batch.error instanceof ProblemError && batch.error.status === 404;
    return isMissing ? (
      <>
        <h1>{t('notFound.title')}</h1>
        <p>{t('problems.notFound')}</p>
      </>
    ) : (
      <LoadFailure error={batch.error} onRetry={() => void batch.refetch()} />
    );
  }
  return <BatchView batch={batch.data} />;
}

function BatchView({ batch }: { readonly batch: Batch }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const session = useSignedIn();
  const canManage = hasPermission(session, 'cash:manage');
  const queryClient = useQueryClient();
  const payments = useQuery({
    queryKey: cashKeys.payments(batch.id),
    queryFn: () => listPayments(batch.id),
  });
  const holds = useHolds({ batchId: batch.id, state: 'open' });
  const decided = useHolds({ batchId: batch.id, state: 'released' });
  const cancelled = useHolds({ batchId: batch.id, state: 'cancelled' });
  const decide = useMutation({
    mutationFn: ({ holdId, input }: { holdId: string; input: HoldDecision }) =>
      decideHold(holdId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cashKeys.all }),
  });
  const allHolds = [
    ...(holds.data?.items ?? []),
    ...(decided.data?.items ?? []),
    ...(cancelled.data?.items ?? []),
  ];

  return (
    <>
      <title>{`${t('cash.batch.title', { period: batch.period })} · ${t('app.name')}`}</title>
      <p>
        <Link to={`/cash/programmes/${batch.programmeId}`}>{batch.programmeName}</Link>
      </p>
      <h1>{t('cash.batch.title', { period: batch.period })}</h1>
      <dl className="facts">
        <dt>{t('cash.batches.state')}</dt>
        <dd>{t(`cash.batchStates.${batch.state}`)}</dd>
        <dt>{t('cash.batches.total')}</dt>
        <dd>
          <Money amountMinor={batch.total.amountMinor} currency={batch.total.currency} />{' '}
          {t('cash.batch.inPayments', { count: batch.payments })}
        </dd>
        <dt>{t('cash.batches.personsPaid')}</dt>
        <dd>{batch.personsPaid}</dd>
        <dt>{t('cash.batches.personsHeld')}</dt>
        <dd>
          {batch.personsHeld}
          {Object.entries(batch.heldByReason).length > 0 && (
            <ul className="plain">
              {Object.entries(batch.heldByReason).map(([reason, count]) => (
                <li key={reason}>
                  {isHoldReasonKey(reason) ? t(`cash.holdReasons.${reason}`) : reason}: {count}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('cash.batch.built')}</dt>
        <dd>
          {batch.builtByName}, {formatTimestamp(batch.builtAt, language)}
        </dd>
        <dt>{t('cash.batch.ledger')}</dt>
        <dd>
          {batch.ledger.balanced ? (
            <strong className="ledger-balanced">{t('cash.batch.balanced')}</strong>
          ) : (
            <strong className="ledger-unbalanced" role="alert">
              {t('cash.batch.unbalanced')}
            </strong>
          )}{' '}
          <span className="muted">
            {t('cash.batch.ledgerProof')}{' '}
            <Money amountMinor={batch.ledger.committedMinor} currency={batch.currency} /> ={' '}
            <Money amountMinor={batch.ledger.paymentLinesMinor} currency={batch.currency} />
          </span>
        </dd>
        <dt>{t('cash.batch.reconciliation')}</dt>
        <dd>
          {t('cash.batch.confirmedPaid')}{' '}
          <Money amountMinor={batch.paidConfirmed.amountMinor} currency={batch.currency} />,{' '}
          {t('cash.batch.failed')}{' '}
          <Money amountMinor={batch.failed.amountMinor} currency={batch.currency} />,{' '}
          {t('cash.batch.outstanding')}{' '}
          <Money amountMinor={batch.outstanding.amountMinor} currency={batch.currency} />
        </dd>
      </dl>

      <section aria-labelledby="payments-title">
        <h2 id="payments-title">{t('cash.batch.paymentsTitle')}</h2>
        <p className="muted">{t('cash.batch.paymentsIntro')}</p>
        {payments.isError && (
          <LoadFailure error={payments.error} onRetry={() => void payments.refetch()} />
        )}
        {payments.isSuccess && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('cash.batch.paymentsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cash.batch.recipient')}</th>
                  <th scope="col">{t('cash.batch.personsCovered')}</th>
                  <th scope="col">{t('cash.batch.amount')}</th>
                  <th scope="col">{t('cash.batch.kind')}</th>
                  <th scope="col">{t('cash.batch.outcome')}</th>
                  <th scope="col">{t('cash.batch.reference')}</th>
                </tr>
              </thead>
              <tbody>
                {payments.data.items.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">
                      <Link to={`/households/${line.householdId}/cash`}>{line.recipientName}</Link>
                    </th>
                    <td>{line.personsCovered}</td>
                    <td>
                      <Money
                        amountMinor={line.amount.amountMinor}
                        currency={line.amount.currency}
                      />
                    </td>
                    <td>{t(`cash.paymentKinds.${line.kind}`)}</td>
                    <td>
                      {t(`cash.outcomes.${line.outcome}`)}
                      {line.failureReason && ` — ${line.failureReason}`}
                    </td>
                    <td className="code">{line.reference}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {payments.data?.nextAfter && <p className="muted">{t('cash.batch.morePayments')}</p>}
      </section>

      <section aria-labelledby="held-title">
        <h2 id="held-title">{t('cash.batch.heldTitle')}</h2>
        {holds.isError && <LoadFailure error={holds.error} onRetry={() => void holds.refetch()} />}
        {holds.isSuccess && allHolds.length === 0 && (
          <p className="muted">{t('cash.batch.noneHeld')}</p>
        )}
        {allHolds.length > 0 && (
          <ul className="plain holds" aria-label={t('cash.batch.heldTitle')}>
            {allHolds.map((hold) => (
              <HoldCard
                key={hold.id}
                hold={hold}
                canDecide={canManage}
                onDecide={(input) => decide.mutate({ holdId: hold.id, input })}
                isPending={decide.isPending}
                error={decide.variables?.holdId === hold.id ? decide.error : null}
              />
            ))}
          </ul>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="provider-title">
          <h2 id="provider-title">{t('cash.batch.providerTitle')}</h2>
          <ExportButton batch={batch} />
          <ReconciliationUpload batchId={batch.id} />
        </section>
      )}
    </>
  );
}

/** Downloads the provider's CSV: only what the provider needs to pay each line. */
function ExportButton({ batch }: { readonly batch: Batch }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: () => exportBatch(batch.id),
    onSuccess: (blob) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `haven-${batch.programmeName.replace(/[^A-Za-z0-9]+/g, '-')}-${batch.period}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      void queryClient.invalidateQueries({ queryKey: cashKeys.batch(batch.id) });
    },
  });
  return (
    <div className="actions">
      <p className="hint">{t('cash.batch.exportIntro')}</p>
      <button
        type="button"
        className="secondary"
        onClick={() => download.mutate()}
        aria-disabled={download.isPending || undefined}
      >
        {t('cash.batch.export')}
      </button>
      {batch.exportedAt && <span className="muted">{t('cash.batch.exported')}</span>}
      <Refusal error={download.error} />
    </div>
  );
}

/** Imports the provider's result file; every mismatch is listed, nothing is guessed. */
function ReconciliationUpload({ batchId }: { readonly batchId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [report, setReport] = useState<ReconciliationReport | undefined>();
  const upload = useMutation({
    mutationFn: (csv: string) => reconcileBatch(batchId, csv),
    onSuccess: (result) => {
      setReport(result);
      void queryClient.invalidateQueries({ queryKey: cashKeys.all });
    },
  });
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) {
      void file.text().then((csv) => upload.mutate(csv));
    }
  };
  return (
    <div className="field">
      <label htmlFor="reconciliation-file">{t('cash.batch.reconcile')}</label>
      <p className="hint" id="reconciliation-file-hint">
        {t('cash.batch.reconcileHint')}
      </p>
      <input
        id="reconciliation-file"
        type="file"
        accept=".csv,text/csv"
        aria-describedby="reconciliation-file-hint"
        onChange={choose}
      />
      <Refusal error={upload.error} />
      {report && (
        <div className="banner banner-success" role="status">
          <p>
            {t('cash.batch.reconciled', {
              paid: report.paidCount,
              failed: report.failedCount,
            })}
          </p>
          {report.mismatches.length > 0 && (
            <ul>
              {report.mismatches.map((mismatch) => (
                <li key={`${mismatch.row}-${mismatch.code}`}>
                  {t('cash.batch.mismatchRow', { row: mismatch.row })} {mismatch.reference}:{' '}
                  {mismatch.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
