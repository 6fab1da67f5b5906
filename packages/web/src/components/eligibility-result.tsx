import type { EligibilityAssessment, EligibilityRecommendation } from '@haven/contract';
import { EVIDENCE_KINDS, type EvidenceKind } from '@haven/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatTimestamp } from '../i18n/code-labels.js';
import { en } from '../i18n/resources.js';
import { CalendarDate } from './calendar-date.js';
import { LegalCitations } from './legal-citations.js';

type FactKey = keyof typeof en.protection.facts;
const isFactKey = (name: string): name is FactKey => Object.hasOwn(en.protection.facts, name);
const isEvidenceKind = (name: string): name is EvidenceKind =>
  EVIDENCE_KINDS.some((kind) => kind === name);

/** A missing fact or piece of evidence named in the page's language; the contract's name otherwise. */
function missingLabel(name: string, t: TFunction): string {
  const last = name.split('.').at(-1) ?? name;
  if (isEvidenceKind(name)) {
    return t(`protection.evidence.${name}`);
  }
  return isFactKey(last) ? t(`protection.facts.${last}`) : name;
}

/** The rule's id, version and validity: which version of the law was applied. */
function RuleLine({
  rule,
}: {
  readonly rule: { id: string; version: number; validFrom: string; validTo: string | null };
}) {
  const { t } = useTranslation();
  return (
    <p className="muted">
      {t('protection.assessment.rule')}: <span className="code">{rule.id}</span> (v{rule.version},{' '}
      {t('protection.assessment.validFrom')} <CalendarDate value={rule.validFrom} />
      {rule.validTo && (
        <>
          {' '}
          {t('protection.assessment.validTo')} <CalendarDate value={rule.validTo} />
        </>
      )}
      )
    </p>
  );
}

/** The machine's recommendation: category and rule with its law, reasons, or what is missing. */
export function RecommendationView({
  recommendation,
}: {
  readonly recommendation: EligibilityRecommendation;
}) {
  const { t } = useTranslation();
  switch (recommendation.kind) {
    case 'eligible':
      return (
        <div className="recommendation recommendation-eligible">
          <p>
            <strong>
              {t('protection.assessment.eligible', { category: recommendation.category })}
            </strong>{' '}
            {t(`protection.categories.${recommendation.category}`)}
          </p>
          <p>{t(`protection.forms.${recommendation.protectionForm}`)}</p>
          <RuleLine rule={recommendation.rule} />
          <LegalCitations citations={recommendation.citation} />
          {recommendation.notes.length > 0 && (
            <ul>
              {recommendation.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      );
    case 'not-eligible':
      return (
        <div className="recommendation recommendation-not-eligible">
          <p>
            <strong>{t('protection.assessment.notEligible')}</strong>
          </p>
          {recommendation.rule && <RuleLine rule={recommendation.rule} />}
          <ul>
            {recommendation.reasons.map((reason) => (
              <li key={reason.code}>
                {reason.message}
                {reason.citation && <LegalCitations citations={[reason.citation]} />}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'needs-evidence':
      return (
        <div className="recommendation recommendation-needs-evidence">
          <p>
            <strong>{t('protection.assessment.needsEvidence')}</strong>
            {recommendation.category &&
              ` ${t('protection.assessment.likelyCategory', { category: recommendation.category })}`}
          </p>
          {recommendation.rule && <RuleLine rule={recommendation.rule} />}
          <h5>{t('protection.assessment.missing')}</h5>
          <ul aria-label={t('protection.assessment.missing')}>
            {recommendation.missing.map((item) => (
              <li key={`${item.kind}-${item.name}`}>
                <span className="badge">{t(`protection.missingKinds.${item.kind}`)}</span>{' '}
                <strong>{missingLabel(item.name, t)}</strong>: {item.why}
              </li>
            ))}
          </ul>
        </div>
      );
  }
}

/** Who decided on the recommendation and when, and what they decided (issue 7 item 4). */
export function DecidedBy({ assessment }: { readonly assessment: EligibilityAssessment }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { decision } = assessment;
  if (!decision) {
    return (
      <p className="banner banner-pending" role="status">
        {t('protection.decision.pending')}
      </p>
    );
  }
  const values = {
    name: decision.decidedBy.name,
    at: formatTimestamp(decision.decidedAt, language),
  };
  const what = decision.eligible
    ? t('protection.decision.decidedEligible', { category: decision.category ?? '' })
    : t('protection.decision.decidedNotEligible');
  return (
    <div className="decided-by">
      <p>
        <strong>
          {decision.outcome === 'confirmed'
            ? t('protection.decision.confirmedBy', values)
            : t('protection.decision.overriddenBy', values)}
        </strong>{' '}
        {what}
      </p>
      {decision.reason && (
        <p>
          {t('protection.decision.reasonGiven')}: {decision.reason}
        </p>
      )}
    </div>
  );
}
