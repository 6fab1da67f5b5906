import { ARRIVAL_MODES } from '@haven/core';
import type { RegistrationInput } from '@haven/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { previewRegistration, registerHousehold } from '../api/client.js';
import { ProblemError, isRetryable } from '../api/problem-error.js';
import { registrationQuery, useSites } from '../api/queries.js';
import { ConsentFieldset } from '../components/consent-fieldset.js';
import { ErrorSummary } from '../components/error-summary.js';
import { FieldErrors } from '../components/field-errors.js';
import { MemberFieldset } from '../components/member-fieldset.js';
import { OriginPicker } from '../components/origin-picker.js';
import { PossibleMatches } from '../components/possible-matches.js';
import { SelectField } from '../components/select-field.js';
import { SiteSelect } from '../components/site-select.js';
import { TextField } from '../components/text-field.js';
import type { ErrorsAt } from '../forms/errors-at.js';
import { fieldId, firstErrorPerField, placeErrors, type FormError } from '../forms/form-errors.js';
import { keyFor, type KeyedBody } from '../forms/idempotency-key.js';
import {
  checkRegistrationDraft,
  emptyRegistration,
  shownFields,
  withMember,
  withMemberAdded,
  withMemberRemoved,
  type ConsentDraft,
  type MemberDraft,
  type RegistrationDraft,
} from '../forms/registration-draft.js';
import { readRemembered, remember } from '../forms/remembered.js';
import { problemText } from '../i18n/problem-text.js';
import { useSessionTouch } from '../session/use-session-touch.js';
import { linkManifestPersons, prefillInState } from './check-in-prefill.js';

const MEMBERS = 'household.members';

/** True when `field` is `prefix` or lies inside it ('a.b' is inside 'a', 'a[0]' too). */
const isWithin = (field: string, prefix: string): boolean =>
  field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);

const today = (): string => new Date().toISOString().slice(0, 10);

/** Quiet time after the last keystroke before earlier registrations are looked up. */
export const PREVIEW_DELAY_MS = 800;

const memberName = (member: { familyName: string; givenName: string }): string =>
  `${member.familyName} ${member.givenName}`.trim();

export function RegisterHouseholdPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Opened from a reception check-in: the form starts filled from the run's manifest (issue 5).
  const location = useLocation();
  const [prefill] = useState(() => prefillInState(location.state));
  const [draft, setDraft] = useState<RegistrationDraft>(
    () => prefill?.draft ?? emptyRegistration(readRemembered()),
  );
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const pendingFocusId = useRef<string | undefined>(undefined);
  const lastSent = useRef<KeyedBody | undefined>(undefined);
  const sites = useSites();
  const touchSession = useSessionTouch();

  const submission = useMutation({
    mutationFn: ({ input, key }: { input: RegistrationInput; key: string }) =>
      registerHousehold(input, key),
    // Resending is safe: the same body goes with the same Idempotency-Key and is stored once.
    retry: (failures, error) => failures < 3 && isRetryable(error),
    retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
  });

  // A site remembered from an earlier day (or by another user of this tablet) may since have been
  // removed or be outside the signed-in user's scope.
  useEffect(() => {
    if (
      sites.data &&
      draft.siteId &&
      !sites.data.some((site) => site.id === draft.siteId && site.canRegister)
    ) {
      setDraft((current) => ({ ...current, siteId: '' }));
    }
  }, [sites.data, draft.siteId]);

  useEffect(() => {
    if (focusRequest === 0) {
      return;
    }
    const first = formRef.current?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [data-has-error="true"]',
    );
    const target = first ?? summaryRef.current;
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  }, [focusRequest]);

  useEffect(() => {
    if (pendingFocusId.current) {
      document.getElementById(pendingFocusId.current)?.focus();
      pendingFocusId.current = undefined;
    }
  });

  // Once the form would pass, the household is looked up among earlier registrations, after a
  // pause in typing: the registrar sees possible matches, and why, before registering (#3 item 4).
  const check = useMemo(() => checkRegistrationDraft(draft), [draft]);
  const previewInput = check.kind === 'valid' ? check.input : undefined;
  const previewKey = previewInput ? JSON.stringify(previewInput) : undefined;
  const [previewed, setPreviewed] = useState<{ key: string; input: RegistrationInput }>();
  const isSubmitting = submission.isPending || submission.isSuccess;
  useEffect(() => {
    if (!previewInput || !previewKey || isSubmitting) {
      return;
    }
    const timer = setTimeout(() => {
      setPreviewed({ key: previewKey, input: previewInput });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [previewInput, previewKey, isSubmitting]);
  const isPreviewCurrent = previewed !== undefined && previewed.key === previewKey;
  const preview = useQuery({
    queryKey: ['registration-preview', previewed?.key],
    queryFn: ({ signal }) =>
      previewed ? previewRegistration(previewed.input, signal) : Promise.reject(new Error('none')),
    enabled: isPreviewCurrent && !isSubmitting,
    retry: false,
    staleTime: 60_000,
  });

  const placed = useMemo(() => placeErrors(errors, shownFields(draft)), [errors, draft]);
  const errorsAt: ErrorsAt = (field) => placed.byField.get(field) ?? [];

  const showErrors = (found: readonly FormError[]) => {
    setErrors(firstErrorPerField(found));
    setFocusRequest((n) => n + 1);
  };
  /** Applies a change and forgets the errors of the fields it touched: they are being fixed. */
  const update = (
    change: (current: RegistrationDraft) => RegistrationDraft,
    ...fields: readonly string[]
  ) => {
    setDraft(change);
    setErrors((current) =>
      current.filter((error) => !fields.some((field) => isWithin(error.field, field))),
    );
  };
  const setMember = (index: number, change: Partial<MemberDraft>) =>
    update(
      (current) => withMember(current, index, change),
      ...Object.keys(change).map((key) => `${MEMBERS}[${index}].${key}`),
    );
  const setConsent = (change: Partial<ConsentDraft>) =>
    update(
      (current) => ({ ...current, consent: { ...current.consent, ...change } }),
      ...Object.keys(change).map((key) => `consent.${key}`),
    );
  const addMember = () => {
    pendingFocusId.current = fieldId(`${MEMBERS}[${draft.members.length}].familyName`);
    update(withMemberAdded);
  };
  const removeMember = (index: number) => {
    pendingFocusId.current = 'add-member';
    // Indices shift: the remaining members' errors would point at the wrong person.
    update((current) => withMemberRemoved(current, index), MEMBERS, 'consent.givenByMember');
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submission.isPending) {
      return;
    }
    if (check.kind === 'invalid') {
      showErrors(check.errors);
      return;
    }
    setErrors([]);
    const sending = keyFor(JSON.stringify(check.input), lastSent.current);
    lastSent.current = sending;
    submission.mutate(
      { input: check.input, key: sending.key },
      {
        onSuccess: ({ identityMatches, ...registration }) => {
          remember({ siteId: check.input.siteId });
          if (prefill) {
            const sentKeys = draft.members.map((member) => member.key);
            void linkManifestPersons(prefill, sentKeys, registration);
          }
          // The list must show the new household; its registration is already at hand.
          void queryClient.invalidateQueries({ queryKey: ['registrations'] });
          queryClient.setQueryData(registrationQuery(registration.id).queryKey, registration);
          // The household view shows the matches found when it was registered.
          void navigate(`/households/${registration.householdId}`, {
            state: { isJustRegistered: true, identityMatches },
          });
        },
        onError: (error) => {
          if (error instanceof ProblemError && error.errors.length > 0) {
            showErrors(error.errors);
          }
        },
      },
    );
  };

  const failure = submission.error;
  const failureText =
    failure === null || (failure instanceof ProblemError && failure.errors.length > 0)
      ? undefined
      : problemText(failure, t);

  return (
    <>
      <title>{`${t('register.title')} · ${t('app.name')}`}</title>
      <h1>{t('register.title')}</h1>
      <p className="intro">{t('register.intro')}</p>
      {prefill && (
        <p className="banner banner-success" role="status">
          {t('corridors.checkIn.prefilled', { run: prefill.runLabel })}
        </p>
      )}
      <form ref={formRef} onSubmit={submit} onInput={touchSession} noValidate>
        <ErrorSummary ref={summaryRef} placed={placed} />
        <fieldset className="section">
          <legend>{t('register.registrationLegend')}</legend>
          <div className="grid">
            <SiteSelect
              field="siteId"
              label={t('register.site')}
              value={draft.siteId}
              onChange={(siteId) => update((current) => ({ ...current, siteId }), 'siteId')}
              errors={errorsAt('siteId')}
              isRegisteringOnly
            />
          </div>
          <div className="grid">
            <OriginPicker
              oblastPcode={draft.oblastPcode}
              raionPcode={draft.raionPcode}
              onChange={(origin) => update((current) => ({ ...current, ...origin }), 'originPcode')}
              errors={errorsAt('originPcode')}
            />
          </div>
          <div className="grid">
            <SelectField
              field="arrivalMode"
              label={t('register.arrivalMode')}
              value={draft.arrivalMode}
              onChange={(value) =>
                update(
                  (current) => ({
                    ...current,
                    arrivalMode: ARRIVAL_MODES.find((mode) => mode === value) ?? '',
                  }),
                  'arrivalMode',
                )
              }
              errors={errorsAt('arrivalMode')}
            >
              {ARRIVAL_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`codes.arrivalMode.${mode}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              field="arrivalDate"
              type="date"
              label={t('register.arrivalDate')}
              value={draft.arrivalDate}
              onChange={(arrivalDate) =>
                update((current) => ({ ...current, arrivalDate }), 'arrivalDate')
              }
              errors={errorsAt('arrivalDate')}
              max={today()}
              isOptional
            />
          </div>
        </fieldset>

        <section
          className="members"
          id={fieldId(MEMBERS)}
          tabIndex={-1}
          aria-labelledby="members-heading"
          data-has-error={errorsAt(MEMBERS).length > 0 || undefined}
        >
          <h2 id="members-heading">{t('register.membersLegend')}</h2>
          <FieldErrors id={`${fieldId(MEMBERS)}-error`} errors={errorsAt(MEMBERS)} />
          {draft.members.map((member, index) => (
            <MemberFieldset
              key={member.key}
              index={index}
              member={member}
              onChange={(change) => setMember(index, change)}
              onRemove={draft.members.length > 1 ? () => removeMember(index) : undefined}
              errorsAt={errorsAt}
            />
          ))}
          <button type="button" id="add-member" className="secondary" onClick={addMember}>
            {t('register.addMember')}
          </button>
        </section>

        <div aria-live="polite">
          {isPreviewCurrent && preview.isFetching && (
            <p className="muted" role="status">
              {t('matches.checking')}
            </p>
          )}
          {isPreviewCurrent && preview.data && (
            <PossibleMatches
              matches={preview.data}
              nameOf={(member) => {
                const entered = draft.members[member.member];
                return entered ? memberName(entered) : '';
              }}
            />
          )}
        </div>

        <ConsentFieldset
          consent={draft.consent}
          members={draft.members}
          onChange={setConsent}
          errorsAt={errorsAt}
        />

        <div className="actions">
          {failureText && (
            <p className="banner banner-error" role="alert">
              {failureText}
            </p>
          )}
          <button
            type="submit"
            className="primary"
            aria-disabled={submission.isPending || undefined}
          >
            {submission.isPending ? t('register.submitting') : t('register.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
