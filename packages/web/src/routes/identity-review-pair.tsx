import type { IdentityReviewPair } from '@haven/contract';
import type { ReviewDecision } from '@haven/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { decideReviewPair, getReviewPair } from '../api/client.js';
import { ProblemError } from '../api/problem-error.js';
import { LoadFailure } from '../components/load-failure.js';
import { formatTimestamp } from '../i18n/code-labels.js';
import { formatProbability, formatWeight } from '../i18n/match-probability.js';
import { problemText } from '../i18n/problem-text.js';
import { en } from '../i18n/resources.js';
import { REVIEW_QUEUE_KEY } from './identity-review-list.js';

type Person = IdentityReviewPair['persons'][number];
type Comparison = IdentityReviewPair['comparison'][number];
type FieldKey = keyof typeof en.identityReview.fields;
type LevelKey = keyof typeof en.identityReview.levels;

const isLevelKey = (level: string): level is LevelKey =>
  Object.hasOwn(en.identityReview.levels, level);

const isAlreadyDecided = (error: unknown): boolean =>
  error instanceof ProblemError && error.code === 'already-decided';

interface Row {
  readonly field: FieldKey;
  /** Each record's value as text, compared to mark a difference. */
  readonly text: (person: Person) => string;
  readonly show?: (person: Person) => ReactNode;
}

const joined = (...parts: readonly (string | null | undefined)[]): string =>
  parts.filter(Boolean).join(' ');

/** A name in its script with its Latin form beside it, when they differ. */
function nameShown(original: string | null, latin: string | null): ReactNode {
  if (!original) {
    return null;
  }
  return (
    <>
      <span className="name">{original}</span>
      {latin && latin !== original && <span className="name-latin">{latin}</span>}
    </>
  );
}

/** Two records side by side, differing rows marked, and the weight each field contributed. */
export function IdentityReviewPairPage() {
  const { t } = useTranslation();
  const { pairId = '' } = useParams();
  const pair = useQuery({
    queryKey: ['identity-review', 'pair', pairId],
    queryFn: () => getReviewPair(pairId),
  });

  if (pair.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (pair.isError) {
    const isMissing = pair.error instanceof ProblemError && pair.error.status === 404;
    return isMissing ? (
      <>
        <h1>{t('notFound.title')}</h1>
        <p>{t('problems.notFound')}</p>
        <Link to="/identity-review">{t('identityReview.back')}</Link>
      </>
    ) : (
      <LoadFailure error={pair.error} onRetry={() => void pair.refetch()} />
    );
  }
  return <PairView pair={pair.data} />;
}

function PairView({ pair }: { readonly pair: IdentityReviewPair }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const noValue = t('identityReview.noValue');
  const rows: readonly Row[] = [
    {
      field: 'familyName',
      text: (p) => p.familyNameLatin,
      show: (p) => nameShown(p.familyName, p.familyNameLatin),
    },
    {
      field: 'givenName',
      text: (p) => p.givenNameLatin,
      show: (p) => nameShown(p.givenName, p.givenNameLatin),
    },
    {
      field: 'patronymic',
      text: (p) => p.patronymicLatin ?? '',
      show: (p) => nameShown(p.patronymic, p.patronymicLatin),
    },
    { field: 'birthDate', text: (p) => p.birthDate },
    { field: 'sex', text: (p) => t(`codes.sex.${p.sex}`) },
    { field: 'nationality', text: (p) => p.nationality },
    {
      field: 'document',
      text: (p) =>
        p.documents
          .map((d) => `${t(`codes.documentType.${d.type}`)} ${d.issuingCountry} ${d.number}`)
          .join('; '),
    },
    {
      field: 'registration',
      text: (p) =>
        p.registration
          ? joined(
              p.registration.siteName,
              `(${p.registration.countryCode}),`,
              formatTimestamp(p.registration.registeredAt, language),
            )
          : '',
    },
  ];
  const comparisonOf = (field: FieldKey): Comparison | undefined =>
    pair.comparison.find((entry) => entry.field === field);
  const [first, second] = pair.persons;
  return (
    <>
      <title>{`${t('identityReview.pairTitle')} · ${t('app.name')}`}</title>
      <p>
        <Link to="/identity-review">{t('identityReview.back')}</Link>
      </p>
      <h1>{t('identityReview.pairTitle')}</h1>
      <p
        className={`review-reason-explanation review-reason-${pair.queuedBecause}`}
        role={pair.queuedBecause === 'merged-given-names-differ' ? 'note' : undefined}
      >
        {t(`identityReview.reasonExplanations.${pair.queuedBecause}`)}
      </p>
      <dl className="facts">
        <dt>{t('identityReview.probability')}</dt>
        <dd>{formatProbability(pair.matchProbability, language)}</dd>
        <dt>{t('identityReview.totalWeight')}</dt>
        <dd>{formatWeight(pair.matchWeight, language)}</dd>
      </dl>
      <p className="muted">{t('identityReview.weightHelp')}</p>
      <div className="table-scroll">
        <table className="review-pair">
          <caption>{t('identityReview.compareCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('identityReview.field')}</th>
              <th scope="col">{t('identityReview.first')}</th>
              <th scope="col">{t('identityReview.second')}</th>
              <th scope="col">{t('identityReview.weight')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const isDifferent = row.text(first) !== row.text(second);
              const comparison = comparisonOf(row.field);
              return (
                <tr key={row.field} className={isDifferent ? 'differs' : undefined}>
                  <th scope="row">
                    {t(`identityReview.fields.${row.field}`)}
                    {isDifferent && (
                      <span className="badge differs-badge">{t('identityReview.differs')}</span>
                    )}
                  </th>
                  {[first, second].map((person) => (
                    <td key={person.id}>
                      {(row.show ? row.show(person) : row.text(person)) || noValue}
                    </td>
                  ))}
                  <td>
                    {comparison ? (
                      <>
                        <span className="weight">{formatWeight(comparison.weight, language)}</span>{' '}
                        <span className="muted">
                          (
                          {isLevelKey(comparison.level)
                            ? t(`identityReview.levels.${comparison.level}`)
                            : comparison.level}
                          )
                        </span>
                      </>
                    ) : (
                      noValue
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <DecisionForm pair={pair} />
    </>
  );
}

function DecisionForm({ pair }: { readonly pair: IdentityReviewPair }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const decision = useMutation({
    mutationFn: (choice: ReviewDecision) =>
      decideReviewPair(pair.id, {
        decision: choice,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: (decided) => {
      queryClient.setQueryData(['identity-review', 'pair', pair.id], decided);
      void queryClient.invalidateQueries({ queryKey: REVIEW_QUEUE_KEY });
    },
    // Another reviewer decided first: show what stands.
    onError: (error) => {
      if (isAlreadyDecided(error)) {
        void queryClient.invalidateQueries({ queryKey: ['identity-review'] });
      }
    },
  });
  const standing = pair.decision;
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{t('identityReview.decisionTitle')}</h2>
      {decision.isSuccess && (
        <div className="banner banner-success" role="status">
          <p>{t('identityReview.recorded')}</p>
        </div>
      )}
      {decision.isError && (
        <div className="banner banner-error" role="alert">
          <p>
            {isAlreadyDecided(decision.error)
              ? t('identityReview.alreadyDecided')
              : problemText(decision.error, t)}
          </p>
        </div>
      )}
      {standing ? (
        <p>
          {t('identityReview.decided', {
            decision: t(`identityReview.decisions.${standing.decision}`),
            by: standing.decidedBy,
            at: formatTimestamp(standing.decidedAt, language),
          })}
          {standing.reason && ` ${standing.reason}`}
        </p>
      ) : (
        <form
          aria-labelledby="decision-title"
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <div className="field">
            <label htmlFor="review-reason">{t('identityReview.reason')}</label>
            <p className="hint" id="review-reason-hint">
              {t('identityReview.reasonHint')}
            </p>
            <textarea
              id="review-reason"
              aria-describedby="review-reason-hint"
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="review-decision-actions">
            <button
              type="button"
              disabled={decision.isPending}
              onClick={() => decision.mutate('same-person')}
            >
              {t('identityReview.samePerson')}
            </button>
            <button
              type="button"
              disabled={decision.isPending}
              onClick={() => decision.mutate('different-people')}
            >
              {t('identityReview.differentPeople')}
            </button>
          </div>
          {decision.isPending && <p role="status">{t('identityReview.deciding')}</p>}
        </form>
      )}
    </section>
  );
}
