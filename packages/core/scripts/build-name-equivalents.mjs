#!/usr/bin/env node
/**
 * Builds packages/core/src/identity/data/given-name-classes.ts from the Ukrainian → Russian name
 * dictionary of dchaplinsky/names-translator (MIT), copied to
 * ../shared/datasets/ua2ru-names/legacy_ua2ru.csv (columns uk,ru,count; count 2 = primary form,
 * 1 = alternative).
 *
 * The dictionary mixes given names, surnames and patronymics. Kept: pairs that look like given
 * names and whose two forms differ by more than spelling (Ганна/Анна, Микола/Николай). Dropped:
 * - patronymics: their stems are derived at run time from the given-name classes;
 * - surnames, recognised by their endings (-енко, -ський, -ов…): they are compared by phonetic
 *   key and surnameStem, and as given-name classes they would more than double the table;
 * - pairs that fold to the same letters (Іван/Иван), which the phonetic key already joins,
 *   unless the Russian form is in the table anyway (then the pair names the class, see below).
 *
 * Usage: node packages/core/scripts/build-name-equivalents.mjs [path/to/legacy_ua2ru.csv]
 * Plain Node, no dependencies: the class ids are computed at run time from these Cyrillic forms,
 * so tuning the phonetic key never leaves the generated table stale.
 */
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { parse as parseCsv } from 'csv-parse/sync';
import { fileURLToPath, URL } from 'node:url';

const SOURCE =
  process.argv[2] ??
  fileURLToPath(
    new URL('../../../../shared/datasets/ua2ru-names/legacy_ua2ru.csv', import.meta.url),
  );
const TARGET = fileURLToPath(
  new URL('../src/identity/data/given-name-classes.ts', import.meta.url),
);

/**
 * Pairs the dictionary lacks but documents show: the Galician form Олександер (whose Russian
 * form Александер is in the dictionary, and whose Latin form is the English Alexander).
 */
const EXTRA_PAIRS = [['Олександр', 'Олександер']];

// Latin letters typed by mistake inside Cyrillic words ("Сергiївна").
const HOMOGLYPHS = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к' };

/** One Cyrillic word in title case, or undefined for anything else (phrases, initials, Greek). */
function cleanName(raw) {
  const word = raw
    .trim()
    .replace(/[",.;:№]+$/u, '')
    .toLowerCase()
    .replace(/[aceiopxyk]/g, (ch) => HOMOGLYPHS[ch])
    .replace(/['’`]/g, 'ʼ'); // the Ukrainian apostrophe (U+02BC) keeps the literal below simple
  if (!/^[а-щьюяіїєґёъыэ]+(?:ʼ[а-щьюяіїєґёъыэ]+)?$/u.test(word) || word.length < 2) {
    return undefined;
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const PATRONYMIC = /(вич|вича|вна|вни|вно|ична|ічна|іч)$/u;
// Ukrainian surname endings. Left out on purpose because given names end so too:
// -ина/-іна (Ірина, Ніна), -ів (Яків), -ев/-єва (Лев, Єва).
const SURNAME =
  /(енко|ук|юк|ський|ська|цький|цька|зький|зька|ов|ова|ьов|ьова|йов|йова|ев|ева|ий|ишин|ишина|ець|ник|чик|ак|як|ой|ая|ич|ко|ач)$/u;
// Russian adjectival and possessive surname endings (Бережна/Бережная, Антонів/Антонов).
const RUSSIAN_SURNAME = /(ая|ый|ой|ов|ев|ова|ева|ёв|ёва)$/u;
// Given names with a surname-like ending.
const GIVEN_NAME_EXCEPTIONS = new Set([
  'Лев',
  'Єва',
  'Іванко',
  'Марко',
  'Петро',
  'Дмитро',
  'Павло',
  'Гаврило',
  'Данило',
  'Кирило',
  'Михайло',
  'Карпо',
  'Левко',
  'Сашко',
  'Макар',
]);

/**
 * A fold of Cyrillic spelling that is strictly finer than the phonetic key: when two forms fold
 * alike, their keys are alike too, so the pair adds nothing to the table.
 */
function foldSpelling(name) {
  return (
    name
      .toLowerCase()
      .replace(/[іїиыйі]/gu, 'и')
      .replace(/[єэ]/gu, 'е')
      .replace(/ґ/gu, 'г')
      .replace(/[ьъʼ]/gu, '')
      .replace(/(.)\1+/gu, '$1')
      // After a consonant the key drops the glide of я ю (Дряниця/Дряница).
      .replace(/(?<=[бвгджзклмнпрстфхцчшщ])я/gu, 'а')
      .replace(/(?<=[бвгджзклмнпрстфхцчшщ])ю/gu, 'у')
  );
}

function isGivenNameLike(uk, ru) {
  if (GIVEN_NAME_EXCEPTIONS.has(uk)) {
    return true;
  }
  const lower = uk.toLowerCase();
  return !PATRONYMIC.test(lower) && !SURNAME.test(lower) && !RUSSIAN_SURNAME.test(ru.toLowerCase());
}

const rows = parseCsv(readFileSync(SOURCE, 'utf8')).slice(1);
const pairs = [...rows, ...EXTRA_PAIRS.map(([uk, ru]) => [uk, ru, '2'])].flatMap(
  ([rawUk = '', rawRu = '', count = '']) => {
    const uk = cleanName(rawUk);
    const ru = cleanName(rawRu);
    return uk && ru ? [{ uk, ru, isPrimary: count.trim() !== '1' }] : [];
  },
);

// How established a Ukrainian form is: the number of dictionary forms that begin with its stem
// (Микол- begins Миколайович, Миколаївна, Миколайчук…; the typo Одександр and the diminutive
// Миколка begin little). The run time takes the best-established form of a class as its id, so
// entries go out in this order.
const ukForms = [...new Set(pairs.map((pair) => pair.uk))].sort();
function support(name) {
  const form = name.length > 3 ? name.replace(/[аяоеєийіїьу]$/u, '') : name;
  let count = 0;
  // ukForms is sorted, so the forms beginning with `form` are one contiguous run.
  let low = 0;
  let high = ukForms.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ukForms[mid] ?? '') < form) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  for (let i = low; i < ukForms.length && ukForms[i]?.startsWith(form); i++) {
    count++;
  }
  return count;
}

const informative = pairs.filter(
  ({ uk, ru }) => isGivenNameLike(uk, ru) && foldSpelling(uk) !== foldSpelling(ru),
);
// A pair that folds alike is kept when its Russian form is in the table anyway: Іван/Иван then
// makes Іван, not the diminutive Іванко (Іванко/Иван), the face of its class.
const russianForms = new Set(informative.map((pair) => pair.ru));
const selected = pairs.filter(
  (pair) =>
    isGivenNameLike(pair.uk, pair.ru) &&
    (foldSpelling(pair.uk) !== foldSpelling(pair.ru) || russianForms.has(pair.ru)),
);

/** uk head → { primary: Set<ru>, alternative: Set<ru> }. */
const heads = new Map();
for (const { uk, ru, isPrimary } of selected) {
  const entry = heads.get(uk) ?? { primary: new Set(), alternative: new Set() };
  heads.set(uk, entry);
  (isPrimary ? entry.primary : entry.alternative).add(ru);
}
const kept = selected.length;

// A "Ukrainian" form that the dictionary only ever maps to itself but gives as the Russian form
// of another name (Александр, Петр) was filed in the wrong column: it never leads its class.
const translated = new Set(pairs.filter((pair) => pair.uk !== pair.ru).map((pair) => pair.uk));
const russianOfOther = new Set(
  pairs.filter((pair) => pair.uk !== pair.ru && !translated.has(pair.ru)).map((pair) => pair.ru),
);
const rank = (form) => (russianOfOther.has(form) ? -1 : support(form));
// On a tie, a form that differs from its Russian form leads one that merely respells it
// (Олена before Єлена, Тетяна before Татяна).
const respellings = new Set(informative.map((pair) => pair.uk));
const byEstablishment = (a, b) =>
  rank(b) - rank(a) ||
  Number(respellings.has(b)) - Number(respellings.has(a)) ||
  a.length - b.length ||
  a.localeCompare(b, 'uk');
const serialise = (pick) =>
  [...heads]
    .filter(([, entry]) => pick(entry).size > 0)
    .sort(([a], [b]) => byEstablishment(a, b))
    .map(([uk, entry]) => [uk, ...pick(entry)].join(':'))
    .join(' ');

/** A single-quoted TypeScript string literal. */
const literal = (text) => `'${text.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
const primary = literal(serialise((e) => e.primary));
const alternative = literal(serialise((e) => e.alternative));
const module = `// Generated by packages/core/scripts/build-name-equivalents.mjs from dchaplinsky/names-translator
// data-src/legacy_ua2ru.csv (MIT, Copyright (c) 2018 Dmitry Chaplinsky). Do not edit by hand.
// Regenerate: node packages/core/scripts/build-name-equivalents.mjs
// ${kept} of ${rows.length} dictionary rows: given names whose Ukrainian and Russian forms differ
// by more than spelling. Each entry is "Ukrainian:Russian[:Russian…]", entries separated by spaces,
// best-established Ukrainian form first.

/** Primary Russian forms of Ukrainian given names (dictionary count 2). */
export const PRIMARY_GIVEN_NAME_PAIRS =
  ${primary};

/** Alternative forms (dictionary count 1): diminutives and rarer equivalents. */
export const ALTERNATIVE_GIVEN_NAME_PAIRS =
  ${alternative};
`;
writeFileSync(TARGET, module);
process.stdout.write(
  `${kept} pairs, ${heads.size} Ukrainian heads, ${Buffer.byteLength(module)} bytes → ${TARGET}\n`,
);
