import type { EnrolmentSummary, Person, PersonCashAssistance } from '@haven/contract';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  cashKeys,
  closeEnrolment,
  enrolHousehold,
  getPersonCashAssistance,
  useProgrammes,
} from '../api/cash-assistance.js';
import { useHousehold } from '../api/queries.js';
import { describedByOf, LabelledField } from '../components/labelled-field.js';
import { LoadFailure } from '../components/load-failure.js';
import { Money } from '../components/money.js';
import { PersonName } from '../components/person-name.js';
import { Refusal } from '../components/refusal.js';
import { todayIso } from '../components/status-change-form.js';
import { countryName } from '../i18n/code-labels.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

/**
 * A household's cash assistance: enrolling it in a programme of its country, and for each member
 * what was paid and what is held, with the reason — so an officer sees at a glance that everyone
 * is paid once.
 */
export function CashHouseholdPage() {
  const { t } = useTranslation();
  const { householdId = '' } = useParams();
  const session = useSignedIn();
  const household = useHousehold(householdId);
  const members = household.data?.members ?? [];
  const cash = useQueries({
    queries: members.map((member) => ({
      queryKey: cashKeys.person(member.id),
      queryFn: () => getPersonCashAssistance(member.id),
    })),
  });

  if (household.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (household.isError) {
    return <LoadFailure error={household.error} onRetry={() => void household.refetch()} />;
  }
  const head = members.find((member) => member.relationshipToHead === 'head') ?? members[0];
  const countryCode = household.data.registrations[0]?.site.countryCode ?? '';
  return (
    <>
      <title>{`${t('cash.household.title')} · ${t('app.name')}`}</title>
      <p>
        <Link to={`/households/${householdId}`}>{t('protection.backToHousehold')}</Link>
      </p>
      <h1>
        {t('cash.household.title')}
        {head && (
          <>
            {': '}
            <PersonName {...head} />
          </>
        )}
      </h1>
      {hasPermission(session, 'cash:enrol') && (
        <EnrolForm householdId={householdId} members={members} countryCode={countryCode} />
      )}
      <HouseholdEnrolments
        enrolments={uniqueEnrolments(cash.map((result) => result.data))}
        canClose={hasPermission(session, 'cash:enrol')}
      />
      <section aria-labelledby="member-cash-title">
        <h2 id="member-cash-title">{t('cash.household.membersTitle')}</h2>
        <div className="cards">
          {members.map((member, index) => (
            <MemberCash
              key={member.id}
              member={member}
              cash={cash[index]?.data}
              error={cash[index]?.error ?? null}
            />
          ))}
        </div>
      </section>
    </>
  );
}

/** The household's enrolments, each once, as its members' records list them. */
function uniqueEnrolments(
  records: readonly (PersonCashAssistance | undefined)[],
): EnrolmentSummary[] {
  const byId = new Map<string, EnrolmentSummary>();
  for (const enrolment of records.flatMap((record) => record?.enrolments ?? [])) {
    byId.set(enrolment.id, enrolment);
  }
  return [...byId.values()];
}

/** Enrolments with their monthly amount; an officer closes one from a day, with a reason. */
function HouseholdEnrolments({
  enrolments,
  canClose,
}: {
  readonly enrolments: readonly EnrolmentSummary[];
  readonly canClose: boolean;
}) {
  const { t } = useTranslation();
  if (enrolments.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="enrolments-title">
      <h2 id="enrolments-title">{t('cash.enrolments.title')}</h2>
      <ul className="plain">
        {enrolments.map((enrolment) => (
          <li key={enrolment.id} className="card">
            <p>
              <Link to={`/cash/programmes/${enrolment.programmeId}`}>
                {enrolment.programmeName}
              </Link>
              :{' '}
              <Money
                amountMinor={enrolment.entitlement.amountMinor}
                currency={enrolment.entitlement.currency}
              />{' '}
              {t('cash.enrol.perPeriod')} {t('cash.enrolments.recipient')}:{' '}
              {enrolment.recipientName}. {t(`cash.enrolmentStates.${enrolment.status}`)}
              {enrolment.closedOn && ` (${enrolment.closedOn})`}
            </p>
            {canClose && enrolment.status === 'active' && (
              <CloseEnrolmentForm enrolmentId={enrolment.id} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CloseEnrolmentForm({ enrolmentId }: { readonly enrolmentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [closedOn, setClosedOn] = useState(todayIso);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const close = useMutation({
    mutationFn: () => closeEnrolment(enrolmentId, { closedOn, reason: reason.trim() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cashKeys.all }),
  });
  const id = `close-${enrolmentId}`;
  return (
    <details>
      <summary>
        <span className="summary-label">{t('cash.close.title')}</span>
      </summary>
      <form
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!reason.trim()) {
            setError(t('cash.close.reasonRequired'));
            return;
          }
          setError(undefined);
          close.mutate();
        }}
        noValidate
        aria-label={t('cash.close.title')}
      >
        <div className="grid">
          <LabelledField id={`${id}-on`} label={t('cash.close.closedOn')}>
            <input
              id={`${id}-on`}
              type="date"
              value={closedOn}
              onChange={(event) => setClosedOn(event.target.value)}
            />
          </LabelledField>
          <LabelledField id={`${id}-reason`} label={t('cash.close.reason')} error={error}>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
              {...describedByOf(`${id}-reason`, { error })}
            />
          </LabelledField>
        </div>
        <Refusal error={close.error} />
        <button type="submit" className="secondary" aria-disabled={close.isPending || undefined}>
          {t('cash.close.submit')}
        </button>
      </form>
    </details>
  );
}

function MemberCash({
  member,
  cash,
  error,
}: {
  readonly member: Person;
  readonly cash: PersonCashAssistance | undefined;
  readonly error: Error | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const id = `cash-${member.id}`;
  return (
    <article className="card" aria-labelledby={id}>
      <h3 id={id}>
        <PersonName {...member} />
      </h3>
      {error && <Refusal error={error} />}
      {!cash && !error && <p role="status">{t('common.loading')}</p>}
      {cash && (
        <>
          {cash.payments.length === 0 && cash.holds.length === 0 && (
            <p className="muted">{t('cash.household.nothing')}</p>
          )}
          {cash.payments.length > 0 && (
            <ul className="plain" aria-label={t('cash.household.paymentsLabel')}>
              {cash.payments.map((payment) => (
                <li key={payment.paymentId} className="member-payment">
                  <strong>{t('cash.household.paid', { period: payment.period })}</strong>{' '}
                  <Link to={`/cash/batches/${payment.batchId}`}>{payment.programmeName}</Link> (
                  {countryName(payment.countryCode, language)}),{' '}
                  <Money
                    amountMinor={payment.amount.amountMinor}
                    currency={payment.amount.currency}
                  />{' '}
                  <span className="muted">
                    {t('cash.household.householdPayment')} · {t(`cash.outcomes.${payment.outcome}`)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {cash.holds.length > 0 && (
            <ul className="plain" aria-label={t('cash.household.holdsLabel')}>
              {cash.holds.map((hold) => (
                <li key={hold.id} className="member-hold">
                  <strong>
                    {t('cash.household.held', { period: hold.period })}:{' '}
                    {t(`cash.holdReasons.${hold.reason}`)}
                  </strong>
                  {hold.conflict &&
                    ` ${t('cash.holds.conflict', {
                      programme: hold.conflict.programmeName,
                      country: countryName(hold.conflict.countryCode, language),
                      period: hold.conflict.period,
                    })}`}{' '}
                  <span className="muted">({t(`cash.holdStates.${hold.state}`)})</span>
                </li>
              ))}
            </ul>
          )}
          {cash.enrolments.length > 0 && (
            <p className="muted">
              {t('cash.household.enrolledIn', {
                programmes: cash.enrolments.map((enrolment) => enrolment.programmeName).join(', '),
              })}
            </p>
          )}
        </>
      )}
    </article>
  );
}

function EnrolForm({
  householdId,
  members,
  countryCode,
}: {
  readonly householdId: string;
  readonly members: readonly Person[];
  readonly countryCode: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const programmes = useProgrammes();
  const offered =
    programmes.data?.items.filter((programme) => programme.countryCode === countryCode) ?? [];
  const [programmeId, setProgrammeId] = useState('');
  const [chosen, setChosen] = useState<readonly string[]>(() => members.map(({ id }) => id));
  const [recipientId, setRecipientId] = useState(
    () => (members.find((m) => m.relationshipToHead === 'head') ?? members[0])?.id ?? '',
  );
  const [enrolledOn, setEnrolledOn] = useState(todayIso);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const enrol = useMutation({
    mutationFn: () =>
      enrolHousehold(programmeId, {
        householdId,
        personIds: [...chosen],
        recipientPersonId: recipientId,
        enrolledOn,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cashKeys.all }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!offered.some((programme) => programme.id === programmeId)) {
      found.programme = t('cash.enrol.programmeRequired');
    }
    if (chosen.length === 0) {
      found.members = t('cash.enrol.membersRequired');
    }
    if (!chosen.includes(recipientId)) {
      found.recipient = t('cash.enrol.recipientRequired');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(enrolledOn)) {
      found.enrolledOn = t('protection.change.dateRequired');
    }
    setErrors(found);
    if (Object.keys(found).length === 0) {
      enrol.mutate();
    }
  };
  return (
    <form className="section" onSubmit={submit} noValidate aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('cash.enrol.title')}</h2>
      <p className="hint">{t('cash.enrol.intro')}</p>
      {programmes.isSuccess && offered.length === 0 && (
        <p className="muted">{t('cash.enrol.noProgramme')}</p>
      )}
      <div className="grid">
        <LabelledField
          id="enrol-programme"
          label={t('cash.enrol.programme')}
          error={errors.programme}
        >
          <select
            id="enrol-programme"
            value={programmeId}
            onChange={(event) => setProgrammeId(event.target.value)}
            {...describedByOf('enrol-programme', { error: errors.programme })}
          >
            <option value="">{t('common.choose')}</option>
            {offered.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField
          id="enrol-recipient"
          label={t('cash.enrol.recipient')}
          hint={t('cash.enrol.recipientHint')}
          error={errors.recipient}
        >
          <select
            id="enrol-recipient"
            value={recipientId}
            onChange={(event) => setRecipientId(event.target.value)}
            {...describedByOf('enrol-recipient', { hasHint: true, error: errors.recipient })}
          >
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.familyName} {member.givenName}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField
          id="enrol-on"
          label={t('cash.enrol.enrolledOn')}
          hint={t('cash.enrol.enrolledOnHint')}
          error={errors.enrolledOn}
        >
          <input
            id="enrol-on"
            type="date"
            value={enrolledOn}
            onChange={(event) => setEnrolledOn(event.target.value)}
            {...describedByOf('enrol-on', { hasHint: true, error: errors.enrolledOn })}
          />
        </LabelledField>
      </div>
      <fieldset
        className="subgroup"
        aria-describedby={errors.members ? 'enrol-members-error' : undefined}
      >
        <legend>{t('cash.enrol.members')}</legend>
        <div className="checkboxes">
          {members.map((member) => (
            <div className="checkbox" key={member.id}>
              <input
                type="checkbox"
                id={`enrol-member-${member.id}`}
                checked={chosen.includes(member.id)}
                onChange={(event) =>
                  setChosen((current) =>
                    event.target.checked
                      ? [...current, member.id]
                      : current.filter((id) => id !== member.id),
                  )
                }
              />
              <label htmlFor={`enrol-member-${member.id}`}>
                {member.familyName} {member.givenName}
              </label>
            </div>
          ))}
        </div>
        {errors.members && (
          <div id="enrol-members-error" className="field-error">
            <p>{errors.members}</p>
          </div>
        )}
      </fieldset>
      <Refusal
        error={enrol.error}
        labelOf={(field) => {
          // The server names members by their place in the list sent.
          const index = /^personIds\[(\d+)\]$/.exec(field)?.[1];
          const member = members.find(({ id }) => id === chosen[Number(index)]);
          if (member) {
            return `${member.familyName} ${member.givenName}`;
          }
          return field === 'recipientPersonId' ? t('cash.enrol.recipient') : undefined;
        }}
      />
      {enrol.isSuccess && (
        <div className="banner banner-success" role="status">
          <p>
            {t('cash.enrol.done', {
              programme: enrol.data.programmeName,
              count: enrol.data.memberCount,
            })}{' '}
            <Money
              amountMinor={enrol.data.entitlement.amountMinor}
              currency={enrol.data.entitlement.currency}
            />{' '}
            {t('cash.enrol.perPeriod')}
          </p>
          <p>
            {t('cash.enrol.schedule')}{' '}
            {enrol.data.schedule.map((period) => period.period).join(', ')}
          </p>
        </div>
      )}
      <button type="submit" className="primary" aria-disabled={enrol.isPending || undefined}>
        {enrol.isPending ? t('cash.enrol.enrolling') : t('cash.enrol.submit')}
      </button>
    </form>
  );
}
