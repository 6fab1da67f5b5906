/**
 * How clerks in each host country write a Ukrainian (or Russian) Cyrillic name in Latin letters,
 * for the synthetic registrations of the identity benchmark (#3 item 7). The tables follow each
 * language's usual spelling of the sounds (Polish sz/cz/w, German sch/tsch/w, Czech š/č, Hungarian
 * s/cs/zs/sz, Romanian ș/ci/ț); KMU-55 (2010) comes from core, as passports print it.
 */
import { transliterateUkrainian } from '@haven/core';

export const TRANSCRIPTION_SYSTEMS = [
  'kmu-2010',
  'polish',
  'german',
  'czech',
  'hungarian',
  'romanian',
  'russian-passport',
] as const;
export type TranscriptionSystem = (typeof TRANSCRIPTION_SYSTEMS)[number];

type LetterTable = Readonly<Record<string, string>>;

/** Letters every table shares; each system overrides what its language writes differently. */
const COMMON: LetterTable = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  // Russian letters, for Russian name forms.
  ё: 'e',
  ы: 'y',
  э: 'e',
  ъ: '',
};

const TABLES: Readonly<Record<Exclude<TranscriptionSystem, 'kmu-2010'>, LetterTable>> = {
  polish: {
    ...COMMON,
    в: 'w',
    є: 'je',
    ж: 'ż',
    ї: 'ji',
    й: 'j',
    х: 'ch',
    ц: 'c',
    ч: 'cz',
    ш: 'sz',
    щ: 'szcz',
    ю: 'ju',
    я: 'ja',
  },
  german: {
    ...COMMON,
    в: 'w',
    є: 'je',
    ж: 'sch',
    з: 's',
    ї: 'ji',
    й: 'j',
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ю: 'ju',
    я: 'ja',
  },
  czech: {
    ...COMMON,
    є: 'je',
    ж: 'ž',
    ї: 'ji',
    й: 'j',
    х: 'ch',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'šč',
    ю: 'ju',
    я: 'ja',
  },
  hungarian: {
    ...COMMON,
    є: 'je',
    ж: 'zs',
    и: 'i',
    ї: 'ji',
    й: 'j',
    с: 'sz',
    х: 'h',
    ц: 'c',
    ч: 'cs',
    ш: 's',
    щ: 'scs',
    ю: 'ju',
    я: 'ja',
  },
  romanian: {
    ...COMMON,
    ж: 'j',
    и: 'î',
    ї: 'ii',
    х: 'h',
    ц: 'ț',
    ч: 'ci',
    ш: 'ș',
    щ: 'șci',
  },
  // MVD 310-1997 style, as older Ukrainian passports printed Russian forms.
  'russian-passport': { ...COMMON, г: 'g', е: 'e', и: 'i', й: 'y', х: 'kh', ю: 'yu', я: 'ya' },
};

const cache = new Map<string, string>();

function transcribeWord(word: string, table: LetterTable): string {
  let out = '';
  for (const ch of word.toLowerCase()) {
    out += table[ch] ?? (/['’ʼ]/.test(ch) ? '' : ch);
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * A Cyrillic name as a clerk using the given system writes it.
 * @example transcribeName('Шевченко', 'hungarian') // 'Sevcsenko'
 */
export function transcribeName(name: string, system: TranscriptionSystem): string {
  const key = `${system}:${name}`;
  let written = cache.get(key);
  if (written === undefined) {
    written =
      system === 'kmu-2010'
        ? transliterateUkrainian(name)
        : name
            .split(/([\s-]+)/)
            .map((part, index) => (index % 2 === 0 ? transcribeWord(part, TABLES[system]) : part))
            .join('');
    cache.set(key, written);
  }
  return written;
}
