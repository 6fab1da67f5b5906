/**
 * Ukrainian surnames are mostly a root and a suffix that makes a family name of it: Грицюк,
 * Грицун, Гриценко, Грицишин, Грицак and Грицик are six families, although Jaro–Winkler puts
 * them close (they share the root, and it rewards a shared beginning). Two surnames that are one
 * root with two different such suffixes are different names, not a typo of one.
 *
 * Read on the phonetic keys (name-keys.ts), which fold most of what transcriptions disagree on:
 * Hrytsiuk, Hryciuk and Грицюк are one key, and -ів, -ов and -ев (Петрів, Петров in a
 * Russian-form passport) or -ій and -ий are one suffix here. Not all: a final c after i is к in
 * Romanian (Melnic) and ц or ч in the Polish and Czech ways, so -ик and -ич are one suffix here.
 */

/** Suffixes as phonetic keys; each row one suffix as the scripts and languages write it. */
const SUFFIX_CLASSES: readonly (readonly string[])[] = [
  ['ENKO'], // -енко
  ['KO'], // -ко
  ['EIKO'], // -ейко
  ['UK'], // -ук, -юк
  ['SUK'], // -чук
  ['AK'], // -ак, -як
  ['IK', 'IS'], // -ик, -ич: Melnic (Мельник) keys as MELNIS
  ['ISIN'], // -ишин
  ['IN'], // -ин
  ['AN'], // -ан
  ['UN'], // -ун
  ['ES'], // -ець
  ['URA'], // -ура
  ['AR'], // -ар
  ['I'], // -ій, -ий
  ['SKI'], // -ський, -цький
  ['OV', 'IV', 'EV'], // -ів, -ов, -ев
];

const CLASS_OF = new Map(
  SUFFIX_CLASSES.flatMap((suffixes, index) => suffixes.map((suffix) => [suffix, index] as const)),
);
const LONGEST_SUFFIX = Math.max(...[...CLASS_OF.keys()].map((suffix) => suffix.length));
/** A root shorter than this is too little of a name to say two surnames share it. */
const MIN_ROOT = 4;
/** The bare root against a suffixed one (Коваль, Ковальчук): only with a suffix this long. */
const MIN_SUFFIX_AGAINST_ROOT = 2;

/** The suffix class of a key's ending, -1 for the bare root, undefined for no suffix. */
function classOfEnding(ending: string): number | undefined {
  return ending === '' ? -1 : CLASS_OF.get(ending);
}

/**
 * True when two surname keys are one root with two different family suffixes (HRISUK and
 * HRISUN, PETRENKO and PETRIS, KOVAL and KOVALSUK).
 * @example isOtherFamilySuffix('HRISUK', 'HRISUN') // true
 * @example isOtherFamilySuffix('PETRIV', 'PETROV') // false: -ів and -ов are one suffix
 */
export function isOtherFamilySuffix(a: string, b: string): boolean {
  if (a === b) {
    return false;
  }
  for (let lengthA = 0; lengthA <= Math.min(LONGEST_SUFFIX, a.length - MIN_ROOT); lengthA++) {
    const classA = classOfEnding(a.slice(a.length - lengthA));
    if (classA === undefined) {
      continue;
    }
    const root = a.slice(0, a.length - lengthA);
    if (!b.startsWith(root)) {
      continue;
    }
    const classB = classOfEnding(b.slice(root.length));
    if (classB === undefined || classB === classA) {
      continue;
    }
    const shorter = Math.min(lengthA, b.length - root.length);
    const longer = Math.max(lengthA, b.length - root.length);
    // Against the bare root only a suffix of two letters or more: a lone final I is also how
    // Romanian ends a final ч (Ciuprînîci for Чупринич, SUPRINISI against SUPRINIS).
    if (shorter > 0 || longer >= MIN_SUFFIX_AGAINST_ROOT) {
      return true;
    }
  }
  return false;
}
