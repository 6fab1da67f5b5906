import { EVACUATION_RUN_KINDS, EvacuationRunInput } from '@haven/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { corridorKeys, createEvacuationRun, useCorridor } from '../api/corridors.js';
import {
  AreaFieldErrors,
  CorridorStatusBadge,
  fieldErrorsOfFailure,
  formErrorsOf,
  timestampOf,
  WriteFailure,
} from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';
import { SelectField } from '../components/select-field.js';
import { SiteSelect } from '../components/site-select.js';
import { TextField } from '../components/text-field.js';
import { fieldId, type FormError } from '../forms/form-errors.js';

interface VehicleDraft {
  readonly key: number;
  readonly kind: string;
  readonly label: string;
  readonly capacity: string;
}

interface RunDraft {
  readonly kind: string;
  readonly label: string;
  readonly destinationSiteId: string;
  readonly vehicles: readonly VehicleDraft[];
  readonly plannedDepartureAt: string;
  readonly expectedArrivalAt: string;
  readonly arrivalMarginMinutes: string;
  readonly reportedHeadcount: string;
  readonly closedCorridorReason: string;
}

/** The server's words for a run on a corridor that is not open, checked here first. */
const CLOSED_CORRIDOR_MESSAGE = 'The corridor is not open: give the reason this run goes anyway';

let vehicleKey = 0;
const emptyVehicle = (): VehicleDraft => ({
  key: ++vehicleKey,
  kind: 'bus',
  label: '',
  capacity: '',
});

const integerOf = (text: string): number | undefined =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;

function bodyOf(corridorId: string, draft: RunDraft) {
  return {
    corridorId,
    kind: draft.kind,
    label: draft.label.trim(),
    destinationSiteId: draft.destinationSiteId || undefined,
    vehicles: draft.vehicles.map((vehicle) => ({
      kind: vehicle.kind.trim(),
      ...(vehicle.label.trim() ? { label: vehicle.label.trim() } : {}),
      capacity: integerOf(vehicle.capacity),
    })),
    plannedDepartureAt: timestampOf(draft.plannedDepartureAt),
    expectedArrivalAt: timestampOf(draft.expectedArrivalAt),
    arrivalMarginMinutes: integerOf(draft.arrivalMarginMinutes),
    reportedHeadcount: integerOf(draft.reportedHeadcount),
    ...(draft.closedCorridorReason.trim()
      ? { closedCorridorReason: draft.closedCorridorReason.trim() }
      : {}),
  };
}

/**
 * A new convoy, bus or train on a corridor, bound for a reception site. A run on a corridor that
 * is not open now is allowed only with a reason (issue 5, bad input): the form warns first.
 */
export function EvacuationRunNewPage() {
  const { t } = useTranslation();
  const { corridorId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const corridor = useCorridor(corridorId);
  const [draft, setDraft] = useState<RunDraft>({
    kind: 'convoy',
    label: '',
    destinationSiteId: '',
    vehicles: [emptyVehicle()],
    plannedDepartureAt: '',
    expectedArrivalAt: '',
    arrivalMarginMinutes: '120',
    reportedHeadcount: '',
    closedCorridorReason: '',
  });
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const creation = useMutation({
    mutationFn: createEvacuationRun,
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: ['evacuation-runs'] });
      void queryClient.invalidateQueries({ queryKey: corridorKeys.one(corridorId) });
      void navigate(`/evacuations/${run.id}`);
    },
    onError: (error) => {
      // A corridor that closed while the form was open names closedCorridorReason (422).
      setErrors(fieldErrorsOfFailure(error));
    },
  });
  if (corridor.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (corridor.isError) {
    return <LoadFailure error={corridor.error} onRetry={() => void corridor.refetch()} />;
  }
  const isCorridorOpen = corridor.data.isWindowOpen;
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  const set = (change: Partial<RunDraft>) => setDraft((current) => ({ ...current, ...change }));
  const setVehicle = (index: number, change: Partial<VehicleDraft>) =>
    setDraft((current) => ({
      ...current,
      vehicles: current.vehicles.map((v, i) => (i === index ? { ...v, ...change } : v)),
    }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = bodyOf(corridorId, draft);
    const checked = EvacuationRunInput.safeParse(body);
    const found = checked.success ? [] : formErrorsOf(checked.error.issues);
    if (!isCorridorOpen && !body.closedCorridorReason) {
      found.push({ field: 'closedCorridorReason', message: CLOSED_CORRIDOR_MESSAGE });
    }
    setErrors(found);
    if (!checked.success || found.length > 0) {
      const first = found[0];
      if (first) {
        document.getElementById(fieldId(first.field))?.focus();
      }
      return;
    }
    creation.mutate(checked.data);
  };

  const timeField = (field: 'plannedDepartureAt' | 'expectedArrivalAt') => {
    const id = fieldId(field);
    const fieldErrors = errorsAt(field);
    return (
      <div className="field" data-invalid={fieldErrors.length > 0 || undefined}>
        <label htmlFor={id}>{t(`corridors.runs.${field}`)}</label>
        <input
          id={id}
          name={field}
          type="datetime-local"
          value={draft[field]}
          onChange={(event) => set({ [field]: event.target.value })}
          aria-invalid={fieldErrors.length > 0 || undefined}
          aria-describedby={fieldErrors.length > 0 ? `${id}-error` : undefined}
        />
        <AreaFieldErrors id={`${id}-error`} errors={fieldErrors} />
      </div>
    );
  };

  return (
    <>
      <title>{`${t('corridors.runs.newTitle')} · ${t('app.name')}`}</title>
      <p>
        <Link to={`/corridors/${corridorId}`}>{corridor.data.name}</Link>
      </p>
      <h1>{t('corridors.runs.newTitle')}</h1>
      <p>
        {corridor.data.name}: <CorridorStatusBadge status={corridor.data.status} />
      </p>
      {!isCorridorOpen && (
        <div className="banner banner-error" role="alert">
          <p>{t('corridors.runs.closedWarning')}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div className="grid">
          <SelectField
            field="kind"
            label={t('corridors.runs.kind')}
            value={draft.kind}
            placeholder={false}
            onChange={(kind) => set({ kind })}
            errors={errorsAt('kind')}
          >
            {EVACUATION_RUN_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`corridors.runKind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            field="label"
            label={t('corridors.runs.label')}
            hint={t('corridors.runs.labelHint')}
            value={draft.label}
            onChange={(label) => set({ label })}
            errors={errorsAt('label')}
            maxLength={200}
          />
          <SiteSelect
            field="destinationSiteId"
            label={t('corridors.runs.destination')}
            value={draft.destinationSiteId}
            onChange={(destinationSiteId) => set({ destinationSiteId })}
            errors={errorsAt('destinationSiteId')}
            isOptional
          />
          {timeField('plannedDepartureAt')}
          {timeField('expectedArrivalAt')}
          <TextField
            field="arrivalMarginMinutes"
            label={t('corridors.runs.margin')}
            hint={t('corridors.runs.marginHint')}
            value={draft.arrivalMarginMinutes}
            onChange={(arrivalMarginMinutes) => set({ arrivalMarginMinutes })}
            errors={errorsAt('arrivalMarginMinutes')}
            inputMode="numeric"
            maxLength={5}
          />
          <TextField
            field="reportedHeadcount"
            label={t('corridors.runs.reportedHeadcount')}
            hint={t('corridors.runs.reportedHeadcountHint')}
            value={draft.reportedHeadcount}
            onChange={(reportedHeadcount) => set({ reportedHeadcount })}
            errors={errorsAt('reportedHeadcount')}
            inputMode="numeric"
            isOptional
            maxLength={7}
          />
        </div>
        <p className="hint">{t('corridors.runs.noSiteHint')}</p>
        <fieldset>
          <legend>{t('corridors.runs.vehicles')}</legend>
          {draft.vehicles.map((vehicle, index) => (
            <div
              className="grid"
              key={vehicle.key}
              role="group"
              aria-label={t('corridors.runs.vehicleN', { n: index + 1 })}
            >
              <TextField
                field={`vehicles[${index}].kind`}
                label={t('corridors.runs.vehicleKind')}
                value={vehicle.kind}
                onChange={(kind) => setVehicle(index, { kind })}
                errors={errorsAt(`vehicles[${index}].kind`)}
                maxLength={50}
              />
              <TextField
                field={`vehicles[${index}].label`}
                label={t('corridors.runs.vehicleLabel')}
                value={vehicle.label}
                onChange={(label) => setVehicle(index, { label })}
                errors={errorsAt(`vehicles[${index}].label`)}
                isOptional
                maxLength={100}
              />
              <TextField
                field={`vehicles[${index}].capacity`}
                label={t('corridors.runs.capacity')}
                value={vehicle.capacity}
                onChange={(capacity) => setVehicle(index, { capacity })}
                errors={errorsAt(`vehicles[${index}].capacity`)}
                inputMode="numeric"
                maxLength={4}
              />
              <div className="row-action">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    setDraft((current) => ({
                      ...current,
                      vehicles: current.vehicles.filter((_, i) => i !== index),
                    }))
                  }
                >
                  {t('corridors.runs.removeVehicle')}
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setDraft((current) => ({
                ...current,
                vehicles: [...current.vehicles, emptyVehicle()],
              }))
            }
          >
            {t('corridors.runs.addVehicle')}
          </button>
        </fieldset>
        {!isCorridorOpen && (
          <TextField
            field="closedCorridorReason"
            label={t('corridors.runs.closedReason')}
            hint={t('corridors.runs.closedReasonHint')}
            value={draft.closedCorridorReason}
            onChange={(closedCorridorReason) => set({ closedCorridorReason })}
            errors={errorsAt('closedCorridorReason')}
            maxLength={1000}
          />
        )}
        <WriteFailure error={creation.error} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={creation.isPending || undefined}>
            {t('corridors.runs.create')}
          </button>
        </div>
      </form>
    </>
  );
}
