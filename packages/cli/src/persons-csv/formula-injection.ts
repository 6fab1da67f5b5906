/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell starting with = + - @
 * (or a tab or carriage return before one) as a formula, which can leak or alter data. Export
 * prefixes such cells with an apostrophe, which spreadsheets show as text; import removes it.
 *
 * Cells that already start with apostrophes before such a character get one more, so that the
 * change is exactly reversible: v ↔ "'" + v for every v matching /^'*[=+\-@\t\r]/.
 */
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return NEEDS_PREFIX.test(cell) ? `'${cell}` : cell;
}

export function restoreFormula(cell: string): string {
  return PREFIXED.test(cell) ? cell.slice(1) : cell;
}
