import { describe, expect, it } from 'vitest';
import {
  canonicalName,
  canonicalTokens,
  MAX_NAME_CHARS,
  phoneticKey,
  phoneticKeys,
} from './name-keys.js';

/** Every spelling in the list lands on one phonetic key. */
function expectOneKey(spellings: readonly string[]): void {
  const keys = new Set(spellings.map((s) => phoneticKey(s)));
  expect([...keys], spellings.map((s) => `${s} → ${phoneticKey(s)}`).join(', ')).toHaveLength(1);
}

describe('canonicalName', () => {
  it('writes Cyrillic in KMU-55 Latin, lower case', () => {
    expect(canonicalName('Шевченко Олена')).toBe('shevchenko olena');
    expect(canonicalName('Згурський')).toBe('zghurskyi');
  });

  it('folds national digraphs and diacritics into the KMU-55 spelling', () => {
    expect(canonicalName('Szewczenko')).toBe('shevchenko');
    expect(canonicalName('Schewtschenko')).toBe('shevchenko');
    expect(canonicalName('Ševčenko')).toBe('shevchenko');
    expect(canonicalName('Szczerbak')).toBe('shcherbak');
    expect(canonicalName('Kovalcsuk')).toBe('kovalchuk');
    expect(canonicalName('Jurij')).toBe('yurii');
    expect(canonicalName('Ûrìj')).toBe('iurii'); // ISO 9
    expect(canonicalName('Ţurcan')).toBe('tsurcan'); // Romanian ț = ц
  });

  it('drops soft signs and apostrophes inside words', () => {
    expect(canonicalName("Mel'nyk")).toBe('melnyk');
    expect(canonicalName('Melʹnyk')).toBe('melnyk');
    expect(canonicalName('Мар’яна')).toBe(canonicalName("Мар'яна"));
  });

  it('reads the machine-readable zone: < separates words, case is dropped', () => {
    expect(canonicalName('SHEVCHENKO<<OLENA')).toBe('shevchenko olena');
    expect(canonicalTokens('KOVALENKO<SHEVCHENKO<<ANNA<MARIIA')).toEqual([
      'kovalenko',
      'shevchenko',
      'anna',
      'mariia',
    ]);
  });

  it('splits hyphenated and spaced names into words', () => {
    expect(canonicalTokens('Недельська-Табачнік')).toEqual(['nedelska', 'tabachnik']);
  });
});

describe('phoneticKey', () => {
  it('gives all transcriptions of Шевченко one key (issue #3)', () => {
    expectOneKey([
      'Шевченко',
      'Shevchenko',
      'Szewczenko',
      'Schewtschenko',
      'Ševčenko',
      'Sevcsenko',
      'Şevcenco',
    ]);
    expect(phoneticKey('Шевченко')).toBe('SEVSENKO');
  });

  it('reads "ch" as х in a Polish, German or Czech spelling, as ч in English and KMU-55', () => {
    expectOneKey(['Харченко', 'Kharchenko', 'Charczenko', 'Chartschenko', 'Charčenko']);
    expectOneKey(['Михайло', 'Mykhailo', 'Mychajło', 'Mychajlo']);
    expectOneKey(['Харків', 'Kharkiv', 'Charkiw']);
    expectOneKey(["Хом'юк", 'Khomiuk', 'Chomjuk']);
    expectOneKey(['Христя', 'Khrystia', 'Chrystja']);
    expectOneKey(['Чорновол', 'Chornovol', 'Czornowoł', 'Tschornowol']);
    expect(phoneticKey('Schewtschenko')).toBe('SEVSENKO');
  });

  it('reads "j" as ж in a Romanian spelling, as й in a Polish or Czech one', () => {
    expectOneKey(['Жукець', 'Zhukets', 'Jukeț', 'Żukeć']);
    expectOneKey(['Житомир', 'Zhytomyr', 'Jîtomîr']);
    expectOneKey(['Юрій', 'Yurii', 'Jurij', 'Iurii']);
  });

  it('reads the Hungarian gy before a vowel as a soft д, and an old -gyi as -гий', () => {
    expect(phoneticKey('Vlagyimir')).toBe(phoneticKey('Vladimir'));
    expect(phoneticKey('Gyenyisz')).toBe(phoneticKey('Денис'));
    expect(phoneticKey('Ligyija')).toBe(phoneticKey('Лідія'));
    expect(phoneticKey('Gyacsenko')).toBe(phoneticKey('Дяченко'));
    expect(phoneticKey('Dovgyi')).toBe(phoneticKey('Довгий'));
    expect(phoneticKey('Gyrenko')).toBe(phoneticKey('Гиренко'));
  });

  it('survives diacritics stripped by a keyboard without them', () => {
    expectOneKey(['Ševčenko', 'Sevcenko', 'Shevchenko']);
    expectOneKey(['Kravčenko', 'Kravcenko', 'Kravchenko']);
  });

  it('joins the pre-2010 and 2010 renderings of є (DOMAIN.md 7)', () => {
    expectOneKey(['Yerofyeyev', 'Yerofieiev', 'Єрофєєв', 'Ерофеев']);
  });

  it('joins зг = zgh (2010) with the older zh (DOMAIN.md 7)', () => {
    expectOneKey(['Zghurskyi', 'Zhurskyi', 'Згурський', 'Zgurskiy']);
  });

  it('folds the -iy/-yi/-ii/-ij endings and g/h (DOMAIN.md 7)', () => {
    expectOneKey(['Serhiy', 'Sergiy', 'Serhii', 'Sergij', 'Сергій']);
    expectOneKey(['Yuriy', 'Iurii', 'Yurii', 'Jurij', 'Yury', 'Iourii', 'Ûrìj', 'Юрій']);
    expectOneKey(['Khmelnytskyi', 'Khmelnitsky', 'Chmelnyzkyj', 'Hmelʹnickij', 'Xmelʹnycʹkyj']);
  });

  it('folds the glides of я ю є in every spelling', () => {
    expectOneKey(['Tetiana', 'Tetyana', 'Tetjana', 'Tetâna', 'Тетяна']);
    expectOneKey(['Yuliia', 'Yuliya', 'Julija', 'Iouliia', 'Юлія']);
    expectOneKey(['Yevhen', 'Ievgen', 'Jewhen', 'Êvgen', 'Євген']);
  });

  it('keeps a word-initial я apart from а (Яна is not Анна)', () => {
    expect(phoneticKey('Яна')).not.toBe(phoneticKey('Анна'));
  });

  it('keeps names that differ by sex or by letters apart', () => {
    expect(phoneticKey('Олександр')).not.toBe(phoneticKey('Олександра'));
    expect(phoneticKey('Іван')).not.toBe(phoneticKey('Іванна'));
    expect(phoneticKey('Марина')).not.toBe(phoneticKey('Мирон'));
  });

  it('keys every word of a name in order', () => {
    expect(phoneticKeys('SHEVCHENKO<<OLENA')).toEqual(['SEVSENKO', 'OLENA']);
    expect(phoneticKey('Шевченко Олена')).toBe(phoneticKey('SHEVCHENKO<<OLENA'));
  });

  it('treats the Russian feminine -ая as the Ukrainian -а', () => {
    expectOneKey(['Zaritskaya', 'Zaritska', 'Зарицька', 'Зарицкая']);
    expect(phoneticKey('Майя')).toBe('MAIA'); // a short word ending so is a name of its own
  });
});

describe('weird input', () => {
  const weird = [
    '',
    '   ',
    '😀🇺🇦',
    'محمد علي',
    'ნინო',
    '张伟',
    '<<<',
    '12345',
    "'-'",
    'x'.repeat(1_000),
    'Ш'.repeat(1_000),
  ];

  it.each(weird)('never throws and gives a bounded or empty key: %#', (text) => {
    expect(() => phoneticKey(text)).not.toThrow();
    expect(canonicalName(text).length).toBeLessThanOrEqual(MAX_NAME_CHARS * 4);
  });

  it('gives no key for names without Latin or Cyrillic letters', () => {
    for (const text of ['', '😀🇺🇦', 'محمد علي', 'ნინო', '<<<', null, undefined]) {
      expect(phoneticKey(text)).toBe('');
      expect(canonicalTokens(text)).toEqual([]);
    }
  });
});
