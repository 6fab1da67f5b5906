import type { Sensitivity } from '@haven/core';
import { useTranslation } from 'react-i18next';

/** How sensitive a specific need is; health and protection data need care (issue #4). */
export function SensitivityBadge({ sensitivity }: { readonly sensitivity: Sensitivity }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${sensitivity}`}>{t(`needs.sensitivity.${sensitivity}`)}</span>
  );
}
