/**
 * String similarity for record linkage: Jaro-Winkler (Winkler 1990, as in the US Census and
 * FEBRL) and the optimal-string-alignment form of Damerau-Levenshtein distance.
 *
 * Both compare UTF-16 code units, which is exact for the canonical names (a–z) and the document
 * numbers they are used on. Scratch buffers are kept between calls and only grow, so the inner
 * loops allocate nothing.
 */

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);
let rowBeforeLast = new Int32Array(64);
let lastRow = new Int32Array(64);
let currentRow = new Int32Array(64);

function capacity(length: number): number {
  let size = 64;
  while (size < length) {
    size *= 2;
  }
  return size;
}

/** Winkler's prefix scale and the longest prefix it rewards (Winkler 1990). */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
/** Winkler's boost threshold: below it the prefix says nothing. */
const BOOST_THRESHOLD = 0.7;

/**
 * Jaro similarity in [0, 1]: characters in common within a window, less half the transpositions.
 * @example jaroSimilarity('CRATE', 'TRACE') // 0.7333…
 */
export function jaroSimilarity(a: string, b: string): number {
  if (a === b) {
    return 1;
  }
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) {
    return 0;
  }
  if (matchedA.length < lengthA) {
    matchedA = new Uint8Array(capacity(lengthA));
  }
  if (matchedB.length < lengthB) {
    matchedB = new Uint8Array(capacity(lengthB));
  }
  matchedA.fill(0, 0, lengthA);
  matchedB.fill(0, 0, lengthB);
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(i + window + 1, lengthB);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) {
    return 0;
  }
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < lengthA; i++) {
    if (matchedA[i] === 0) {
      continue;
    }
    while (matchedB[j] === 0) {
      j++;
    }
    if (a.charCodeAt(i) !== b.charCodeAt(j)) {
      halfTranspositions++;
    }
    j++;
  }
  const transpositions = Math.floor(halfTranspositions / 2);
  return (matches / lengthA + matches / lengthB + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro-Winkler similarity in [0, 1]: Jaro, raised for a common prefix of up to four characters.
 * @example jaroWinklerSimilarity('MARTHA', 'MARHTA') // 0.9611…
 */
export function jaroWinklerSimilarity(a: string, b: string): number {
  const jaro = jaroSimilarity(a, b);
  if (jaro <= BOOST_THRESHOLD) {
    return jaro;
  }
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) {
    prefix++;
  }
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions
 * of adjacent characters, each costing one, no substring edited twice.
 * @example editDistance('FE123456', 'FE123465') // 1 (one transposition)
 */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) {
    return lengthA + lengthB;
  }
  if (lastRow.length <= lengthB) {
    const size = capacity(lengthB + 1);
    rowBeforeLast = new Int32Array(size);
    lastRow = new Int32Array(size);
    currentRow = new Int32Array(size);
  }
  for (let j = 0; j <= lengthB; j++) {
    lastRow[j] = j;
  }
  for (let i = 1; i <= lengthA; i++) {
    const codeA = a.charCodeAt(i - 1);
    currentRow[0] = i;
    for (let j = 1; j <= lengthB; j++) {
      const codeB = b.charCodeAt(j - 1);
      const cost = codeA === codeB ? 0 : 1;
      let best = Math.min(
        (lastRow[j] ?? 0) + 1,
        (currentRow[j - 1] ?? 0) + 1,
        (lastRow[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && codeA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === codeB) {
        best = Math.min(best, (rowBeforeLast[j - 2] ?? 0) + 1);
      }
      currentRow[j] = best;
    }
    // Rotate the three rows without allocating.
    const spare = rowBeforeLast;
    rowBeforeLast = lastRow;
    lastRow = currentRow;
    currentRow = spare;
  }
  return lastRow[lengthB] ?? 0;
}
