import {
  ManifestPersonInput,
  type CheckInInput,
  type CheckInResult,
  type Manifest,
  type ManifestPerson,
} from '@haven/contract';
import { nameSearchText, nameSearchTokens, SEXES, transliterateUkrainian } from '@haven/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { checkIn, corridorKeys, useEvacuationRun, useManifest } from '../api/corridors.js';
import {
  AreaFieldErrors,
  fieldErrorsOfFailure,
  formErrorsOf,
  When,
  WriteFailure,
} from '../components/corridor-parts.js';
import { LoadFailure } from '../components/load-failure.js';
import { SiteSelect } from '../components/site-select.js';
import { SelectField } from '../components/select-field.js';
import { TextField } from '../components/text-field.js';
import type { FormError } from '../forms/form-errors.js';
import { prefillOf } from './check-in-prefill.js';

type Household = Manifest['households'][number];

const fullName = (person: Pick<ManifestPerson, 'familyName' | 'givenName'>): string =>
  `${person.familyName} ${person.givenName}`;

/**
 * The household's search text: every name as written and in KMU-55 Latin, birth dates and the
 * reference, folded as the registration search folds them.
 */
function searchTextOf(household: Household): string {
  return nameSearchText(
    household.members
      .flatMap((p) => {
        const name = [p.familyName, p.givenName, p.patronymic ?? ''].join(' ');
        return [name, transliterateUkrainian(name), p.birthDate];
      })
      .concat(household.reference ?? ''),
  );
}

/** Every word of the search starts a word of the household's names (any order, either script). */
function isMatch(searchText: string, search: string): boolean {
  return nameSearchTokens(search).every((token) => searchText.includes(` ${token}`));
}

/** What the last check-in found: who arrived, the flags, and the way on to the registration. */
function CheckInOutcome({
  result,
  runLabel,
  persons,
}: {
  readonly result: CheckInResult;
  readonly runLabel: string;
  readonly persons: ReadonlyMap<string, ManifestPerson>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const children = result.arrivals.filter((arrival) => arrival.unaccompanied);
  const outcome = useRef<HTMLDivElement>(null);
  // The registrar checked someone in far down the list: bring what happened into view.
  useEffect(() => {
    outcome.current?.scrollIntoView?.({ block: 'nearest' });
  }, [result]);
  const names = result.arrivals
    .map((arrival) => persons.get(arrival.manifestPersonId))
    .filter((person) => person !== undefined)
    .map(fullName);
  const isRepeat = result.arrivals.every((arrival) => arrival.alreadyCheckedIn);
  return (
    <div className="check-in-outcome" role="status" aria-live="polite" ref={outcome}>
      {children.length > 0 && (
        <div className="child-alert" role="alert">
          <p>{t('corridors.checkIn.unaccompaniedAlert', { count: children.length })}</p>
          <ul>
            {children.map((arrival) => {
              const person = persons.get(arrival.manifestPersonId);
              return <li key={arrival.manifestPersonId}>{person ? fullName(person) : ''}</li>;
            })}
          </ul>
        </div>
      )}
      <p className="banner banner-success">
        {isRepeat
          ? t('corridors.checkIn.alreadyArrived', { names: names.join(', ') })
          : t('corridors.checkIn.arrived', {
              count: result.arrivals.length,
              names: names.join(', '),
            })}
      </p>
      {result.flags.some((flag) => flag.kind === 'arrival-at-other-site') && (
        <p className="banner banner-error">{t('corridors.checkIn.otherSiteFlag')}</p>
      )}
      {result.flags
        .filter((flag) => flag.kind === 'unexpected-arrival')
        .map((flag) => (
          <p key={`${flag.kind}-${flag.manifestPersonId}`} className="banner banner-error">
            {t('corridors.checkIn.unexpectedFlag')}
          </p>
        ))}
      <button
        type="button"
        className="primary"
        onClick={() =>
          void navigate('/registrations/new', {
            state: { manifestPrefill: prefillOf(result.registrationDraft, runLabel) },
          })
        }
      >
        {t('corridors.checkIn.register')}
      </button>
    </div>
  );
}

interface UnexpectedDraft {
  readonly familyName: string;
  readonly givenName: string;
  readonly sex: string;
  readonly birthDate: string;
}

/** Someone who arrived with the run but is not on its manifest: allowed, recorded and flagged. */
function UnexpectedArrivalForm({
  onCheckIn,
  isPending,
  serverErrors,
}: {
  readonly onCheckIn: (input: CheckInInput) => void;
  readonly isPending: boolean;
  readonly serverErrors: readonly FormError[];
}) {
  const { t } = useTranslation();
  const empty: UnexpectedDraft = { familyName: '', givenName: '', sex: '', birthDate: '' };
  const [draft, setDraft] = useState<UnexpectedDraft>(empty);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const shown = [
    ...errors,
    ...serverErrors.map((error) => ({
      ...error,
      field: error.field.replace(/^unexpectedPerson\./, ''),
    })),
  ];
  const errorsAt = (field: string) => shown.filter((error) => error.field === field);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = ManifestPersonInput.safeParse({
      familyName: draft.familyName.trim(),
      givenName: draft.givenName.trim(),
      sex: draft.sex || undefined,
      birthDate: draft.birthDate.trim(),
      relationshipToHead: 'head',
    });
    if (!checked.success) {
      setErrors(formErrorsOf(checked.error.issues));
      return;
    }
    setErrors([]);
    onCheckIn({ unexpectedPerson: checked.data });
    setDraft(empty);
  };
  const set = (change: Partial<UnexpectedDraft>) => setDraft((c) => ({ ...c, ...change }));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="unexpected-title">
      <h2 id="unexpected-title">{t('corridors.checkIn.unexpectedTitle')}</h2>
      <p className="muted">{t('corridors.checkIn.unexpectedIntro')}</p>
      <div className="grid">
        <TextField
          field="unexpected.familyName"
          label={t('member.familyName')}
          value={draft.familyName}
          onChange={(familyName) => set({ familyName })}
          errors={errorsAt('familyName')}
          maxLength={100}
        />
        <TextField
          field="unexpected.givenName"
          label={t('member.givenName')}
          value={draft.givenName}
          onChange={(givenName) => set({ givenName })}
          errors={errorsAt('givenName')}
          maxLength={100}
        />
        <SelectField
          field="unexpected.sex"
          label={t('member.sex')}
          value={draft.sex}
          onChange={(sex) => set({ sex })}
          errors={errorsAt('sex')}
        >
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {t(`codes.sex.${sex}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          field="unexpected.birthDate"
          label={t('member.birthDate')}
          hint={t('member.birthDateHint')}
          value={draft.birthDate}
          onChange={(birthDate) => set({ birthDate })}
          errors={errorsAt('birthDate')}
          inputMode="numeric"
          maxLength={10}
        />
      </div>
      <button type="submit" className="secondary" aria-disabled={isPending || undefined}>
        {t('corridors.checkIn.checkInUnexpected')}
      </button>
    </form>
  );
}

/**
 * Arrival check-in at the reception site (issue 5 item 3): who is expected, found by name, checked
 * in by person or household, then on to the registration form filled from the manifest.
 * Checking someone in twice is harmless: the server answers with the first arrival.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const { runId = '' } = useParams();
  const queryClient = useQueryClient();
  const run = useEvacuationRun(runId);
  const manifest = useManifest(runId, { isLive: true });
  const [search, setSearch] = useState('');
  const [result, setResult] = useState<CheckInResult>();
  // Empty: where the run is expected; a diverted run may arrive at another site of the user's.
  const [siteId, setSiteId] = useState('');
  const arrival = useMutation({
    mutationFn: (input: CheckInInput) => checkIn(runId, siteId ? { ...input, siteId } : input),
    onSuccess: (checkedIn) => {
      setResult(checkedIn);
      void queryClient.invalidateQueries({ queryKey: corridorKeys.manifest(runId) });
      void queryClient.invalidateQueries({ queryKey: corridorKeys.run(runId) });
      void queryClient.invalidateQueries({ queryKey: corridorKeys.reconciliation(runId) });
    },
  });
  if (run.isPending || manifest.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (run.isError) {
    return <LoadFailure error={run.error} onRetry={() => void run.refetch()} />;
  }
  if (manifest.isError) {
    return <LoadFailure error={manifest.error} onRetry={() => void manifest.refetch()} />;
  }
  const households = manifest.data.households;
  const persons = new Map(households.flatMap((h) => h.members).map((p) => [p.id, p]));
  const shown = households.filter((household) => isMatch(searchTextOf(household), search));
  const expected = manifest.data.boarded - manifest.data.arrived;
  return (
    <>
      <title>{`${t('corridors.checkIn.title')} · ${run.data.label} · ${t('app.name')}`}</title>
      <p>
        <Link
          to={
            run.data.destinationSite
              ? `/reception?siteId=${run.data.destinationSite.id}`
              : '/reception'
          }
        >
          {t('corridors.checkIn.back')}
        </Link>
      </p>
      <h1>
        {t('corridors.checkIn.title')}: {run.data.label}
      </h1>
      <p>
        {run.data.destinationSite?.name ?? t('corridors.runs.noSite')} · {run.data.corridorName}
      </p>
      <ul className="figure-cards" aria-label={t('corridors.checkIn.figures')}>
        <li>
          <span className="figure">{manifest.data.boarded}</span>
          {t('corridors.reconciliation.boarded')}
        </li>
        <li>
          <span className="figure">{manifest.data.arrived}</span>
          {t('corridors.reconciliation.arrived')}
        </li>
        <li>
          <span className="figure">{expected}</span>
          {t('corridors.checkIn.stillExpected')}
        </li>
      </ul>
      {run.data.divertedTo && (
        <div className="banner banner-pending">
          <p>{t('corridors.diversion.divertedTo', { site: run.data.divertedTo.name })}</p>
          <SiteSelect
            field="siteId"
            label={t('corridors.checkIn.site')}
            placeholder={t('corridors.checkIn.expectedSite', { site: run.data.divertedTo.name })}
            value={siteId}
            onChange={setSiteId}
            isOptional
          />
          <AreaFieldErrors
            id="field-siteId-error"
            errors={fieldErrorsOfFailure(arrival.error).filter((e) => e.field === 'siteId')}
          />
        </div>
      )}
      {result && <CheckInOutcome result={result} runLabel={run.data.label} persons={persons} />}
      <WriteFailure error={arrival.error} />
      <div className="search" role="search">
        <TextField
          field="search"
          type="search"
          label={t('corridors.checkIn.search')}
          hint={t('corridors.checkIn.searchHint')}
          value={search}
          onChange={setSearch}
          maxLength={100}
        />
      </div>
      <p className="muted" role="status">
        {t('corridors.checkIn.shown', { count: shown.length })}
      </p>
      <ul className="check-in-households">
        {shown.map((household, h) => {
          const waiting = household.members.filter((person) => !person.arrival);
          const label =
            household.reference ??
            fullName(household.members[0] ?? { familyName: '', givenName: String(h + 1) });
          return (
            <li key={household.id}>
              <section aria-label={t('corridors.checkIn.householdLabel', { name: label })}>
                <h2 className="household-title">
                  {t('corridors.checkIn.householdLabel', { name: label })}
                </h2>
                <ul>
                  {household.members.map((person) => (
                    <li key={person.id} className="check-in-person">
                      <span>
                        <strong lang="uk">{fullName(person)}</strong> {person.patronymic ?? ''} ·{' '}
                        {person.birthDate}
                        {person.unaccompanied && (
                          <span className="row-flag">{t('corridors.manifest.unaccompanied')}</span>
                        )}
                        {person.unexpected && (
                          <span className="row-flag">{t('corridors.manifest.unexpected')}</span>
                        )}
                      </span>{' '}
                      {person.arrival ? (
                        <span className="muted">
                          {t('corridors.manifest.arrived')} <When at={person.arrival.arrivedAt} />
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t('corridors.checkIn.checkInPerson', {
                            name: fullName(person),
                          })}
                          aria-disabled={arrival.isPending || undefined}
                          onClick={() => {
                            if (!arrival.isPending) {
                              arrival.mutate({ manifestPersonId: person.id });
                            }
                          }}
                        >
                          {t('corridors.checkIn.checkIn')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
                {waiting.length > 1 && (
                  <button
                    type="button"
                    className="primary"
                    aria-label={t('corridors.checkIn.checkInHousehold', {
                      name: label,
                      count: waiting.length,
                    })}
                    aria-disabled={arrival.isPending || undefined}
                    onClick={() => {
                      if (!arrival.isPending) {
                        arrival.mutate({ manifestHouseholdId: household.id });
                      }
                    }}
                  >
                    {t('corridors.checkIn.checkInHouseholdShort', { count: waiting.length })}
                  </button>
                )}
              </section>
            </li>
          );
        })}
      </ul>
      <UnexpectedArrivalForm
        onCheckIn={(input) => arrival.mutate(input)}
        isPending={arrival.isPending}
        serverErrors={fieldErrorsOfFailure(arrival.error)}
      />
    </>
  );
}
