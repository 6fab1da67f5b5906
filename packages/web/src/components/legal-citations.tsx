import type { LegalCitation } from '@haven/contract';
import { useTranslation } from 'react-i18next';

/**
 * The law a rule or right rests on: act and article, linked to the official text. A citation not
 * yet checked against the domain reference says so, so nobody quotes it to a person as settled.
 */
export function LegalCitations({ citations }: { readonly citations: readonly LegalCitation[] }) {
  const { t } = useTranslation();
  if (citations.length === 0) {
    return null;
  }
  return (
    <ul className="plain citations">
      {citations.map((citation) => (
        <li key={`${citation.act}-${citation.article}`}>
          <cite>
            {citation.url ? (
              <a href={citation.url} target="_blank" rel="noreferrer">
                {citation.act}, {citation.article}
              </a>
            ) : (
              `${citation.act}, ${citation.article}`
            )}
          </cite>
          {!citation.verified && (
            <span className="badge badge-unverified">{t('protection.citationUnverified')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
