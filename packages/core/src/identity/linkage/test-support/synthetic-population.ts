/**
 * A seeded synthetic population of displaced people registered again and again, with the
 * errors real registrations carry (typos, Russian forms of given names, transliterations,
 * swapped names, partial or mistyped birth dates, missing fields), and households whose
 * members share a surname and a patronymic: the hard negatives of identity resolution.
 * Test support only; the truth (which identity each record belongs to) is known.
 */
import type { BinarySex } from '../../name-equivalents.js';
import { transliterateUkrainian } from '../../../names/transliteration.js';
import type { PersonRecord } from '../person-record.js';

/** mulberry32: a small, well-mixed 32-bit generator, so that every run sees one population. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) {
    throw new Error('pick from an empty list');
  }
  return item;
};

// The most common Ukrainian surnames, most common first; rarer ones are composed below.
const COMMON_SURNAMES = [
  'Шевченко',
  'Коваленко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Олійник',
  'Шевчук',
  'Коваль',
  'Поліщук',
  'Бойко',
  'Ткачук',
  'Мельник',
  'Лисенко',
  'Марченко',
  'Руденко',
  'Савченко',
  'Петренко',
  'Мороз',
  'Клименко',
  'Павленко',
];
const RARE_ROOTS = [
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
  'Гнатюк',
  'Борщ',
  'Калин',
  'Тимош',
  'Федорк',
  'Пасічн',
  'Лозин',
  'Соловй',
  'Гуменюк',
  'Вакуленк',
  'Стець',
  'Жук',
  'Дмитрук',
];
const RARE_SUFFIXES = ['енко', 'ук', 'ак', 'ишин', 'ан', 'ець', 'ура', 'ич'];
const SURNAMES = [
  ...COMMON_SURNAMES,
  ...RARE_ROOTS.flatMap((root) => RARE_SUFFIXES.map((suffix) => root + suffix)),
];

/**
 * Zipf-like: the k-th surname is chosen with weight 1/(k+10), so Шевченко is the most common
 * (about 3 % of households) and the rarest about twenty times rarer.
 */
function pickSurname(random: Random): string {
  const weights = SURNAMES.map((_, rank) => 1 / (rank + 10));
  let threshold = random() * weights.reduce((sum, weight) => sum + weight, 0);
  for (const [rank, surname] of SURNAMES.entries()) {
    threshold -= weights[rank] ?? 0;
    if (threshold <= 0) {
      return surname;
    }
  }
  return SURNAMES[0] ?? '';
}

interface GivenName {
  readonly ukrainian: string;
  readonly russian: string;
}

const MALE_NAMES: readonly (GivenName & { readonly son: string; readonly daughter: string })[] = [
  { ukrainian: 'Олександр', russian: 'Александр', son: 'Олександрович', daughter: 'Олександрівна' },
  { ukrainian: 'Сергій', russian: 'Сергей', son: 'Сергійович', daughter: 'Сергіївна' },
  { ukrainian: 'Андрій', russian: 'Андрей', son: 'Андрійович', daughter: 'Андріївна' },
  { ukrainian: 'Володимир', russian: 'Владимир', son: 'Володимирович', daughter: 'Володимирівна' },
  { ukrainian: 'Микола', russian: 'Николай', son: 'Миколайович', daughter: 'Миколаївна' },
  { ukrainian: 'Дмитро', russian: 'Дмитрий', son: 'Дмитрович', daughter: 'Дмитрівна' },
  { ukrainian: 'Василь', russian: 'Василий', son: 'Васильович', daughter: 'Василівна' },
  { ukrainian: 'Юрій', russian: 'Юрий', son: 'Юрійович', daughter: 'Юріївна' },
  { ukrainian: 'Петро', russian: 'Петр', son: 'Петрович', daughter: 'Петрівна' },
  { ukrainian: 'Михайло', russian: 'Михаил', son: 'Михайлович', daughter: 'Михайлівна' },
  { ukrainian: 'Віктор', russian: 'Виктор', son: 'Вікторович', daughter: 'Вікторівна' },
  { ukrainian: 'Тарас', russian: 'Тарас', son: 'Тарасович', daughter: 'Тарасівна' },
  { ukrainian: 'Богдан', russian: 'Богдан', son: 'Богданович', daughter: 'Богданівна' },
  { ukrainian: 'Ярослав', russian: 'Ярослав', son: 'Ярославович', daughter: 'Ярославівна' },
];
const FEMALE_NAMES: readonly GivenName[] = [
  { ukrainian: 'Олена', russian: 'Елена' },
  { ukrainian: 'Наталія', russian: 'Наталья' },
  { ukrainian: 'Тетяна', russian: 'Татьяна' },
  { ukrainian: 'Ганна', russian: 'Анна' },
  { ukrainian: 'Катерина', russian: 'Екатерина' },
  { ukrainian: 'Анастасія', russian: 'Анастасия' },
  { ukrainian: 'Вікторія', russian: 'Виктория' },
  { ukrainian: 'Юлія', russian: 'Юлия' },
  { ukrainian: 'Марія', russian: 'Мария' },
  { ukrainian: 'Світлана', russian: 'Светлана' },
  { ukrainian: 'Ірина', russian: 'Ирина' },
  { ukrainian: 'Людмила', russian: 'Людмила' },
  { ukrainian: 'Оксана', russian: 'Оксана' },
  { ukrainian: 'Софія', russian: 'София' },
];

/** One real person: what every registration of them tries to record. */
export interface SyntheticPerson {
  readonly identity: string;
  readonly given: GivenName;
  readonly family: string;
  readonly patronymic: string;
  readonly sex: BinarySex;
  readonly birthDate: string;
  readonly passport: string;
}

export interface SyntheticRecord {
  readonly record: PersonRecord;
  /** The person the record registers. */
  readonly identity: string;
}

export interface SyntheticPopulation {
  readonly people: readonly SyntheticPerson[];
  readonly records: readonly SyntheticRecord[];
}

const pad = (value: number): string => String(value).padStart(2, '0');

function randomDate(random: Random, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  return `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
}

function randomPassport(random: Random): string {
  return `${pick(random, ['FE', 'FA', 'EK', 'FC'])}${String(Math.floor(random() * 1e6)).padStart(6, '0')}`;
}

/** Households of one surname: parents, children carrying the father's name, sometimes twins. */
function generatePeople(random: Random, householdCount: number): SyntheticPerson[] {
  const people: SyntheticPerson[] = [];
  const add = (person: Omit<SyntheticPerson, 'identity' | 'passport'>): void => {
    people.push({ ...person, identity: `p${people.length}`, passport: randomPassport(random) });
  };
  for (let household = 0; household < householdCount; household++) {
    const family = pickSurname(random);
    const father = pick(random, MALE_NAMES);
    const grandfather = pick(random, MALE_NAMES);
    const parentYear = 1950 + Math.floor(random() * 45);
    const adults = random() < 0.5 ? 1 : 2;
    add({
      given: father,
      family,
      patronymic: grandfather.son,
      sex: 'male',
      birthDate: randomDate(random, parentYear, parentYear + 3),
    });
    if (adults === 2) {
      add({
        given: pick(random, FEMALE_NAMES),
        family,
        patronymic: pick(random, MALE_NAMES).daughter,
        sex: 'female',
        birthDate: randomDate(random, parentYear, parentYear + 3),
      });
    }
    const children = Math.floor(random() * 3);
    const twins = random() < 0.08;
    let birthDate = randomDate(random, parentYear + 20, Math.min(parentYear + 40, 2023));
    for (let child = 0; child < children + (twins ? 1 : 0); child++) {
      const isSon = random() < 0.5;
      // A first son is often named after his father: same name, different patronymic and age.
      const isNamedAfterFather = isSon && child === 0 && random() < 0.3;
      if (!(twins && child === 1)) {
        birthDate = randomDate(random, parentYear + 20, Math.min(parentYear + 40, 2023));
      }
      const names = isSon ? MALE_NAMES : FEMALE_NAMES;
      let given = isNamedAfterFather ? father : pick(random, names);
      // Twins are given different names.
      while (twins && child === 1 && given.ukrainian === people.at(-1)?.given.ukrainian) {
        given = pick(random, names);
      }
      add({
        given,
        family,
        patronymic: isSon ? father.son : father.daughter,
        sex: isSon ? 'male' : 'female',
        birthDate,
      });
    }
  }
  return people;
}

/** One edit at a random inner position: substitution, deletion or transposition. */
function typo(random: Random, text: string): string {
  if (text.length < 4) {
    return text;
  }
  const at = 1 + Math.floor(random() * (text.length - 2));
  const kind = random();
  if (kind < 0.4) {
    return text.slice(0, at) + text.slice(at + 1);
  }
  if (kind < 0.7) {
    return text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
  }
  const letters = /[a-z]/i.test(text) ? 'aeiouklmnrst' : 'аеиоклмнрст';
  return text.slice(0, at) + pick(random, [...letters]) + text.slice(at + 1);
}

/** Polish-style spelling of a KMU transliteration, as clerks in Poland write it. */
const polishSpelling = (latin: string): string =>
  latin
    .replace(/shch/g, 'szcz')
    .replace(/sh/g, 'sz')
    .replace(/ch/g, 'cz')
    .replace(/kh/g, 'ch')
    .replace(/y/g, 'i');

function writeName(random: Random, name: string, latinShare: number): string {
  if (random() >= latinShare) {
    return name;
  }
  const latin = transliterateUkrainian(name);
  return random() < 0.25 ? polishSpelling(latin) : latin;
}

function writeBirthDate(random: Random, date: string): string | undefined {
  const roll = random();
  const [year = '', month = '', day = ''] = date.split('-');
  if (roll < 0.05) {
    return undefined;
  }
  if (roll < 0.09) {
    return year;
  }
  if (roll < 0.13) {
    const shifted = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + 1));
    return shifted.toISOString().slice(0, 10);
  }
  if (roll < 0.16 && Number(day) <= 12) {
    return `${year}-${day}-${month}`;
  }
  if (roll < 0.18) {
    return `${Number(year) + 1}-${month}-${day}`;
  }
  return date;
}

/** One registration of a person, with the errors of a hurried registration abroad. */
function registerPerson(random: Random, person: SyntheticPerson, id: string): PersonRecord {
  const isLatin = random() < 0.45;
  const latinShare = isLatin ? 1 : 0;
  const isRussianForm = !isLatin && random() < 0.25;
  let givenName = writeName(
    random,
    isRussianForm ? person.given.russian : person.given.ukrainian,
    latinShare,
  );
  let familyName = writeName(random, person.family, latinShare);
  if (random() < 0.06) {
    familyName = typo(random, familyName);
  }
  if (random() < 0.04) {
    givenName = typo(random, givenName);
  }
  if (random() < 0.03) {
    [givenName, familyName] = [familyName, givenName];
  }
  const passport = random() < 0.05 ? typo(random, person.passport) : person.passport;
  return {
    id,
    givenName,
    familyName,
    patronymic: random() < 0.6 ? writeName(random, person.patronymic, latinShare) : undefined,
    sex: random() < 0.9 ? person.sex : undefined,
    birthDate: writeBirthDate(random, person.birthDate),
    documents:
      random() < 0.6
        ? [{ type: 'international-passport', issuingCountry: 'UA', number: passport }]
        : undefined,
    country: pick(random, ['PL', 'DE', 'CZ', 'MD', 'RO']),
  };
}

/** How many times a person was registered: most once, some in three or four countries. */
function registrationCount(random: Random): number {
  const roll = random();
  return roll < 0.5 ? 1 : roll < 0.8 ? 2 : roll < 0.95 ? 3 : 4;
}

/**
 * Generates people in households and their registrations, in shuffled order.
 * @example generatePopulation(7, 800).records.length // about 3 000
 */
export function generatePopulation(seed: number, householdCount: number): SyntheticPopulation {
  const random = seededRandom(seed);
  const people = generatePeople(random, householdCount);
  const records: SyntheticRecord[] = [];
  for (const person of people) {
    for (let copy = registrationCount(random); copy > 0; copy--) {
      records.push({
        record: registerPerson(random, person, `r${records.length}`),
        identity: person.identity,
      });
    }
  }
  // Fisher–Yates, so that no algorithm profits from duplicates lying side by side.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const [atI, atJ] = [records[i], records[j]];
    if (atI && atJ) {
      [records[i], records[j]] = [atJ, atI];
    }
  }
  return { people, records };
}

/**
 * The population's records as a register whose clerks wrote another given name in every other
 * later record of a person (passport and all): a register too unsteady for the twins rule.
 */
export function withGivenNamesReplaced(population: SyntheticPopulation): PersonRecord[] {
  const givenNames = [...new Set(population.records.map(({ record }) => record.givenName))];
  const seen = new Map<string, number>();
  return population.records.map(({ record, identity }) => {
    const copy = seen.get(identity) ?? 0;
    seen.set(identity, copy + 1);
    const other = givenNames[(copy * 7 + identity.length) % givenNames.length];
    return copy % 2 === 1 && other !== record.givenName ? { ...record, givenName: other } : record;
  });
}
