/**
 * The name field of a machine-readable zone (ICAO Doc 9303, part 3): A–Z and '<' only; the
 * surname comes first and '<<' separates it from the given names; a single '<' stands for a
 * space or a hyphen; apostrophes are dropped and long names are truncated.
 */

const MRZ_NAME = /^[A-Z<]+$/;

export interface MrzName {
  readonly family: string;
  readonly given: string;
}

/**
 * Splits an MRZ name field into family and given names, or returns undefined when the text is
 * not in MRZ form.
 * @example parseMrzName('SHEVCHENKO<<OLENA<MARIIA') // { family: 'SHEVCHENKO', given: 'OLENA MARIIA' }
 */
export function parseMrzName(field: string | null | undefined): MrzName | undefined {
  const text = field?.trim() ?? '';
  if (!MRZ_NAME.test(text) || !text.includes('<<')) {
    return undefined;
  }
  const separator = text.indexOf('<<');
  const words = (part: string): string => part.split('<').filter(Boolean).join(' ');
  return { family: words(text.slice(0, separator)), given: words(text.slice(separator + 2)) };
}
