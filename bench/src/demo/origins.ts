import { UKRAINE_ADMIN_UNITS, isUkrainePcode } from '@haven/core';
import type { Random } from './random.js';

/**
 * Oblasts of origin (OCHA COD-AB ADM1 P-codes) weighted toward the east, the south and Kyiv, as
 * in the 2022 arrivals surveys; the west, less affected, sent few people abroad.
 */
const OBLAST_WEIGHTS: readonly (readonly [string, number])[] = [
  ['UA63', 14], // Kharkivska
  ['UA80', 14], // Kyiv city
  ['UA32', 7], // Kyivska
  ['UA14', 9], // Donetska
  ['UA12', 8], // Dnipropetrovska
  ['UA23', 7], // Zaporizka
  ['UA51', 7], // Odeska
  ['UA48', 5], // Mykolaivska
  ['UA65', 5], // Khersonska
  ['UA44', 3], // Luhanska
  ['UA59', 3], // Sumska
  ['UA74', 3], // Chernihivska
  ['UA18', 2], // Zhytomyrska
  ['UA53', 2], // Poltavska
  ['UA05', 1.5], // Vinnytska
  ['UA71', 1.5], // Cherkaska
  ['UA35', 1], // Kirovohradska
  ['UA46', 1], // Lvivska
  ['UA68', 0.5], // Khmelnytska
  ['UA61', 0.5], // Ternopilska
  ['UA56', 0.5], // Rivnenska
  ['UA07', 0.5], // Volynska
  ['UA26', 0.5], // Ivano-Frankivska
  ['UA21', 0.5], // Zakarpatska
  ['UA73', 0.5], // Chernivetska
];

// People from the south more often crossed into Moldova and Romania (Odesa–Palanca, Isaccea ferry).
const SOUTH = new Set(['UA51', 'UA48', 'UA65']);
// Only oblasts the installed P-code table knows, so that every origin passes the contract.
const KNOWN_OBLAST_WEIGHTS = OBLAST_WEIGHTS.filter(([pcode]) => isUkrainePcode(pcode));
const WEIGHTS_BY_ROUTE = {
  south: KNOWN_OBLAST_WEIGHTS.map(
    ([pcode, weight]) => [pcode, SOUTH.has(pcode) ? weight * 4 : weight] as const,
  ),
  other: KNOWN_OBLAST_WEIGHTS,
};

const RAIONS_BY_OBLAST: ReadonlyMap<string, readonly string[]> = UKRAINE_ADMIN_UNITS.reduce(
  (byOblast, unit) => {
    if (unit.parent !== undefined) {
      byOblast.set(unit.parent, [...(byOblast.get(unit.parent) ?? []), unit.pcode]);
    }
    return byOblast;
  },
  new Map<string, string[]>(),
);

/** A P-code of origin: the oblast, or (when the registrar asked) the raion within it. */
export function pickOrigin(random: Random, hostCountry: string): string {
  const route = hostCountry === 'MD' || hostCountry === 'RO' ? 'south' : 'other';
  const oblast = random.weighted(WEIGHTS_BY_ROUTE[route]);
  const raions = RAIONS_BY_OBLAST.get(oblast) ?? [];
  return raions.length > 0 && random.chance(0.4) ? random.pick(raions) : oblast;
}
