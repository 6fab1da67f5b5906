/**
 * Folds a name for search: lower case, diacritics and apostrophes removed, so that 'Ševčenko'
 * finds 'Sevcenko' and 'Мар'яна' finds 'Марʼяна'. Identity resolution (#3) goes much further.
 * @example foldName("Мар'яна Ševčenko") // 'маряна sevcenko'
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`‘]/g, '')
    .replace(/[^\p{L}\d]+/gu, ' ')
    .trim();
}

/** Search tokens of a query: folded words. */
export function nameSearchTokens(query: string): string[] {
  return foldName(query).split(' ').filter(Boolean);
}

/**
 * The stored search text of a person: every distinct folded token of every rendering of the
 * name, framed by spaces so that `LIKE '% token%'` is a word-prefix match.
 */
export function nameSearchText(renderings: readonly (string | null | undefined)[]): string {
  const tokens = new Set(renderings.flatMap((r) => (r ? nameSearchTokens(r) : [])));
  return ` ${[...tokens].join(' ')} `;
}
