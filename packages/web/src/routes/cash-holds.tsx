import type { HoldDecision } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { cashKeys, decideHold, useHolds, type HoldFilter } from '../api/cash-assistance.js';
import { HoldCard } from '../components/hold-card.js';
import { LoadFailure } from '../components/load-failure.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

const STATES = ['open', 'released', 'cancelled'] as const;
type HoldState = (typeof STATES)[number];
const isHoldState = (value: string | null): value is HoldState =>
  STATES.some((state) => state === value);

/**
 * Held payments waiting for a welfare officer: the same person paid elsewhere, twice in a batch,
 * or without an active protection status. Release pays the household the difference; cancel
 * keeps it unpaid. Either needs a reason.
 */
export function CashHoldsPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const requested = params.get('state');
  const state: HoldState = isHoldState(requested) ? requested : 'open';
  const programmeId = params.get('programmeId') ?? undefined;
  const filter: HoldFilter = { state, ...(programmeId ? { programmeId } : {}) };
  const holds = useHolds(filter);
  const decide = useMutation({
    mutationFn: ({ holdId, input }: { holdId: string; input: HoldDecision }) =>
      decideHold(holdId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cashKeys.all }),
  });
  return (
    <>
      <title>{`${t('cash.holds.title')} · ${t('app.name')}`}</title>
      <h1>{t('cash.holds.title')}</h1>
      <p className="intro">{t('cash.holds.intro')}</p>
      <div className="field">
        <label htmlFor="hold-state">{t('protection.cases.show')}</label>
        <select
          id="hold-state"
          value={state}
          onChange={(event) => {
            const next = new URLSearchParams(params);
            next.set('state', event.target.value);
            setParams(next);
          }}
        >
          {STATES.map((option) => (
            <option key={option} value={option}>
              {t(`cash.holdStates.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {holds.isPending && <p role="status">{t('common.loading')}</p>}
      {holds.isError && <LoadFailure error={holds.error} onRetry={() => void holds.refetch()} />}
      {holds.isSuccess && holds.data.items.length === 0 && (
        <p role="status">{t('cash.holds.empty')}</p>
      )}
      {holds.isSuccess && holds.data.items.length > 0 && (
        <ul className="plain holds" aria-label={t('cash.holds.title')}>
          {holds.data.items.map((hold) => (
            <HoldCard
              key={hold.id}
              hold={hold}
              canDecide={hasPermission(session, 'cash:manage')}
              onDecide={(input) => decide.mutate({ holdId: hold.id, input })}
              isPending={decide.isPending}
              error={decide.variables?.holdId === hold.id ? decide.error : null}
              showBatch
            />
          ))}
        </ul>
      )}
    </>
  );
}
