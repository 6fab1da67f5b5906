import {
  IdentityMatches,
  type Person,
  type Registration,
  type RegistrationSummary,
} from '@haven/contract';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ProblemError } from '../api/problem-error.js';
import { registrationQuery, useHousehold } from '../api/queries.js';
import { LoadFailure } from '../components/load-failure.js';
import { PersonName } from '../components/person-name.js';
import { PossibleMatches } from '../components/possible-matches.js';
import { SensitivityBadge } from '../components/sensitivity-badge.js';
import { formatTimestamp, needLabel, originLabel } from '../i18n/code-labels.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

function isJustRegistered(state: unknown): boolean {
  return (
    typeof state === 'object' &&
    state !== null &&
    'isJustRegistered' in state &&
    state.isJustRegistered === true
  );
}

/** The matches the create call answered, carried here by the register page. */
function matchesAtRegistration(state: unknown): IdentityMatches | undefined {
  const carried =
    typeof state === 'object' && state !== null && 'identityMatches' in state
      ? state.identityMatches
      : undefined;
  const parsed = IdentityMatches.safeParse(carried);
  return parsed.success ? parsed.data : undefined;
}

/** A household: every member with names in both scripts, documents and needs, and every registration. */
export function HouseholdViewPage() {
  const { t } = useTranslation();
  const { householdId = '' } = useParams();
  const location = useLocation();
  const household = useHousehold(householdId);
  const session = useSignedIn();
  const details = useQueries({
    queries: (household.data?.registrations ?? []).map((summary) => registrationQuery(summary.id)),
  });

  if (household.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (household.isError) {
    const isMissing = household.error instanceof ProblemError && household.error.status === 404;
    return isMissing ? (
      <>
        <h1>{t('notFound.title')}</h1>
        <p>{t('problems.notFound')}</p>
      </>
    ) : (
      <LoadFailure error={household.error} onRetry={() => void household.refetch()} />
    );
  }

  const { members, registrations } = household.data;
  const head = members.find((member) => member.relationshipToHead === 'head') ?? members[0];
  const matches = matchesAtRegistration(location.state);
  return (
    <>
      <title>{`${t('household.title')} · ${t('app.name')}`}</title>
      {isJustRegistered(location.state) && (
        <div className="banner banner-success" role="status">
          <p>{t('register.registered')}</p>
          <Link to="/registrations/new">{t('household.registerAnother')}</Link>
        </div>
      )}
      <h1>
        {t('household.title')}
        {head && (
          <>
            {': '}
            <PersonName {...head} />
          </>
        )}
      </h1>
      <p className="muted">{t('household.size', { count: members.length })}</p>
      {hasPermission(session, 'cash:read') && (
        <p>
          <Link to={`/households/${householdId}/cash`}>{t('cash.household.open')}</Link>
        </p>
      )}

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('household.members')}</h2>
        <div className="cards">
          {members.map((member) => (
            <MemberCard key={member.id} member={member} />
          ))}
        </div>
      </section>

      {matches && (
        <PossibleMatches
          matches={matches}
          nameOf={(member) => {
            const person = members.find(({ id }) => id === member.personId);
            return person ? `${person.familyName} ${person.givenName}` : '';
          }}
        />
      )}

      <section aria-labelledby="registrations-title">
        <h2 id="registrations-title">{t('household.registrations')}</h2>
        {registrations.map((summary, i) => (
          <RegistrationCard
            key={summary.id}
            summary={summary}
            detail={details[i]?.data}
            members={members}
          />
        ))}
      </section>
    </>
  );
}

function MemberCard({ member }: { readonly member: Person }) {
  const { t } = useTranslation();
  const { householdId = '' } = useParams();
  const canReadProtection = hasPermission(useSignedIn(), 'protection:read');
  return (
    <article className="card" aria-labelledby={`member-${member.id}`}>
      <h3 id={`member-${member.id}`}>
        <PersonName {...member} />
      </h3>
      {canReadProtection && (
        <p>
          <Link
            to={`/persons/${member.id}/protection?household=${householdId}`}
            aria-describedby={`member-${member.id}`}
          >
            {t('protection.openForMember')}
          </Link>
        </p>
      )}
      <dl className="facts">
        <dt>{t('household.relationship')}</dt>
        <dd>{t(`codes.relationship.${member.relationshipToHead}`)}</dd>
        <dt>{t('member.sex')}</dt>
        <dd>{t(`codes.sex.${member.sex}`)}</dd>
        <dt>{t('household.born')}</dt>
        <dd>{member.birthDate}</dd>
        <dt>{t('household.nationality')}</dt>
        <dd>{member.nationality}</dd>
        {member.childCareStatus && (
          <>
            <dt>{t('household.childCareStatus')}</dt>
            <dd>{t(`codes.childCareStatus.${member.childCareStatus}`)}</dd>
          </>
        )}
        <dt>{t('household.documents')}</dt>
        <dd>
          {member.documents.length === 0 ? (
            t('document.none')
          ) : (
            <ul className="plain">
              {member.documents.map((document) => (
                <li key={`${document.type}-${document.issuingCountry}-${document.number}`}>
                  {t(`codes.documentType.${document.type}`)}, {document.issuingCountry}{' '}
                  <span className="code">{document.number}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('household.needs')}</dt>
        <dd>
          {member.specificNeeds.length === 0 ? (
            t('needs.none')
          ) : (
            // The server leaves out the needs this user's role may not read (issue #4).
            <ul className="plain">
              {member.specificNeeds.map((need) => (
                <li key={need.code}>
                  {needLabel(need.code, t)} <SensitivityBadge sensitivity={need.sensitivity} />
                  {need.status === 'inactive' && (
                    <span className="muted"> ({t('needs.status.inactive')})</span>
                  )}
                  {need.note && <p className="need-note-text">{need.note}</p>}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </article>
  );
}

interface RegistrationCardProps {
  readonly summary: RegistrationSummary;
  readonly detail: Registration | undefined;
  readonly members: readonly Person[];
}

function RegistrationCard({ summary, detail, members }: RegistrationCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const consentBy =
    detail && members.find((member) => member.id === detail.consent.givenByPersonId);
  return (
    <article className="card">
      <dl className="facts">
        <dt>{t('household.site')}</dt>
        <dd>
          {summary.site.name} ({t(`codes.siteKind.${summary.site.kind}`)})
        </dd>
        <dt>{t('household.registeredAt')}</dt>
        <dd>{formatTimestamp(summary.registeredAt, language)}</dd>
        <dt>{t('household.origin')}</dt>
        <dd>{originLabel(summary.originPcode, language)}</dd>
        {detail && (
          <>
            <dt>{t('household.registrar')}</dt>
            <dd>{detail.registrar}</dd>
            <dt>{t('household.arrival')}</dt>
            <dd>
              {t(`codes.arrivalMode.${detail.arrivalMode}`)}
              {detail.arrivalDate && `, ${detail.arrivalDate}`}
            </dd>
            <dt>{t('household.consent')}</dt>
            <dd>
              <ul className="plain">
                {detail.consent.purposes.map((purpose) => (
                  <li key={purpose}>{t(`codes.consentPurpose.${purpose}`)}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('consent.givenBy')}</dt>
            <dd>{consentBy ? <PersonName {...consentBy} /> : t('common.notRecorded')}</dd>
            <dt>{t('consent.method')}</dt>
            <dd>{t(`codes.consentMethod.${detail.consent.method}`)}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
