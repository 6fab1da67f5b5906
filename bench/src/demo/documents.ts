import type { DocumentType } from '@haven/core';
import type { Random } from './random.js';

export interface DemoDocument {
  readonly type: DocumentType;
  readonly issuingCountry: string;
  readonly number: string;
}

// Series seen on Ukrainian documents; the numbers after them are random, so they name no one.
const PASSPORT_SERIES = [
  'FA',
  'FB',
  'FC',
  'FE',
  'FF',
  'FH',
  'FJ',
  'EA',
  'EB',
  'EC',
  'EH',
  'EK',
  'EM',
  'EN',
  'ET',
];
const BOOKLET_SERIES = ['МЕ', 'КВ', 'СО', 'ВК', 'АН', 'ЕА', 'ЕН', 'КА', 'МК', 'НК'];
const BIRTH_CERTIFICATE_SERIES = ['КВ', 'ХА', 'ОД', 'ДН', 'ЗП', 'МК', 'ЛВ', 'НО'];

const digits = (random: Random, count: number): string =>
  Array.from({ length: count }, () => random.int(0, 9)).join('');

/** International (travel) passport: two Latin letters and six digits, e.g. 'FE123456'. */
const internationalPassport = (random: Random): DemoDocument => ({
  type: 'international-passport',
  issuingCountry: 'UKR',
  number: `${random.pick(PASSPORT_SERIES)}${digits(random, 6)}`,
});

/** ID card (since 2016): a nine-digit document number. */
const idCard = (random: Random): DemoDocument => ({
  type: 'national-id-card',
  issuingCountry: 'UKR',
  number: `00${digits(random, 7)}`,
});

/** Soviet-style booklet passport: two Cyrillic letters and six digits, e.g. 'МЕ123456'. */
const bookletPassport = (random: Random): DemoDocument => ({
  type: 'internal-passport',
  issuingCountry: 'UKR',
  number: `${random.pick(BOOKLET_SERIES)}${digits(random, 6)}`,
});

/** Birth certificate: Roman numeral, Cyrillic series and six digits, e.g. 'I-КВ 123456'. */
const birthCertificate = (random: Random): DemoDocument => ({
  type: 'birth-certificate',
  issuingCountry: 'UKR',
  number: `${random.pick(['I', 'II', 'III'])}-${random.pick(BIRTH_CERTIFICATE_SERIES)} ${digits(random, 6)}`,
});

/** The documents a person of this age carried across the border; some carried none. */
export function pickDocuments(random: Random, ageYears: number): DemoDocument[] {
  const documents: DemoDocument[] = [];
  const add = (probability: number, make: (r: Random) => DemoDocument): void => {
    if (random.chance(probability)) {
      documents.push(make(random));
    }
  };
  if (ageYears < 14) {
    add(0.85, birthCertificate);
    add(0.25, internationalPassport);
  } else if (ageYears < 18) {
    add(0.7, idCard);
    add(0.35, internationalPassport);
    add(documents.length === 0 ? 0.6 : 0.2, birthCertificate);
  } else if (ageYears >= 60) {
    add(0.45, bookletPassport);
    add(0.35, idCard);
    add(0.3, internationalPassport);
  } else {
    add(0.65, internationalPassport);
    add(documents.length === 0 ? 0.85 : 0.45, idCard);
  }
  return documents;
}
