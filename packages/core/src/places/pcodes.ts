import { UKRAINE_ADMIN_UNITS, type UkraineAdminUnit } from './ua-admin-units.js';

const BY_PCODE: ReadonlyMap<string, UkraineAdminUnit> = new Map(
  UKRAINE_ADMIN_UNITS.map((unit) => [unit.pcode, unit]),
);

/** Looks up a Ukrainian administrative unit (oblast or raion) by its OCHA P-code. */
export function findUkraineAdminUnit(pcode: string): UkraineAdminUnit | undefined {
  return BY_PCODE.get(pcode);
}

export function isUkrainePcode(pcode: string): boolean {
  return BY_PCODE.has(pcode);
}

/** The oblast (ADM1) a P-code belongs to: itself for an oblast, its parent for a raion. */
export function oblastOf(pcode: string): UkraineAdminUnit | undefined {
  const unit = BY_PCODE.get(pcode);
  return unit?.parent === undefined ? unit : BY_PCODE.get(unit.parent);
}
