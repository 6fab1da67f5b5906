import type { IdentityReviewPairSummary } from '@haven/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listReviewPairs } from '../api/client.js';
import { LoadFailure } from '../components/load-failure.js';
import { PersonName } from '../components/person-name.js';
import { countryName } from '../i18n/code-labels.js';
import { formatProbability } from '../i18n/match-probability.js';

export const REVIEW_QUEUE_KEY = ['identity-review', 'queue'] as const;

type ReviewPerson = IdentityReviewPairSummary['persons'][number];

const shortName = (person: ReviewPerson): string =>
  `${person.familyNameLatin} ${person.givenNameLatin}`;

function PersonCell({ person }: { readonly person: ReviewPerson }) {
  return (
    <td>
      <PersonName {...person} />
      <span className="muted">
        {' '}
        {person.birthDate}
        {person.countryCode ? ` · ${person.countryCode}` : ''}
      </span>
    </td>
  );
}

/**
 * The identity review queue: pairs the batch run could not settle, in the order the API gives
 * (why they are asked, then most likely one person first), each with why it is asked.
 */
export function IdentityReviewListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queue = useInfiniteQuery({
    queryKey: REVIEW_QUEUE_KEY,
    queryFn: ({ pageParam }) => listReviewPairs(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const pairs = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const elsewhere = queue.data?.pages[0]?.awaitingOtherCountries ?? [];
  return (
    <>
      <title>{`${t('identityReview.title')} · ${t('app.name')}`}</title>
      <h1>{t('identityReview.title')}</h1>
      <p>{t('identityReview.intro')}</p>
      <p className="muted">{t('identityReview.scopeNote')}</p>
      {queue.isPending && <p role="status">{t('common.loading')}</p>}
      {queue.isError && <LoadFailure error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.isSuccess && pairs.length === 0 && <p>{t('identityReview.empty')}</p>}
      {elsewhere.length > 0 && (
        <ul className="plain">
          {elsewhere.map((group) => (
            <li key={group.countryCode}>
              {t('identityReview.awaitingOtherCountry', {
                count: group.pairs,
                country: countryName(group.countryCode, language),
              })}
            </li>
          ))}
        </ul>
      )}
      {pairs.length > 0 && (
        <div className="table-scroll">
          <table className="review-queue">
            <caption className="visually-hidden">{t('identityReview.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identityReview.columns.first')}</th>
                <th scope="col">{t('identityReview.columns.second')}</th>
                <th scope="col">{t('identityReview.columns.probability')}</th>
                <th scope="col">{t('identityReview.columns.reason')}</th>
                <th scope="col">{t('identityReview.columns.action')}</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr key={pair.id}>
                  <PersonCell person={pair.persons[0]} />
                  <PersonCell person={pair.persons[1]} />
                  <td>{formatProbability(pair.matchProbability, language)}</td>
                  <td>
                    <span className={`review-reason review-reason-${pair.queuedBecause}`}>
                      {t(`identityReview.reasons.${pair.queuedBecause}`)}
                    </span>
                  </td>
                  <td>
                    <Link
                      to={`/identity-review/${pair.id}`}
                      aria-label={t('identityReview.openLabel', {
                        first: shortName(pair.persons[0]),
                        second: shortName(pair.persons[1]),
                      })}
                    >
                      {t('identityReview.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.hasNextPage && (
        <button
          type="button"
          onClick={() => void queue.fetchNextPage()}
          disabled={queue.isFetchingNextPage}
        >
          {t('identityReview.loadMore')}
        </button>
      )}
    </>
  );
}
