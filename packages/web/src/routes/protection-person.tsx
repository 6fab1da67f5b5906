import type {
  CountryProtection,
  EligibilityDecisionInput,
  NewSchoolEnrolment,
  NewStatusEvent,
  NewWorkAuthorisation,
  PersonProtection,
  ProtectionCaseResolution,
  SchoolEnrolmentUpdate,
} from '@haven/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { getHousehold } from '../api/client.js';
import { ProblemError } from '../api/problem-error.js';
import {
  assessEligibility,
  type EligibilityAssessmentBody,
  decideEligibility,
  recordStatusEvent,
  recordWorkAuthorisation,
  requestSchoolEnrolment,
  resolveProtectionCase,
  updateSchoolEnrolment,
  usePersonProtection,
  usePersonProtectionMutation,
} from '../api/temporary-protection.js';
import { CalendarDate } from '../components/calendar-date.js';
import { EligibilityDecisionForm } from '../components/eligibility-decision-form.js';
import { EligibilityFactsForm, type KnownPerson } from '../components/eligibility-facts-form.js';
import { DecidedBy, RecommendationView } from '../components/eligibility-result.js';
import { LoadFailure } from '../components/load-failure.js';
import { PersonName } from '../components/person-name.js';
import { ProtectionCaseCard } from '../components/protection-case-card.js';
import { SchoolEnrolments, WorkAuthorisations } from '../components/protection-records.js';
import { RightsList } from '../components/rights-list.js';
import { StatusChangeForm } from '../components/status-change-form.js';
import { StatusTimeline } from '../components/status-timeline.js';
import { countryName, formatTimestamp } from '../i18n/code-labels.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

/**
 * One person's temporary protection (issue 6 items 1–3, issue 7 item 4): the eligibility
 * assessment and who decided on it, the status timeline per country with only the allowed next
 * steps, the rights that follow with their law and renewal date, the work and school records,
 * and any case opened because another country already granted protection.
 */
export function ProtectionPersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const householdId = params.get('household') ?? '';
  const onDate = params.get('on') ?? '';
  const protection = usePersonProtection(personId, onDate);
  // The household gives the person's name and registered facts; the page works without it.
  const household = useQuery({
    queryKey: ['households', householdId],
    queryFn: () => getHousehold(householdId),
    enabled: householdId !== '',
  });
  const member = household.data?.members.find((person) => person.id === personId);

  if (protection.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (protection.isError) {
    const isMissing = protection.error instanceof ProblemError && protection.error.status === 404;
    return isMissing ? (
      <>
        <h1>{t('notFound.title')}</h1>
        <p>{t('problems.notFound')}</p>
      </>
    ) : (
      <LoadFailure error={protection.error} onRetry={() => void protection.refetch()} />
    );
  }
  const known: KnownPerson | undefined = member && {
    birthDate: member.birthDate,
    nationality: member.nationality,
    arrivedOn: null,
  };
  return (
    <>
      <title>{`${t('protection.title')} · ${t('app.name')}`}</title>
      {householdId && (
        <p>
          <Link to={`/households/${householdId}`}>{t('protection.backToHousehold')}</Link>
        </p>
      )}
      <h1>
        {t('protection.title')}
        {member && (
          <>
            {': '}
            <PersonName {...member} />
          </>
        )}
      </h1>
      <OnDateForm
        onDate={protection.data.onDate}
        onChange={(day) => {
          const next = new URLSearchParams(params);
          if (day) {
            next.set('on', day);
          } else {
            next.delete('on');
          }
          setParams(next, { replace: true });
        }}
      />
      <ProtectionView protection={protection.data} person={known} />
    </>
  );
}

/**
 * The day the rights are shown for: today by default, or a past day (the rights a person held
 * for a payment period under review).
 */
function OnDateForm({
  onDate,
  onChange,
}: {
  readonly onDate: string;
  readonly onChange: (day: string) => void;
}) {
  const { t } = useTranslation();
  const [day, setDay] = useState(onDate);
  return (
    <form
      className="on-date"
      role="search"
      aria-label={t('protection.onDateLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange(/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '');
      }}
    >
      <label htmlFor="protection-on-date">{t('protection.onDate')}</label>
      <input
        id="protection-on-date"
        type="date"
        value={day}
        onChange={(event) => setDay(event.target.value)}
      />
      <button type="submit" className="secondary">
        {t('protection.showOnDate')}
      </button>
    </form>
  );
}

function ProtectionView({
  protection,
  person,
}: {
  readonly protection: PersonProtection;
  readonly person: KnownPerson | undefined;
}) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const canDecide = hasPermission(session, 'protection:decide');
  const { personId } = protection;
  const assess = usePersonProtectionMutation(personId, (input: EligibilityAssessmentBody) =>
    assessEligibility(personId, input),
  );
  const resolve = usePersonProtectionMutation(
    personId,
    ({ caseId, input }: { caseId: string; input: ProtectionCaseResolution }) =>
      resolveProtectionCase(caseId, input),
  );
  const defaultCountry =
    protection.registrationCountry ??
    protection.countries[0]?.countryCode ??
    session.user.countries[0] ??
    '';
  const assessable = session.user.countries.length > 0 ? session.user.countries : [defaultCountry];

  return (
    <>
      {protection.openCases.length > 0 && (
        <section aria-labelledby="cases-title" className="open-cases">
          <h2 id="cases-title">{t('protection.cases.openTitle')}</h2>
          <p>{t('protection.cases.openIntro')}</p>
          {protection.openCases.map((protectionCase) => (
            <ProtectionCaseCard
              key={protectionCase.id}
              protectionCase={protectionCase}
              canResolve={canDecide}
              onResolve={(input) => resolve.mutate({ caseId: protectionCase.id, input })}
              isPending={resolve.isPending}
              error={resolve.error}
            />
          ))}
        </section>
      )}

      {protection.countries.map((country) => (
        <CountrySection
          key={country.countryCode}
          personId={personId}
          country={country}
          canDecide={canDecide}
          canRecordSchool={hasPermission(session, 'school-enrolments:record')}
        />
      ))}

      {canDecide && (
        <section aria-labelledby="assess-title" className="section">
          <EligibilityFactsForm
            key={`${defaultCountry}-${person ? 'known' : 'unknown'}`}
            countries={assessable}
            defaultCountry={defaultCountry}
            person={person}
            onAssess={(input) => assess.mutate(input)}
            isPending={assess.isPending}
            error={assess.error}
          />
          {assess.isSuccess && (
            <div className="banner banner-success" role="status">
              <p>{t('protection.assess.done')}</p>
            </div>
          )}
        </section>
      )}
    </>
  );
}

interface CountrySectionProps {
  readonly personId: string;
  readonly country: CountryProtection;
  readonly canDecide: boolean;
  readonly canRecordSchool: boolean;
}

function CountrySection({ personId, country, canDecide, canRecordSchool }: CountrySectionProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const label = countryName(country.countryCode, language);
  const id = `country-${country.countryCode}`;
  const decide = usePersonProtectionMutation(
    personId,
    ({ assessmentId, input }: { assessmentId: string; input: EligibilityDecisionInput }) =>
      decideEligibility(assessmentId, input),
  );
  const change = usePersonProtectionMutation(personId, (input: NewStatusEvent) =>
    recordStatusEvent(personId, input),
  );
  const work = usePersonProtectionMutation(personId, (input: NewWorkAuthorisation) =>
    recordWorkAuthorisation(personId, input),
  );
  const school = usePersonProtectionMutation(personId, (input: NewSchoolEnrolment) =>
    requestSchoolEnrolment(personId, input),
  );
  const schoolUpdate = usePersonProtectionMutation(
    personId,
    ({ enrolmentId, input }: { enrolmentId: string; input: SchoolEnrolmentUpdate }) =>
      updateSchoolEnrolment(enrolmentId, input),
  );
  const assessment = country.latestAssessment;
  const { current } = country;

  return (
    <section aria-labelledby={`${id}-title`} className="section country-protection">
      <h2 id={`${id}-title`}>{t('protection.inCountry', { country: label })}</h2>
      <dl className="facts">
        <dt>{t('protection.regime')}</dt>
        <dd>{t(`protection.regimes.${country.regime}`)}</dd>
        <dt>{t('protection.currentStatus')}</dt>
        <dd>
          {current ? (
            <>
              <strong>{t(`protection.statuses.${current.status}`)}</strong>
              {current.category && ` (${current.category})`}{' '}
              <span className={`badge ${country.active ? 'badge-active' : 'badge-standard'}`}>
                {t(country.active ? 'protection.active' : 'protection.notActive')}
              </span>
            </>
          ) : (
            t('protection.noStatus')
          )}
        </dd>
        {country.nextRenewalOn && (
          <>
            <dt>{t('protection.nextRenewal')}</dt>
            <dd>
              <CalendarDate value={country.nextRenewalOn} />
            </dd>
          </>
        )}
      </dl>

      <h3>{t('protection.assessment.title')}</h3>
      {assessment ? (
        <div className="assessment">
          <p className="muted">
            {t('protection.assessment.assessedBy', {
              name: assessment.assessedBy.name,
              at: formatTimestamp(assessment.assessedAt, language),
              version: assessment.rulesVersion,
            })}
          </p>
          <RecommendationView recommendation={assessment.recommendation} />
          <DecidedBy assessment={assessment} />
          {!assessment.decision && canDecide && (
            <EligibilityDecisionForm
              assessment={assessment}
              onDecide={(input) => decide.mutate({ assessmentId: assessment.id, input })}
              isPending={decide.isPending}
              error={decide.error}
            />
          )}
        </div>
      ) : (
        <p className="muted">{t('protection.assessment.none')}</p>
      )}

      <h3>{t('protection.timeline.title')}</h3>
      <StatusTimeline events={country.timeline} countryLabel={label} />
      {canDecide && (
        <StatusChangeForm
          countryCode={country.countryCode}
          countryLabel={label}
          nextStatuses={country.nextStatuses}
          onRecord={(input) => change.mutate(input)}
          isPending={change.isPending}
          error={change.error}
          outcome={change.data}
        />
      )}

      <h3>{t('protection.rights.title')}</h3>
      <RightsList entitlements={country.entitlements} countryLabel={label} />

      <h3>{t('protection.recordsTitle')}</h3>
      <WorkAuthorisations
        countryCode={country.countryCode}
        records={country.workAuthorisations}
        canRecord={canDecide && country.active}
        onRecord={(input) => work.mutate(input)}
        state={work}
      />
      <SchoolEnrolments
        countryCode={country.countryCode}
        records={country.schoolEnrolments}
        canRecord={canRecordSchool && country.active}
        onRequest={(input) => school.mutate(input)}
        onUpdate={(enrolmentId, input) => schoolUpdate.mutate({ enrolmentId, input })}
        state={{
          isPending: school.isPending || schoolUpdate.isPending,
          error: school.error ?? schoolUpdate.error,
        }}
      />
    </section>
  );
}
