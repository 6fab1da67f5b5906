/**
 * A match probability as a reviewer reads it: a percentage with one decimal, so that 0.995 does
 * not show as a certain 100 %.
 */
export function formatProbability(probability: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Math.min(probability, 0.999));
}

/** A field weight with its sign: '+4.5', '−8.0'. */
export function formatWeight(weight: number, language: string): string {
  return new Intl.NumberFormat(language, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(weight);
}
