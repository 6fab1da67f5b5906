/**
 * Money as integers of the currency's minor unit (grosz, ban, bani, cent) with its ISO 4217 code:
 * a float never holds an amount, so 0.1 + 0.2 never costs anyone a grosz.
 */

/** Currencies of the host countries Haven serves (ISO 4217; all have two minor-unit digits). */
export const CURRENCIES = ['PLN', 'RON', 'MDL', 'EUR', 'HUF', 'CZK'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** ISO 4217 minor-unit exponent: 100 grosz in a złoty. */
export const MINOR_UNITS_PER_MAJOR = 100;

export interface Money {
  /** Integer amount in the minor unit; negative only in ledger lines (credits). */
  readonly amountMinor: number;
  readonly currency: Currency;
}

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

/** A whole number of minor units that JavaScript adds exactly. */
export function isMinorAmount(value: number): boolean {
  return Number.isSafeInteger(value);
}

/**
 * Renders minor units as a decimal string without floating point, as payment files expect.
 * @example formatMinor(250000) === '2500.00'; formatMinor(-5) === '-0.05'
 */
export function formatMinor(amountMinor: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const absolute = Math.abs(amountMinor);
  const major = Math.trunc(absolute / MINOR_UNITS_PER_MAJOR);
  const minor = absolute % MINOR_UNITS_PER_MAJOR;
  return `${sign}${String(major)}.${String(minor).padStart(2, '0')}`;
}

/**
 * Reads a decimal amount ('2500', '2500.5', '2500.00') into minor units without floating point;
 * undefined when it is not a plain non-negative amount with at most two decimals.
 * @example parseMinor('1300.00') === 130000
 */
export function parseMinor(text: string): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const major = Number(match[1]);
  const minor = Number((match[2] ?? '').padEnd(2, '0'));
  return major * MINOR_UNITS_PER_MAJOR + minor;
}
