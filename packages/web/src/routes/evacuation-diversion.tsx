import { DiversionInput, type EvacuationRun } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { corridorKeys, divertEvacuationRun } from '../api/corridors.js';
import {
  fieldErrorsOfFailure,
  formErrorsOf,
  timestampOf,
  When,
  WriteFailure,
} from '../components/corridor-parts.js';
import { SelectField } from '../components/select-field.js';
import { SiteSelect } from '../components/site-select.js';
import { TextField } from '../components/text-field.js';
import type { FormError } from '../forms/form-errors.js';

/**
 * Diverting a run on the road to another reception site: check-in is then expected there. The
 * coordinator links the diversion incident already recorded, or one is recorded with it.
 */
export function DiversionSection({ run }: { readonly run: EvacuationRun }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [siteId, setSiteId] = useState('');
  const [reason, setReason] = useState('');
  const [incidentId, setIncidentId] = useState('');
  const [expectedArrivalAt, setExpectedArrivalAt] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const diversion = useMutation({
    mutationFn: (input: DiversionInput) => divertEvacuationRun(run.id, input),
    onSuccess: (changed) => {
      queryClient.setQueryData(corridorKeys.run(run.id), changed);
      void queryClient.invalidateQueries({ queryKey: corridorKeys.reconciliation(run.id) });
      void queryClient.invalidateQueries({ queryKey: ['evacuation-runs'] });
      setSiteId('');
      setReason('');
      setIncidentId('');
      setExpectedArrivalAt('');
      setErrors([]);
    },
    onError: (error) => setErrors(fieldErrorsOfFailure(error)),
  });
  const diversionIncidents = (run.operational?.incidents ?? []).filter(
    (incident) => incident.kind === 'diversion',
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = DiversionInput.safeParse({
      siteId,
      reason: reason.trim(),
      ...(incidentId ? { incidentId } : {}),
      ...(expectedArrivalAt ? { expectedArrivalAt: timestampOf(expectedArrivalAt) } : {}),
    });
    if (!checked.success) {
      setErrors(formErrorsOf(checked.error.issues));
      return;
    }
    setErrors([]);
    diversion.mutate(checked.data);
  };
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  return (
    <section aria-labelledby="diversion-title">
      <h2 id="diversion-title">{t('corridors.diversion.title')}</h2>
      {run.divertedTo && (
        <p className="banner banner-pending" role="status">
          {t('corridors.diversion.divertedTo', { site: run.divertedTo.name })}
        </p>
      )}
      {(run.operational?.diversions.length ?? 0) > 0 && (
        <ol aria-label={t('corridors.diversion.history')}>
          {run.operational?.diversions.map((d) => (
            <li key={d.id}>
              <strong>{d.toSite.name}</strong> · <When at={d.divertedAt} /> · {d.reason} ·{' '}
              {d.divertedBy}
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="diversion-form-title">
        <h3 id="diversion-form-title">{t('corridors.diversion.record')}</h3>
        <p className="hint">{t('corridors.diversion.hint')}</p>
        <div className="grid">
          <SiteSelect
            field="siteId"
            label={t('corridors.diversion.site')}
            value={siteId}
            onChange={setSiteId}
            errors={errorsAt('siteId')}
          />
          <TextField
            field="reason"
            label={t('corridors.diversion.reason')}
            value={reason}
            onChange={setReason}
            errors={errorsAt('reason')}
            maxLength={1000}
          />
          {diversionIncidents.length > 0 && (
            <SelectField
              field="incidentId"
              label={t('corridors.diversion.incident')}
              value={incidentId}
              onChange={setIncidentId}
              errors={errorsAt('incidentId')}
              isOptional
            >
              {diversionIncidents.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {[incident.placeName, incident.description].filter(Boolean).join(' · ') ||
                    t('corridors.incidentKind.diversion')}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            field="expectedArrivalAt"
            type="datetime-local"
            label={t('corridors.diversion.expectedArrivalAt')}
            value={expectedArrivalAt}
            onChange={setExpectedArrivalAt}
            errors={errorsAt('expectedArrivalAt')}
            isOptional
          />
        </div>
        <WriteFailure error={diversion.error} />
        <button
          type="submit"
          className="secondary"
          aria-disabled={diversion.isPending || undefined}
        >
          {t('corridors.diversion.save')}
        </button>
      </form>
    </section>
  );
}
