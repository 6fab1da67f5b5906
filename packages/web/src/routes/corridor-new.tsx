import { CorridorInput, type CorridorStatus } from '@haven/contract';
import { defaultCorridorTimeZone, UKRAINE_ADMIN_UNITS } from '@haven/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { corridorKeys, createCorridor } from '../api/corridors.js';
import { useHostCountries, useSites } from '../api/queries.js';
import {
  AreaFieldErrors,
  fieldErrorsOfFailure,
  formErrorsOf,
  timestampOf,
  WindowFields,
  WriteFailure,
} from '../components/corridor-parts.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import { fieldId, type FormError } from '../forms/form-errors.js';
import { adminUnitOptionLabel } from '../i18n/code-labels.js';

const NEW_CORRIDOR_STATUSES = ['planned', 'open'] as const satisfies readonly CorridorStatus[];

interface PlaceDraft {
  readonly name: string;
  readonly countryCode: string;
  readonly pcode: string;
  readonly latitude: string;
  readonly longitude: string;
}

interface CorridorDraft {
  readonly name: string;
  readonly countryCode: string;
  readonly origin: PlaceDraft;
  readonly destination: PlaceDraft;
  /** Points between the two ends, one 'latitude, longitude' a line, in travel order. */
  readonly waypoints: string;
  /** One guarantor a line (ICRC, the UN, a government). */
  readonly guarantors: string;
  /** IANA name; empty: the origin country's zone, which the server fills in. */
  readonly timeZone: string;
  readonly status: CorridorStatus;
  readonly windowStart: string;
  readonly windowEnd: string;
}

const emptyPlace = (countryCode: string): PlaceDraft => ({
  name: '',
  countryCode,
  pcode: '',
  latitude: '',
  longitude: '',
});

const numberOf = (text: string): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? undefined : value;
};

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** 'latitude, longitude' lines as GeoJSON positions ([longitude, latitude], RFC 7946). */
function waypointsOf(text: string): { positions: [number, number][]; badLine?: number } {
  const positions: [number, number][] = [];
  const all = lines(text);
  for (const [i, line] of all.entries()) {
    const [latitude, longitude] = line.split(/[\s,;]+/).map(numberOf);
    if (latitude === undefined || longitude === undefined) {
      return { positions, badLine: i + 1 };
    }
    positions.push([longitude, latitude]);
  }
  return { positions };
}

function placeBodyOf(place: PlaceDraft) {
  return {
    name: place.name.trim(),
    countryCode: place.countryCode,
    ...(place.pcode ? { pcode: place.pcode } : {}),
    latitude: numberOf(place.latitude),
    longitude: numberOf(place.longitude),
  };
}

function bodyOf(draft: CorridorDraft) {
  const origin = placeBodyOf(draft.origin);
  const destination = placeBodyOf(draft.destination);
  const ends = (place: typeof origin): [number, number][] =>
    place.latitude === undefined || place.longitude === undefined
      ? []
      : [[place.longitude, place.latitude]];
  return {
    name: draft.name.trim(),
    countryCode: draft.countryCode,
    origin,
    destination,
    route: {
      type: 'LineString',
      coordinates: [
        ...ends(origin),
        ...waypointsOf(draft.waypoints).positions,
        ...ends(destination),
      ],
    },
    guarantors: lines(draft.guarantors),
    ...(draft.timeZone.trim() === '' ? {} : { timeZone: draft.timeZone.trim() }),
    status: draft.status,
    windowStart: timestampOf(draft.windowStart),
    windowEnd: timestampOf(draft.windowEnd),
  };
}

/** The checks the browser can make before sending: the contract's, the window's order, the route. */
export function checkCorridorDraft(draft: CorridorDraft): FormError[] {
  const body = bodyOf(draft);
  const checked = CorridorInput.safeParse(body);
  const errors = checked.success ? [] : formErrorsOf(checked.error.issues);
  const { badLine } = waypointsOf(draft.waypoints);
  if (badLine !== undefined) {
    errors.push({ field: 'waypoints', message: `line ${badLine}`, code: 'waypoint' });
  }
  return errors;
}

/** A new corridor: its ends, route, guarantors and first status with its agreed window. */
export function CorridorNewPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const countries = useHostCountries().data ?? [];
  const sites = useSites().data ?? [];
  const [draft, setDraft] = useState<CorridorDraft>({
    name: '',
    countryCode: '',
    origin: emptyPlace('UA'),
    destination: emptyPlace(''),
    waypoints: '',
    guarantors: '',
    timeZone: '',
    status: 'planned',
    windowStart: '',
    windowEnd: '',
  });
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const creation = useMutation({
    mutationFn: createCorridor,
    onSuccess: (corridor) => {
      void queryClient.invalidateQueries({ queryKey: corridorKeys.all });
      void navigate(`/corridors/${corridor.id}`);
    },
    onError: (error) => setErrors(fieldErrorsOfFailure(error)),
  });
  const errorsAt = (field: string) => errors.filter((error) => error.field === field);
  const set = (change: Partial<CorridorDraft>) =>
    setDraft((current) => ({ ...current, ...change }));
  const setPlace = (end: 'origin' | 'destination', change: Partial<PlaceDraft>) =>
    setDraft((current) => ({ ...current, [end]: { ...current[end], ...change } }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkCorridorDraft(draft);
    setErrors(found);
    if (found.length > 0) {
      const first = found[0];
      if (first) {
        document.getElementById(fieldId(first.field))?.focus();
      }
      return;
    }
    creation.mutate(CorridorInput.parse(bodyOf(draft)));
  };

  const placeFields = (end: 'origin' | 'destination') => {
    const place = draft[end];
    return (
      <fieldset>
        <legend>{t(`corridors.form.${end}`)}</legend>
        {end === 'destination' && sites.length > 0 && (
          <SelectField
            field="destinationSite"
            label={t('corridors.form.fromSite')}
            hint={t('corridors.form.fromSiteHint')}
            value=""
            isOptional
            onChange={(siteId) => {
              const site = sites.find((s) => s.id === siteId);
              if (site) {
                setPlace('destination', {
                  name: site.name,
                  countryCode: site.countryCode,
                  latitude: String(site.latitude),
                  longitude: String(site.longitude),
                });
                if (!draft.countryCode) {
                  set({ countryCode: site.countryCode });
                }
              }
            }}
          >
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </SelectField>
        )}
        <div className="grid">
          <TextField
            field={`${end}.name`}
            label={t('corridors.form.placeName')}
            value={place.name}
            onChange={(name) => setPlace(end, { name })}
            errors={errorsAt(`${end}.name`)}
            maxLength={200}
          />
          {end === 'origin' ? (
            <SelectField
              field="origin.pcode"
              label={t('corridors.form.pcode')}
              value={place.pcode}
              onChange={(pcode) => setPlace('origin', { pcode })}
              errors={errorsAt('origin.pcode')}
              isOptional
            >
              {UKRAINE_ADMIN_UNITS.filter((unit) => unit.level === 1).map((unit) => (
                <option key={unit.pcode} value={unit.pcode}>
                  {adminUnitOptionLabel(unit, language)}
                </option>
              ))}
            </SelectField>
          ) : (
            <TextField
              field="destination.countryCode"
              label={t('corridors.form.placeCountry')}
              hint={t('corridors.form.placeCountryHint')}
              value={place.countryCode}
              onChange={(countryCode) => setPlace(end, { countryCode: countryCode.toUpperCase() })}
              errors={errorsAt('destination.countryCode')}
              maxLength={2}
            />
          )}
          <TextField
            field={`${end}.latitude`}
            label={t('corridors.form.latitude')}
            hint={t('corridors.form.latitudeHint')}
            value={place.latitude}
            onChange={(latitude) => setPlace(end, { latitude })}
            errors={errorsAt(`${end}.latitude`)}
            maxLength={12}
          />
          <TextField
            field={`${end}.longitude`}
            label={t('corridors.form.longitude')}
            hint={t('corridors.form.longitudeHint')}
            value={place.longitude}
            onChange={(longitude) => setPlace(end, { longitude })}
            errors={errorsAt(`${end}.longitude`)}
            maxLength={12}
          />
        </div>
      </fieldset>
    );
  };

  const waypointErrors = errorsAt('waypoints');
  const routeErrors = [...errorsAt('route'), ...errorsAt('route.coordinates')];
  return (
    <>
      <title>{`${t('corridors.form.title')} · ${t('app.name')}`}</title>
      <h1>{t('corridors.form.title')}</h1>
      <form onSubmit={submit} noValidate>
        <div className="grid">
          <TextField
            field="name"
            label={t('corridors.fields.name')}
            hint={t('corridors.form.nameHint')}
            value={draft.name}
            onChange={(name) => set({ name })}
            errors={errorsAt('name')}
            maxLength={200}
          />
          <SelectField
            field="countryCode"
            label={t('corridors.form.managedIn')}
            hint={t('corridors.form.managedInHint')}
            value={draft.countryCode}
            onChange={(countryCode) => set({ countryCode })}
            errors={errorsAt('countryCode')}
          >
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </SelectField>
          <TextField
            field="timeZone"
            label={t('corridors.fields.timeZone')}
            hint={t('corridors.form.timeZoneHint')}
            value={draft.timeZone}
            onChange={(timeZone) => set({ timeZone })}
            errors={errorsAt('timeZone')}
            placeholder={defaultCorridorTimeZone(draft.origin.countryCode) ?? ''}
            isOptional
            maxLength={64}
          />
        </div>
        {placeFields('origin')}
        {placeFields('destination')}
        <div
          className="field"
          data-invalid={waypointErrors.length + routeErrors.length > 0 || undefined}
        >
          <label htmlFor={fieldId('waypoints')}>
            {t('corridors.form.waypoints')}{' '}
            <span className="optional">({t('common.optional')})</span>
          </label>
          <p id={`${fieldId('waypoints')}-hint`} className="hint">
            {t('corridors.form.waypointsHint')}
          </p>
          <textarea
            id={fieldId('waypoints')}
            name="waypoints"
            rows={4}
            value={draft.waypoints}
            onChange={(event) => set({ waypoints: event.target.value })}
            aria-invalid={waypointErrors.length > 0 || undefined}
            aria-describedby={`${fieldId('waypoints')}-hint ${fieldId('waypoints')}-error`}
          />
          {waypointErrors.length > 0 ? (
            <div id={`${fieldId('waypoints')}-error`} className="field-error">
              <p>
                {t('corridors.validation.waypoint', { line: waypointErrors[0]?.message ?? '' })}
              </p>
            </div>
          ) : (
            <AreaFieldErrors id={`${fieldId('waypoints')}-error`} errors={routeErrors} />
          )}
        </div>
        <div className="field">
          <label htmlFor={fieldId('guarantors')}>
            {t('corridors.fields.guarantors')}{' '}
            <span className="optional">({t('common.optional')})</span>
          </label>
          <p id={`${fieldId('guarantors')}-hint`} className="hint">
            {t('corridors.form.guarantorsHint')}
          </p>
          <textarea
            id={fieldId('guarantors')}
            name="guarantors"
            rows={3}
            value={draft.guarantors}
            onChange={(event) => set({ guarantors: event.target.value })}
            aria-describedby={`${fieldId('guarantors')}-hint`}
          />
          <AreaFieldErrors id={`${fieldId('guarantors')}-error`} errors={errorsAt('guarantors')} />
        </div>
        <fieldset>
          <legend>{t('corridors.form.firstStatus')}</legend>
          <div className="grid">
            <SelectField
              field="status"
              label={t('corridors.fields.status')}
              value={draft.status}
              placeholder={false}
              onChange={(value) =>
                set({ status: NEW_CORRIDOR_STATUSES.find((s) => s === value) ?? 'planned' })
              }
              errors={errorsAt('status')}
            >
              {/* A corridor starts planned or open; suspended and closed come later. */}
              {NEW_CORRIDOR_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`corridors.status.${status}`)}
                </option>
              ))}
            </SelectField>
            <WindowFields
              start={draft.windowStart}
              end={draft.windowEnd}
              onChange={(window) => set(window)}
              errorsAt={errorsAt}
            />
          </div>
        </fieldset>
        <WriteFailure error={creation.error} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={creation.isPending || undefined}>
            {t('corridors.form.create')}
          </button>
        </div>
      </form>
    </>
  );
}
