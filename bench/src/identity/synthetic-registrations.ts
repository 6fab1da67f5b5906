/**
 * Synthetic registrations of displaced people with ground truth (#3 item 7): the benchmark of
 * identity resolution, and of the real-time lookup. People live in households; each is
 * registered one to four times, in host countries whose clerks write names their own way
 * (Polish, German, Czech/Slovak, Hungarian, Romanian, or the 2010 national Latin of the
 * passport), sometimes in the Russian form of an older passport, with typos, exchanged given and
 * family names, mistyped or partial birth dates and missing fields. The hard non-matches are
 * built in: twins, namesakes born the same year, and sons named after their fathers.
 *
 * The API is stable: `generateSyntheticRegistrations({ records, seed })`. The same options always
 * yield the same records.
 */
import type { PersonRecord } from '@haven/core/identity';
import { PRIMARY_GIVEN_NAME_PAIRS } from '@haven/core/identity';
import { createRandom, type Random } from '../demo/random.js';
import {
  BOY_NAMES,
  FATHER_NAMES,
  GIRL_NAMES,
  MEN_NAMES,
  SURNAMES,
  WOMEN_NAMES,
  type FatherName,
  type Surname,
} from '../demo/names.js';
import { transcribeName, type TranscriptionSystem } from './transcriptions.js';

/** A registration and the person it registers (the truth the benchmark scores against). */
export interface SyntheticRegistration extends PersonRecord {
  /** One id per real person: two registrations with the same entityId are one person. */
  readonly entityId: string;
}

export interface SyntheticRegistrationOptions {
  /** How many registrations to generate. */
  readonly records: number;
  readonly seed?: number | undefined;
}

/** Host countries, with the system their clerks write Ukrainian names in. */
const HOST_COUNTRIES: readonly (readonly [string, TranscriptionSystem, number])[] = [
  ['PL', 'polish', 0.4],
  ['DE', 'german', 0.15],
  ['CZ', 'czech', 0.1],
  ['SK', 'czech', 0.04],
  ['HU', 'hungarian', 0.08],
  ['RO', 'romanian', 0.1],
  ['MD', 'romanian', 0.08],
  ['UA', 'kmu-2010', 0.05],
];

// A long tail of rarer surnames: real Ukrainian surnames are spread thin (the most common,
// Мельник, is about 0.3 % of the population).
const TAIL_ROOTS = [
  'Гриц',
  'Дзюб',
  'Забіл',
  'Вереск',
  'Чуприн',
  'Гайдамак',
  'Ярош',
  'Довгал',
  'Сірч',
  'Кулик',
  'Остап',
  'Гнат',
  'Борщ',
  'Калин',
  'Тимош',
  'Федор',
  'Пасічн',
  'Лозин',
  'Соловй',
  'Гумен',
  'Вакул',
  'Стец',
  'Жук',
  'Дмитр',
  'Бабич',
  'Білан',
  'Величк',
  'Гаврил',
  'Грабов',
  'Даниль',
  'Дорош',
  'Євтуш',
  'Жовтан',
  'Зозул',
  'Іващ',
  'Кармел',
  'Климч',
  'Колесн',
  'Корнійч',
  'Костюк',
  'Кривон',
  'Лагод',
  'Левч',
  'Лук',
  'Мазепк',
  'Макар',
  'Мартин',
  'Матвій',
  'Нестер',
  'Никон',
  'Огієнк',
  'Онищ',
  'Панас',
  'Пилип',
  'Прокоп',
  'Радч',
  'Рибалк',
  'Сав',
  'Семен',
  'Сидор',
  'Скрипн',
  'Собол',
  'Стасюк',
  'Тарасов',
  'Теслен',
  'Тищ',
  'Устим',
  'Филон',
  'Хом',
  'Цимбал',
  'Чорновол',
  'Шапов',
  'Швед',
  'Шуль',
  'Юрч',
  'Яким',
  'Ярем',
  'Ясин',
  'Бурлак',
  'Вовк',
  'Гордій',
  'Дяч',
  'Зубк',
  'Кисел',
  'Коцюб',
  'Лешк',
  'Мись',
  'Нагн',
  'Охрім',
  'Паламар',
  'Рябок',
  'Сахн',
  'Трохим',
  'Фесен',
  'Хмар',
  'Чумак',
  'Шийк',
  'Щерб',
  'Гуц',
  'Дідух',
];
const TAIL_SUFFIXES = [
  'енко',
  'ук',
  'юк',
  'ак',
  'ишин',
  'ан',
  'ець',
  'ура',
  'ич',
  'ко',
  'ун',
  'ій',
];

interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], index) => {
    total += weight;
    cumulative[index] = total;
  });
  return { items: entries.map(([item]) => item), cumulative: cumulative.map((c) => c / total) };
}

/** Draws from a weighted table by binary search: O(log n) for thousands of surnames. */
function draw<T>(random: Random, table: WeightedTable<T>): T {
  const point = random.next();
  let low = 0;
  let high = table.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((table.cumulative[middle] ?? 1) <= point) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const item = table.items[low];
  if (item === undefined) {
    throw new RangeError('Cannot draw from an empty table');
  }
  return item;
}

/** Zipf-like weights: the k-th item by rank weighs 1/(k + offset). */
const zipf = <T>(items: readonly T[], offset: number): [T, number][] =>
  items.map((item, rank) => [item, 1 / (rank + offset)]);

const SURNAME_TABLE = weightedTable<Surname>([
  // The common surnames together are about a quarter of the population.
  ...zipf(SURNAMES, 3).map(([surname, weight]): [Surname, number] => [surname, weight * 0.6]),
  ...zipf(
    TAIL_ROOTS.flatMap((root) =>
      TAIL_SUFFIXES.map((suffix): Surname => ({ male: root + suffix, female: root + suffix })),
    ),
    30,
  ),
]);
const FATHER_TABLE = weightedTable(zipf(FATHER_NAMES, 4));
const MAN_TABLE = weightedTable(zipf(MEN_NAMES, 4));
const WOMAN_TABLE = weightedTable(zipf(WOMEN_NAMES, 4));
const GIRL_TABLE = weightedTable(zipf(GIRL_NAMES, 4));
const BOY_NAME_TABLE = weightedTable(zipf(BOY_NAMES, 4));

let russianForms: ReadonlyMap<string, string> | undefined;

/** The Russian form of a Ukrainian given name: from core's dictionary, else by letter rules. */
function russianForm(ukrainian: string): string {
  russianForms ??= new Map(
    PRIMARY_GIVEN_NAME_PAIRS.split(' ').flatMap((entry) => {
      const [uk, ru] = entry.split(':');
      return uk && ru ? [[uk, ru] as const] : [];
    }),
  );
  return (
    russianForms.get(ukrainian) ??
    ukrainian.replace(/ій$/, 'ий').replace(/і/g, 'и').replace(/ї/g, 'и').replace(/є/g, 'е')
  );
}

/** Сергеевич, Николаевна: the Russian patronymic from the Russian form of the father's name. */
function russianPatronymic(father: string, isSon: boolean): string {
  const ru = russianForm(father);
  const [stem, ending] = /[ий]й$/.test(ru)
    ? [ru.slice(0, -2), ru.endsWith('ий') ? 'ьев' : 'ев']
    : /ай$|ей$/.test(ru)
      ? [ru.slice(0, -1), 'ев']
      : /[ао]$/.test(ru)
        ? [ru.slice(0, -1), 'ов']
        : [ru, 'ов'];
  return `${stem}${ending}${isSon ? 'ич' : 'на'}`;
}

/** One real person: what every registration of them tries to record. */
interface Person {
  readonly entityId: string;
  readonly given: string;
  readonly family: string;
  readonly father: FatherName;
  readonly sex: 'female' | 'male';
  readonly birthDate: string;
  readonly passport: string;
}

const pad = (value: number): string => String(value).padStart(2, '0');

function randomDate(random: Random, fromYear: number, toYear: number): string {
  return `${random.int(fromYear, toYear)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
}

function randomPassport(random: Random): string {
  return `${random.pick(['FE', 'FA', 'EK', 'FC', 'EA', 'FB'])}${String(random.int(0, 999_999)).padStart(6, '0')}`;
}

/** What a household shares, kept so that the next one can be a namesake's. */
interface HouseholdSeed {
  readonly surname: Surname;
  readonly father: FatherName;
  readonly parentYear: number;
}

/**
 * A household: one or two adults, children carrying the father's name, sometimes twins. Now and
 * then its father is a namesake of the previous household's (same name, surname and birth year):
 * a different man whom only the birth date and documents tell apart.
 */
function generateHousehold(
  random: Random,
  nextId: () => string,
  previous: HouseholdSeed | undefined,
): { people: Person[]; seed: HouseholdSeed } {
  const seed: HouseholdSeed =
    previous && random.chance(0.02)
      ? previous
      : {
          surname: draw(random, SURNAME_TABLE),
          father: draw(random, FATHER_TABLE),
          parentYear: random.int(1945, 1995),
        };
  const { surname, father, parentYear } = seed;
  const grandfather = draw(random, FATHER_TABLE);
  const people: Person[] = [];
  const add = (person: Omit<Person, 'entityId' | 'passport'>): void => {
    people.push({ ...person, entityId: nextId(), passport: randomPassport(random) });
  };
  const hasFather = random.chance(0.55);
  if (hasFather) {
    add({
      given: father.name,
      family: surname.male,
      father: grandfather,
      sex: 'male',
      birthDate: randomDate(random, parentYear, parentYear + 3),
    });
  }
  if (!hasFather || random.chance(0.6)) {
    add({
      given: draw(random, WOMAN_TABLE),
      family: surname.female,
      father: draw(random, FATHER_TABLE),
      sex: 'female',
      birthDate: randomDate(random, parentYear, parentYear + 3),
    });
  }
  const children = random.int(0, 3);
  const hasTwins = children > 0 && random.chance(0.05);
  const childYears = [parentYear + 20, Math.min(parentYear + 42, 2023)] as const;
  let birthDate = randomDate(random, ...childYears);
  let previousGiven = '';
  for (let child = 0; child < children + (hasTwins ? 1 : 0); child++) {
    const isTwin = hasTwins && child === 1;
    if (!isTwin) {
      birthDate = randomDate(random, ...childYears);
    }
    const isSon = random.chance(0.5);
    const isYoung = Number(birthDate.slice(0, 4)) >= 2005;
    const table = isSon
      ? isYoung
        ? BOY_NAME_TABLE
        : MAN_TABLE
      : isYoung
        ? GIRL_TABLE
        : WOMAN_TABLE;
    // A first son is sometimes named after his father: same name and surname, another age.
    let given = isSon && child === 0 && random.chance(0.15) ? father.name : draw(random, table);
    // Twins have different names: a twin pair differs only there.
    while (isTwin && given === previousGiven) {
      given = draw(random, table);
    }
    previousGiven = given;
    add({
      given,
      family: isSon ? surname.male : surname.female,
      father,
      sex: isSon ? 'male' : 'female',
      birthDate,
    });
  }
  return { people, seed };
}

/** One edit at a random inner position: deletion, transposition, substitution or insertion. */
function typo(random: Random, text: string): string {
  if (text.length < 4) {
    return text;
  }
  const at = random.int(1, text.length - 2);
  const kind = random.next();
  const letters = /[a-z]/i.test(text) ? 'aeiouklmnrstvy' : 'аеиоклмнрстві';
  if (kind < 0.3) {
    return text.slice(0, at) + text.slice(at + 1);
  }
  if (kind < 0.55) {
    return text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
  }
  if (kind < 0.85) {
    return text.slice(0, at) + random.pick([...letters]) + text.slice(at + 1);
  }
  return text.slice(0, at) + random.pick([...letters]) + text.slice(at);
}

/** Birth date as written: mostly right, sometimes partial, a day or year off, or day/month swapped. */
function writeBirthDate(random: Random, date: string): string | undefined {
  const roll = random.next();
  const [year = '', month = '', day = ''] = date.split('-');
  if (roll < 0.04) {
    return undefined;
  }
  if (roll < 0.07) {
    return year;
  }
  if (roll < 0.085) {
    return `${year}-${month}`;
  }
  if (roll < 0.11) {
    const shifted = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + 1));
    return shifted.toISOString().slice(0, 10);
  }
  if (roll < 0.14 && Number(day) <= 12) {
    return `${year}-${day}-${month}`;
  }
  if (roll < 0.155) {
    return `${Number(year) + (random.chance(0.5) ? 1 : -1)}-${month}-${day}`;
  }
  return date;
}

function ukrainianPatronymic(father: FatherName, sex: 'female' | 'male'): string {
  return sex === 'male' ? father.sonPatronymic : father.daughterPatronymic;
}

/** One registration of a person, with the errors of a hurried registration abroad. */
function register(random: Random, person: Person, id: string): SyntheticRegistration {
  const [country, hostSystem] = draw(random, HOST_COUNTRY_TABLE);
  const isRussianForm = random.chance(0.12);
  // Cyrillic when read from a Ukrainian document by a Ukrainian-speaking volunteer; otherwise
  // the passport's own Latin (KMU-55), or the clerk's language.
  const scriptRoll = random.next();
  const system: TranscriptionSystem | 'cyrillic' =
    scriptRoll < 0.3
      ? 'cyrillic'
      : isRussianForm && scriptRoll < 0.5
        ? 'russian-passport'
        : scriptRoll < 0.6
          ? 'kmu-2010'
          : hostSystem;
  const write = (name: string): string =>
    system === 'cyrillic' ? name : transcribeName(name, system);
  const isMale = person.sex === 'male';
  let givenName = write(isRussianForm ? russianForm(person.given) : person.given);
  let familyName = write(person.family);
  const patronymic = isRussianForm
    ? write(russianPatronymic(person.father.name, isMale))
    : write(ukrainianPatronymic(person.father, person.sex));
  if (random.chance(0.05)) {
    familyName = typo(random, familyName);
  }
  if (random.chance(0.03)) {
    givenName = typo(random, givenName);
  }
  if (random.chance(0.02)) {
    // Machine-readable zone style: upper case, no diacritics.
    givenName = givenName.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    familyName = familyName.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  }
  if (random.chance(0.03)) {
    [givenName, familyName] = [familyName, givenName];
  }
  const passport = random.chance(0.03) ? typo(random, person.passport) : person.passport;
  return {
    id,
    entityId: person.entityId,
    givenName: random.chance(0.005) ? undefined : givenName,
    familyName: random.chance(0.005) ? undefined : familyName,
    patronymic: random.chance(0.55) ? patronymic : undefined,
    sex: random.chance(0.9) ? person.sex : undefined,
    birthDate: writeBirthDate(random, person.birthDate),
    nationality: random.chance(0.8) ? 'UKR' : undefined,
    documents: random.chance(0.55)
      ? [{ type: 'international-passport', issuingCountry: 'UA', number: passport }]
      : undefined,
    country,
  };
}

const HOST_COUNTRY_TABLE = weightedTable(
  HOST_COUNTRIES.map(([country, system, weight]) => [[country, system] as const, weight] as const),
);

/** How many times a person was registered: half once, some in three or four places. */
function registrationCount(random: Random): number {
  const roll = random.next();
  return roll < 0.5 ? 1 : roll < 0.8 ? 2 : roll < 0.95 ? 3 : 4;
}

/**
 * Generates `records` registrations of people in households, shuffled, each carrying the id of
 * the person it registers.
 * @example generateSyntheticRegistrations({ records: 1000, seed: 7 }).length // 1000
 */
export function generateSyntheticRegistrations(
  options: SyntheticRegistrationOptions,
): SyntheticRegistration[] {
  const random = createRandom(options.seed ?? 1);
  const registrations: SyntheticRegistration[] = [];
  let people = 0;
  const nextId = (): string => `e${(people++).toString(36)}`;
  let previous: HouseholdSeed | undefined;
  while (registrations.length < options.records) {
    const household = generateHousehold(random, nextId, previous);
    previous = household.seed;
    for (const person of household.people) {
      for (let copy = registrationCount(random); copy > 0; copy--) {
        if (registrations.length < options.records) {
          registrations.push(register(random, person, `r${registrations.length.toString(36)}`));
        }
      }
    }
  }
  // Fisher–Yates, so that no algorithm profits from duplicates lying side by side.
  for (let i = registrations.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const [atI, atJ] = [registrations[i], registrations[j]];
    if (atI && atJ) {
      [registrations[i], registrations[j]] = [atJ, atI];
    }
  }
  return registrations;
}
