import { INCIDENT_KINDS, type EvacuationRun } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { corridorKeys, recordCheckpointPassage, recordIncident } from '../api/corridors.js';
import {
  fieldErrorsOfFailure,
  timestampOf,
  When,
  WriteFailure,
} from '../components/corridor-parts.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import type { FormError } from '../forms/form-errors.js';

type Operational = NonNullable<EvacuationRun['operational']>;

const nowLocal = (): string => {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
};

function CheckpointForm({ runId }: { readonly runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [passedAt, setPassedAt] = useState(nowLocal);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const record = useMutation({
    mutationFn: () =>
      recordCheckpointPassage(runId, {
        name: name.trim(),
        passedAt: timestampOf(passedAt) ?? '',
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (run) => {
      queryClient.setQueryData(corridorKeys.run(runId), run);
      setName('');
      setNote('');
      setErrors([]);
    },
    onError: (error) => setErrors(fieldErrorsOfFailure(error)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    record.mutate();
  };
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="checkpoint-title">
      <h4 id="checkpoint-title">{t('corridors.operational.recordCheckpoint')}</h4>
      <div className="grid">
        <TextField
          field="checkpoint.name"
          label={t('corridors.operational.checkpointName')}
          value={name}
          onChange={setName}
          errors={errorsAt('name')}
          maxLength={200}
        />
        <TextField
          field="checkpoint.passedAt"
          type="datetime-local"
          label={t('corridors.operational.passedAt')}
          value={passedAt}
          onChange={setPassedAt}
          errors={errorsAt('passedAt')}
        />
        <TextField
          field="checkpoint.note"
          label={t('corridors.operational.note')}
          value={note}
          onChange={setNote}
          errors={errorsAt('note')}
          isOptional
          maxLength={1000}
        />
      </div>
      <WriteFailure error={record.error} />
      <button type="submit" className="secondary" aria-disabled={record.isPending || undefined}>
        {t('corridors.operational.save')}
      </button>
    </form>
  );
}

function IncidentForm({ runId }: { readonly runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState('');
  const [occurredAt, setOccurredAt] = useState(nowLocal);
  const [placeName, setPlaceName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const record = useMutation({
    mutationFn: () =>
      recordIncident(runId, {
        kind,
        occurredAt: timestampOf(occurredAt) ?? '',
        ...(placeName.trim() ? { placeName: placeName.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      }),
    onSuccess: (run) => {
      queryClient.setQueryData(corridorKeys.run(runId), run);
      setKind('');
      setPlaceName('');
      setDescription('');
      setErrors([]);
    },
    onError: (error) => setErrors(fieldErrorsOfFailure(error)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!kind) {
      setErrors([{ field: 'kind', message: 'Invalid option', code: 'invalid_value' }]);
      return;
    }
    record.mutate();
  };
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="incident-title">
      <h4 id="incident-title">{t('corridors.operational.recordIncident')}</h4>
      <div className="grid">
        <SelectField
          field="incident.kind"
          label={t('corridors.operational.incidentKind')}
          value={kind}
          onChange={setKind}
          errors={errorsAt('kind')}
        >
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`corridors.incidentKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          field="incident.occurredAt"
          type="datetime-local"
          label={t('corridors.operational.occurredAt')}
          value={occurredAt}
          onChange={setOccurredAt}
          errors={errorsAt('occurredAt')}
        />
        <TextField
          field="incident.placeName"
          label={t('corridors.operational.placeName')}
          value={placeName}
          onChange={setPlaceName}
          errors={errorsAt('placeName')}
          isOptional
          maxLength={200}
        />
        <TextField
          field="incident.description"
          label={t('corridors.operational.description')}
          value={description}
          onChange={setDescription}
          errors={errorsAt('description')}
          isOptional
          maxLength={2000}
        />
      </div>
      <WriteFailure error={record.error} />
      <button type="submit" className="secondary" aria-disabled={record.isPending || undefined}>
        {t('corridors.operational.save')}
      </button>
    </form>
  );
}

/**
 * Vehicles, timings, checkpoint passages and incidents: operationally sensitive (issue 5 item 6).
 * The server sends them only to evacuation coordinators in scope; this section exists only then.
 */
export function OperationalSection({
  runId,
  operational,
  canRecord,
}: {
  readonly runId: string;
  readonly operational: Operational;
  readonly canRecord: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="operational-title" className="operational">
      <h2 id="operational-title">{t('corridors.operational.title')}</h2>
      <p className="muted">{t('corridors.operational.sensitive')}</p>
      <dl className="facts">
        <dt>{t('corridors.runs.plannedDepartureAt')}</dt>
        <dd>
          <When at={operational.plannedDepartureAt} />
        </dd>
        <dt>{t('corridors.operational.actualDepartureAt')}</dt>
        <dd>
          <When at={operational.actualDepartureAt} />
        </dd>
        <dt>{t('corridors.runs.expectedArrivalAt')}</dt>
        <dd>
          <When at={operational.expectedArrivalAt} />
        </dd>
        <dt>{t('corridors.operational.arrivalDeadline')}</dt>
        <dd>
          <When at={operational.arrivalDeadline} /> (
          {t('corridors.operational.marginMinutes', { count: operational.arrivalMarginMinutes })})
        </dd>
      </dl>
      <h3>{t('corridors.runs.vehicles')}</h3>
      {operational.vehicles.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ul>
          {operational.vehicles.map((vehicle, i) => (
            <li key={i}>
              {vehicle.kind}
              {vehicle.label ? ` ${vehicle.label}` : ''} ·{' '}
              {t('corridors.operational.seats', { count: vehicle.capacity })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('corridors.operational.checkpoints')}</h3>
      {operational.checkpointPassages.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ol>
          {operational.checkpointPassages.map((passage) => (
            <li key={passage.id}>
              <strong>{passage.name}</strong> · <When at={passage.passedAt} />
              {passage.note ? ` · ${passage.note}` : ''} · {passage.recordedBy}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('corridors.operational.incidents')}</h3>
      {operational.incidents.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ul>
          {operational.incidents.map((incident) => (
            <li key={incident.id}>
              <strong>{t(`corridors.incidentKind.${incident.kind}`)}</strong> ·{' '}
              <When at={incident.occurredAt} />
              {incident.placeName ? ` · ${incident.placeName}` : ''}
              {incident.description ? ` · ${incident.description}` : ''} · {incident.recordedBy}
            </li>
          ))}
        </ul>
      )}
      {canRecord && (
        <>
          <CheckpointForm runId={runId} />
          <IncidentForm runId={runId} />
        </>
      )}
    </section>
  );
}
