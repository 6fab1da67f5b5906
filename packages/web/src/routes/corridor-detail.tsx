import {
  CORRIDOR_STATUSES,
  CorridorStatusChangeInput,
  type Corridor,
  type CorridorStatus,
} from '@haven/contract';
import { nextCorridorStatuses } from '@haven/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  changeCorridorStatus,
  corridorKeys,
  useCorridor,
  useEvacuationRuns,
} from '../api/corridors.js';
import { CorridorMap } from '../components/corridor-map.js';
import {
  CorridorStatusBadge,
  fieldErrorsOfFailure,
  formErrorsOf,
  timestampOf,
  When,
  WindowFields,
  WriteFailure,
} from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { fieldId, type FormError } from '../forms/form-errors.js';
import { countryName } from '../i18n/code-labels.js';
import { corridorOnMap } from './corridors-list.js';

interface StatusDraft {
  readonly status: CorridorStatus | '';
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly reason: string;
}

/** The body of a status change, or the errors that keep it from being sent. */
export function checkStatusChange(
  draft: StatusDraft,
): { kind: 'valid'; input: CorridorStatusChangeInput } | { kind: 'invalid'; errors: FormError[] } {
  const body = {
    status: draft.status,
    windowStart: timestampOf(draft.windowStart),
    windowEnd: timestampOf(draft.windowEnd),
    reason: draft.reason.trim() || undefined,
  };
  const checked = CorridorStatusChangeInput.safeParse(body);
  const errors = checked.success ? [] : formErrorsOf(checked.error.issues);
  return checked.success && errors.length === 0
    ? { kind: 'valid', input: checked.data }
    : { kind: 'invalid', errors };
}

function StatusChangeForm({ corridor }: { readonly corridor: Corridor }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty: StatusDraft = { status: '', windowStart: '', windowEnd: '', reason: '' };
  const [draft, setDraft] = useState<StatusDraft>(empty);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [isDone, setDone] = useState(false);
  const change = useMutation({
    mutationFn: (input: CorridorStatusChangeInput) => changeCorridorStatus(corridor.id, input),
    onSuccess: (changed) => {
      queryClient.setQueryData(corridorKeys.one(corridor.id), changed);
      void queryClient.invalidateQueries({ queryKey: corridorKeys.all });
      setDraft(empty);
      setDone(true);
    },
    onError: (error) => setErrors(fieldErrorsOfFailure(error)),
  });
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const checked = checkStatusChange(draft);
    if (checked.kind === 'invalid') {
      setErrors(checked.errors);
      const first = checked.errors[0];
      if (first) {
        document.getElementById(fieldId(first.field))?.focus();
      }
      return;
    }
    setErrors([]);
    change.mutate(checked.input);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="status-change-title">
      <h2 id="status-change-title">{t('corridors.detail.changeStatus')}</h2>
      <div className="grid">
        <SelectField
          field="status"
          label={t('corridors.detail.newStatus')}
          value={draft.status}
          onChange={(value) =>
            setDraft((current) => ({
              ...current,
              status: CORRIDOR_STATUSES.find((s) => s === value) ?? '',
            }))
          }
          errors={errorsAt('status')}
        >
          {/* Only the changes that may follow the current status (a closed corridor is planned anew). */}
          {nextCorridorStatuses(corridor.status).map((status) => (
            <option key={status} value={status}>
              {t(`corridors.status.${status}`)}
            </option>
          ))}
        </SelectField>
        <WindowFields
          start={draft.windowStart}
          end={draft.windowEnd}
          onChange={(window) => setDraft((current) => ({ ...current, ...window }))}
          errorsAt={errorsAt}
        />
        <TextField
          field="reason"
          label={t('corridors.detail.reason')}
          hint={t('corridors.detail.reasonHint')}
          value={draft.reason}
          onChange={(reason) => setDraft((current) => ({ ...current, reason }))}
          errors={errorsAt('reason')}
          isOptional
          maxLength={1000}
        />
      </div>
      <WriteFailure error={change.error} />
      {isDone && (
        <p className="banner banner-success" role="status">
          {t('corridors.detail.statusChanged')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={change.isPending || undefined}>
          {t('corridors.detail.saveStatus')}
        </button>
      </div>
    </form>
  );
}

function RunsOfCorridor({ corridor }: { readonly corridor: Corridor }) {
  const { t } = useTranslation();
  const runs = useEvacuationRuns({ corridorId: corridor.id });
  const rows = runs.data ?? [];
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">{t('corridors.runs.title')}</h2>
      {corridor.canManage && (
        <p>
          <Link className="primary" to={`/corridors/${corridor.id}/runs/new`}>
            {t('corridors.runs.new')}
          </Link>
        </p>
      )}
      {runs.isPending && <p role="status">{t('common.loading')}</p>}
      {runs.isError && <LoadFailure error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.isSuccess && rows.length === 0 && <p className="muted">{t('corridors.runs.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('corridors.runs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('corridors.runs.label')}</th>
                <th scope="col">{t('corridors.runs.kind')}</th>
                <th scope="col">{t('corridors.runs.destination')}</th>
                <th scope="col">{t('corridors.runs.status')}</th>
                <th scope="col">{t('corridors.runs.boarded')}</th>
                <th scope="col">{t('corridors.runs.arrived')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <th scope="row">
                    <Link to={`/evacuations/${run.id}`}>{run.label}</Link>
                  </th>
                  <td>{t(`corridors.runKind.${run.kind}`)}</td>
                  <td>{run.destinationSite?.name ?? t('corridors.runs.noSite')}</td>
                  <td>{t(`corridors.runStatus.${run.status}`)}</td>
                  <td>{run.boarded}</td>
                  <td>{run.arrived}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One corridor: its route on the map, ends, guarantors, status history and its runs. */
export function CorridorDetailPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { corridorId = '' } = useParams();
  const corridor = useCorridor(corridorId);
  if (corridor.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (corridor.isError) {
    return <LoadFailure error={corridor.error} onRetry={() => void corridor.refetch()} />;
  }
  const c = corridor.data;
  const place = (end: Corridor['origin']) =>
    `${end.name} (${countryName(end.countryCode, language)}${end.pcode ? `, ${end.pcode}` : ''}) · ${end.latitude.toFixed(4)}, ${end.longitude.toFixed(4)}`;
  return (
    <>
      <title>{`${c.name} · ${t('app.name')}`}</title>
      <p>
        <Link to="/corridors">{t('corridors.detail.back')}</Link>
      </p>
      <h1>{c.name}</h1>
      <p>
        <CorridorStatusBadge status={c.status} />{' '}
        {c.isWindowOpen ? t('corridors.detail.windowOpen') : t('corridors.detail.windowClosed')}
      </p>
      <CorridorMap corridors={[corridorOnMap(c)]} highlightedId={c.id} />
      <dl className="facts">
        <dt>{t('corridors.form.origin')}</dt>
        <dd>{place(c.origin)}</dd>
        <dt>{t('corridors.form.destination')}</dt>
        <dd>{place(c.destination)}</dd>
        <dt>{t('corridors.fields.guarantors')}</dt>
        <dd>{c.guarantors.length > 0 ? c.guarantors.join(', ') : t('common.none')}</dd>
        <dt>{t('corridors.fields.window')}</dt>
        <dd>
          <When at={c.windowStart} /> – <When at={c.windowEnd} />
        </dd>
        <dt>{t('corridors.fields.evacuated')}</dt>
        <dd>{c.evacuatedTotal}</dd>
        <dt>{t('corridors.detail.createdBy')}</dt>
        <dd>
          {c.createdBy}, <When at={c.createdAt} />
        </dd>
      </dl>
      <RunsOfCorridor corridor={c} />
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('corridors.detail.history')}</h2>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('corridors.detail.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('corridors.detail.changedAt')}</th>
                <th scope="col">{t('corridors.fields.status')}</th>
                <th scope="col">{t('corridors.fields.window')}</th>
                <th scope="col">{t('corridors.detail.reason')}</th>
                <th scope="col">{t('corridors.detail.changedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {[...c.statusHistory].reverse().map((change, i) => (
                <tr key={`${change.changedAt}-${i}`}>
                  <td>
                    <When at={change.changedAt} />
                  </td>
                  <td>
                    <CorridorStatusBadge status={change.status} />
                  </td>
                  <td>
                    <When at={change.windowStart} /> – <When at={change.windowEnd} />
                  </td>
                  <td>{change.reason ?? '–'}</td>
                  <td>{change.changedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {c.canManage && <StatusChangeForm corridor={c} />}
    </>
  );
}
