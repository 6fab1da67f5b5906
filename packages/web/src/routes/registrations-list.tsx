import { RegistrationQuery } from '@haven/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listRegistrations, type RegistrationSearch } from '../api/client.js';
import { LoadFailure } from '../components/load-failure.js';
import { PersonName } from '../components/person-name.js';
import { SiteSelect } from '../components/site-select.js';
import { TextField } from '../components/text-field.js';
import { fieldName, firstErrorPerField, type FormError } from '../forms/form-errors.js';
import { formatTimestamp, originLabel } from '../i18n/code-labels.js';

const FILTERS = ['q', 'document', 'birthDate', 'siteId'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Readonly<Record<Filter, string>>;

const PAGE_SIZE = 25;

function filtersOf(params: URLSearchParams): Filters {
  return {
    q: params.get('q') ?? '',
    document: params.get('document') ?? '',
    birthDate: params.get('birthDate') ?? '',
    siteId: params.get('siteId') ?? '',
  };
}

/** The non-empty filters, trimmed, as the query string carries them. */
function searchOf(filters: Filters): RegistrationSearch {
  return Object.fromEntries(
    FILTERS.flatMap((name) => {
      const value = filters[name].trim();
      return value ? [[name, value]] : [];
    }),
  );
}

/** Registrations newest first, searchable by name, document, birth date and site; the search lives in the URL. */
export function RegistrationsListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [filters, setFilters] = useState<Filters>(applied);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const search = searchOf(applied);
  const appliedKey = params.toString();

  // Back and forward change the search in the URL: show it in the inputs too.
  useEffect(() => {
    setFilters(filtersOf(new URLSearchParams(appliedKey)));
  }, [appliedKey]);

  const registrations = useInfiniteQuery({
    queryKey: ['registrations', 'list', search],
    queryFn: ({ pageParam }) =>
      listRegistrations({
        ...search,
        limit: String(PAGE_SIZE),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = registrations.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = searchOf(filters);
    // The same schema the server checks the query string with.
    const checked = RegistrationQuery.safeParse(next);
    if (!checked.success) {
      setErrors(
        firstErrorPerField(
          checked.error.issues.map((issue) => ({
            field: fieldName(issue.path),
            message: issue.message,
            code: issue.code,
          })),
        ),
      );
      return;
    }
    setErrors([]);
    setParams(new URLSearchParams(Object.entries(next)));
  };
  const clear = () => {
    setFilters({ q: '', document: '', birthDate: '', siteId: '' });
    setErrors([]);
    setParams(new URLSearchParams());
  };
  const errorsAt = (field: Filter) => errors.filter((error) => error.field === field);
  const setFilter = (name: Filter) => (value: string) =>
    setFilters((current) => ({ ...current, [name]: value }));

  return (
    <>
      <title>{`${t('list.title')} · ${t('app.name')}`}</title>
      <h1>{t('list.title')}</h1>
      <form
        className="search"
        role="search"
        onSubmit={submit}
        noValidate
        aria-labelledby="search-title"
      >
        <h2 id="search-title" className="visually-hidden">
          {t('list.searchLegend')}
        </h2>
        <div className="grid">
          <TextField
            field="q"
            type="search"
            label={t('list.name')}
            hint={t('list.nameHint')}
            value={filters.q}
            onChange={setFilter('q')}
            errors={errorsAt('q')}
            maxLength={100}
          />
          <TextField
            field="document"
            label={t('list.document')}
            value={filters.document}
            onChange={setFilter('document')}
            errors={errorsAt('document')}
            maxLength={40}
          />
          <TextField
            field="birthDate"
            label={t('list.birthDate')}
            hint={t('list.birthDateHint')}
            value={filters.birthDate}
            onChange={setFilter('birthDate')}
            errors={errorsAt('birthDate')}
            inputMode="numeric"
            maxLength={10}
          />
          <SiteSelect
            field="siteId"
            label={t('list.site')}
            value={filters.siteId}
            onChange={setFilter('siteId')}
            errors={errorsAt('siteId')}
            placeholder={t('list.allSites')}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('list.search')}
          </button>
          <button type="button" className="secondary" onClick={clear}>
            {t('list.clear')}
          </button>
        </div>
      </form>

      {registrations.isPending && <p role="status">{t('common.loading')}</p>}
      {registrations.isError && (
        <LoadFailure error={registrations.error} onRetry={() => void registrations.refetch()} />
      )}
      {registrations.isSuccess && rows.length === 0 && <p role="status">{t('list.empty')}</p>}
      {rows.length > 0 && (
        <>
          <p role="status" className="muted">
            {t('list.shown', { count: rows.length })}
          </p>
          <div className="table-scroll">
            <table className="registrations">
              <caption className="visually-hidden">{t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.columns.head')}</th>
                  <th scope="col">{t('list.columns.birthDate')}</th>
                  <th scope="col">{t('list.columns.size')}</th>
                  <th scope="col">{t('list.columns.origin')}</th>
                  <th scope="col">{t('list.columns.site')}</th>
                  <th scope="col">{t('list.columns.registeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link to={`/households/${row.householdId}`}>
                        <PersonName {...row.head} />
                      </Link>
                    </th>
                    <td className="nowrap" data-label={t('list.columns.birthDate')}>
                      {row.head.birthDate}
                    </td>
                    <td data-label={t('list.columns.size')}>{row.householdSize}</td>
                    <td data-label={t('list.columns.origin')}>
                      {originLabel(row.originPcode, language)}
                    </td>
                    <td data-label={t('list.columns.site')}>{row.site.name}</td>
                    <td data-label={t('list.columns.registeredAt')}>
                      {formatTimestamp(row.registeredAt, language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {registrations.hasNextPage && (
        <button
          type="button"
          className="secondary load-more"
          onClick={() => void registrations.fetchNextPage()}
          aria-disabled={registrations.isFetchingNextPage || undefined}
        >
          {registrations.isFetchingNextPage ? t('common.loading') : t('list.loadMore')}
        </button>
      )}
    </>
  );
}
