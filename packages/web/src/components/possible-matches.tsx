import type { IdentityMatches, MemberMatches, PossibleMatch } from '@haven/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatProbability, formatWeight } from '../i18n/match-probability.js';
import { en } from '../i18n/resources.js';
import { PersonName } from './person-name.js';

type LevelKey = keyof typeof en.identityReview.levels;
const isLevelKey = (level: string): level is LevelKey =>
  Object.hasOwn(en.identityReview.levels, level);

interface PossibleMatchesProps {
  readonly matches: IdentityMatches;
  /** The member's name as entered, to title their matches. */
  readonly nameOf: (member: MemberMatches) => string;
}

/**
 * Earlier registrations that may be the members of a household (#3 item 4), each with the
 * weight every field contributed, so the registrar sees why and checks the documents. Matches
 * outside the registrar's scope are only counted by the server, and only the count is shown.
 */
export function PossibleMatches({ matches, nameOf }: PossibleMatchesProps) {
  const { t } = useTranslation();
  if (matches.index !== 'ready') {
    return (
      <p className="muted" role="status">
        {t(matches.index === 'loading' ? 'matches.loading' : 'matches.unavailable')}
      </p>
    );
  }
  const found = matches.members.filter(
    (member) => member.possibleMatches.length > 0 || member.outOfScopeCount > 0,
  );
  if (found.length === 0) {
    return (
      <p className="muted" role="status">
        {t('matches.none')}
      </p>
    );
  }
  return (
    <section className="possible-matches" aria-labelledby="possible-matches-title">
      <h2 id="possible-matches-title">{t('matches.title')}</h2>
      <p>{t('matches.intro')}</p>
      {found.map((member) => (
        <div key={member.member} className="member-matches">
          <h3>
            {t('matches.memberTitle', {
              number: member.member + 1,
              name: nameOf(member),
            })}
          </h3>
          {member.possibleMatches.map((match) => (
            <MatchCard key={match.personId} match={match} />
          ))}
          {member.outOfScopeCount > 0 && (
            <p className="banner">{t('matches.outOfScope', { count: member.outOfScopeCount })}</p>
          )}
        </div>
      ))}
    </section>
  );
}

function MatchCard({ match }: { readonly match: PossibleMatch }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="card" aria-label={`${match.familyName} ${match.givenName}`}>
      <h4>
        <PersonName {...match} />
      </h4>
      <p>
        {t('household.born')} {match.birthDate} ·{' '}
        {t('matches.registeredAt', { site: match.site.name })} ·{' '}
        <strong>
          {t('matches.probability')}: {formatProbability(match.matchProbability, i18n.language)}
        </strong>
      </p>
      {match.isSwapped && <p className="muted">{t('matches.swapped')}</p>}
      <table>
        <caption>{t('matches.explanation')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('matches.field')}</th>
            <th scope="col">{t('matches.comparison')}</th>
            <th scope="col">{t('matches.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {match.contributions.map((contribution) => (
            <tr key={contribution.field}>
              <th scope="row">{t(`identityReview.fields.${contribution.field}`)}</th>
              <td>
                {isLevelKey(contribution.level)
                  ? t(`identityReview.levels.${contribution.level}`)
                  : contribution.level}
              </td>
              <td>{formatWeight(contribution.weight, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link to={`/households/${match.householdId}`}>{t('matches.open')}</Link>
    </article>
  );
}
