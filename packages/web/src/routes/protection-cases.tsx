import type { ProtectionCaseResolution } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  protectionKeys,
  resolveProtectionCase,
  useProtectionCases,
} from '../api/temporary-protection.js';
import { LoadFailure } from '../components/load-failure.js';
import { ProtectionCaseCard } from '../components/protection-case-card.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

const STATES = ['open', 'resolved', 'all'] as const;
type CaseState = (typeof STATES)[number];
const isCaseState = (value: string | null): value is CaseState =>
  STATES.some((state) => state === value);

/**
 * The caseworkers' list of protection cases in their countries: grants held because the same
 * identity already holds protection in another country, open ones first (issue 6 item 2).
 */
export function ProtectionCasesPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const requested = params.get('state');
  const state: CaseState = isCaseState(requested) ? requested : 'open';
  const cases = useProtectionCases(state);
  const resolve = useMutation({
    mutationFn: ({ caseId, input }: { caseId: string; input: ProtectionCaseResolution }) =>
      resolveProtectionCase(caseId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: protectionKeys.all }),
  });
  return (
    <>
      <title>{`${t('protection.cases.title')} · ${t('app.name')}`}</title>
      <h1>{t('protection.cases.title')}</h1>
      <p className="intro">{t('protection.cases.intro')}</p>
      <div className="field narrow-select">
        <label htmlFor="case-state">{t('protection.cases.show')}</label>
        <select
          id="case-state"
          value={state}
          onChange={(event) => setParams(new URLSearchParams({ state: event.target.value }))}
        >
          {STATES.map((option) => (
            <option key={option} value={option}>
              {t(`protection.caseStates.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {cases.isPending && <p role="status">{t('common.loading')}</p>}
      {cases.isError && <LoadFailure error={cases.error} onRetry={() => void cases.refetch()} />}
      {cases.isSuccess && cases.data.items.length === 0 && (
        <p role="status">{t('protection.cases.empty')}</p>
      )}
      {cases.data?.items.map((protectionCase) => (
        <ProtectionCaseCard
          key={protectionCase.id}
          protectionCase={protectionCase}
          canResolve={hasPermission(session, 'protection:decide')}
          onResolve={(input) => resolve.mutate({ caseId: protectionCase.id, input })}
          isPending={resolve.isPending}
          error={resolve.variables?.caseId === protectionCase.id ? resolve.error : null}
          isLinked
        />
      ))}
    </>
  );
}
