import { describe, expect, it } from 'vitest';
import {
  compareNames,
  comparePatronymics,
  comparePersonNames,
  NAME_MATCH_THRESHOLD,
} from './compare-names.js';

const level = (
  a: string | null | undefined,
  b: string | null | undefined,
  part: 'given' | 'family',
) => compareNames(a, b, part).level;

describe('compareNames', () => {
  it('is exact for one spelling in any script, case or word order', () => {
    expect(compareNames('Шевченко', 'SHEVCHENKO', 'family')).toEqual({ level: 'exact', score: 1 });
    expect(level('SHEVCHENKO<<OLENA', 'Олена Шевченко', 'family')).toBe('exact');
    expect(level('Anna Maria', 'Maria-Anna', 'given')).toBe('exact');
  });

  it('is exact when a national spelling folds to the same canonical form', () => {
    expect(level('Szewczenko', 'Шевченко', 'family')).toBe('exact');
    expect(level('Schewtschenko', 'Ševčenko', 'family')).toBe('exact');
  });

  it('finds transcriptions equivalent (DOMAIN.md 7)', () => {
    expect(level('Şevcenco', 'Шевченко', 'family')).toBe('equivalent');
    expect(level('Sevcsenko', 'Shevchenko', 'family')).toBe('equivalent');
    expect(level('Yerofyeyev', 'Yerofieiev', 'family')).toBe('equivalent');
    expect(level('Zhurskyi', 'Zghurskyi', 'family')).toBe('equivalent');
    expect(level('Serhiy', 'Serhii', 'given')).toBe('equivalent');
    expect(level('Yuriy', 'Iurii', 'given')).toBe('equivalent');
  });

  it('finds Russian forms of a given name equivalent, but not of a family name', () => {
    expect(level('Nikolay', 'Mykola', 'given')).toBe('equivalent');
    expect(level('Alexander', 'Олександр', 'given')).toBe('equivalent');
    expect(level('Anna', 'Hanna', 'given')).toBe('equivalent');
    expect(level('Anna', 'Hanna', 'family')).not.toBe('equivalent');
  });

  it('scores equivalents above the match threshold', () => {
    expect(compareNames('Natalya', 'Nataliia', 'given').score).toBeGreaterThanOrEqual(
      NAME_MATCH_THRESHOLD,
    );
  });

  it('calls a typo close', () => {
    expect(level('Shevchenko', 'Shevchenok', 'family')).toBe('close');
    expect(level('Kovalenko', 'Kovalnko', 'family')).toBe('close');
  });

  it('calls one keystroke on top of another script or transcription close', () => {
    expect(level("Мар'яна", "Мир'яна", 'given')).toBe('close');
    expect(level('Larysa', 'Lsrysa', 'given')).toBe('close');
    expect(level('Катерина', 'Katerzyna', 'given')).not.toBe('different');
    expect(level('Тетяна', 'Tetjna', 'given')).toBe('close');
  });

  it('does not take names one letter apart at their start for a typo (sisters, twins)', () => {
    expect(level('Марія', 'Дарія', 'given')).toBe('different');
    expect(level('Mariia', 'Dariia', 'given')).toBe('different');
    expect(level('Roman', 'Ruslan', 'given')).toBe('different');
  });

  it('keeps hard non-matches apart: names of the other sex, and other names', () => {
    for (const [a, b] of [
      ['Олександр', 'Олександра'],
      ['Oleksandr', 'Oleksandra'],
      ['Alexander', 'Олександра'],
      ['Іван', 'Іванна'],
      ['Yaroslav', 'Yaroslava'],
      ['Yevhenii', 'Yevheniia'],
      ['Марина', 'Мирон'],
      ['Mykola', 'Mykyta'],
      ['Olena', 'Olha'],
      ['Яна', 'Анна'],
    ] as const) {
      const comparison = compareNames(a, b, 'given');
      expect(comparison.level, `${a} / ${b}`).toBe('different');
      expect(comparison.score, `${a} / ${b}`).toBeLessThan(NAME_MATCH_THRESHOLD);
    }
    expect(compareNames('Ковальський', 'Ковальська', 'family')).toEqual({
      level: 'different',
      score: 0,
    });
  });

  it('calls a double surname against one of its halves partial', () => {
    const comparison = compareNames('Kovalenko-Shevchenko', 'Шевченко', 'family');
    expect(comparison.level).toBe('partial');
    expect(comparison.score).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(level('Oleksandr Petro', 'Oleksandr Ivan', 'given')).toBe('partial');
  });

  it('joins a name written as one word and as two', () => {
    expect(level('Anna Maria', 'Annamaria', 'given')).toBe('exact');
    expect(level('Anna Mariya', 'Annamariia', 'given')).toBe('equivalent');
  });

  it('reads a title or an ordinal in a given name as no name (Sir George, пані Олена, 2nd)', () => {
    expect(level('Sir George', 'George', 'given')).toBe('exact');
    expect(level('пані Олена', 'Olena', 'given')).toBe('exact');
    expect(level('Sir', 'George', 'given')).toBe('missing');
    expect(level('2nd', 'William', 'given')).toBe('missing');
    expect(level('Sir '.repeat(100_000), 'George', 'given')).toBe('missing');
    expect(level('Sir_George', 'George', 'given')).toBe('exact');
    expect(level('пані Мар’яна', 'Мар’яна', 'given')).toBe('exact');
    expect(level('Mrs Anna-Maria', 'Anna-Maria', 'given')).toBe('exact');
    // Digits in a name are a typo or a misread letter, not an ordinal: the name stays.
    expect(level('Olena2', 'Olena', 'given')).toBe('exact');
    // A surname may be a title's word: King, Lord and Baron are family names too.
    expect(level('King', 'Kinga', 'family')).not.toBe('missing');
  });

  it('calls a host country’s form of a name equivalent, never a name of the other sex', () => {
    expect(level('Mikołaj', 'Микола', 'given')).toBe('equivalent');
    expect(level('Marie', 'Марія', 'given')).toBe('equivalent');
    expect(level('Іван', 'Іванна', 'given')).toBe('different');
    expect(level('Марій', 'Марія', 'given')).toBe('different');
    expect(level('Marii', 'Mariia', 'given')).toBe('different');
  });

  it('calls an initial against a name it begins partial, and against another name different', () => {
    expect(level('J.', 'John', 'given')).toBe('partial');
    expect(level('О.', 'Олена', 'given')).toBe('partial');
    expect(level('Х.', 'Khrystyna', 'given')).toBe('partial');
    expect(level('Я', 'Яна', 'given')).toBe('partial');
    expect(level('J.', 'Mary', 'given')).toBe('different');
    // Across scripts and transcriptions.
    expect(level('G.', 'Григорій', 'given')).toBe('partial');
    expect(level('Г.', 'Georgii', 'given')).toBe('partial');
    expect(level('Я.', 'Iaroslav', 'given')).toBe('partial');
    expect(level('Є.', 'Yevhen', 'given')).toBe('partial');
    expect(level('J.', 'Jurij', 'given')).toBe('partial');
    expect(level('Щ.', 'Shchaslyva', 'given')).toBe('partial');
    // Two-letter names are names, not initials.
    expect(level('Al', 'Alla', 'given')).toBe('different');
    expect(level('Anna M.', 'Anna Maria', 'given')).toBe('partial');
  });

  it.each([
    ['', 'Шевченко'],
    [null, 'Шевченко'],
    ['Шевченко', undefined],
    ['😀', 'Шевченко'],
    ['محمد', 'Шевченко'],
    ['ნინო', 'ნინო'],
  ])('says "missing" when a side has no readable name: %s / %s', (a, b) => {
    expect(compareNames(a, b, 'family')).toEqual({ level: 'missing', score: 0 });
  });

  it('never throws on long input', () => {
    const long = 'Шевченко '.repeat(120);
    expect(() => compareNames(long, `${long}x`, 'family')).not.toThrow();
    expect(level('a'.repeat(1_000), 'a'.repeat(999), 'given')).toBe('exact'); // both cut to the same length
  });
});

describe('comparePatronymics', () => {
  it('finds Ukrainian and Russian forms of one patronymic equivalent', () => {
    expect(comparePatronymics('Миколайович', 'Nikolaevich').level).toBe('equivalent');
    expect(comparePatronymics('Сергійович', 'Сергеевич').level).toBe('equivalent');
  });

  it('tells a brother from a sister', () => {
    expect(comparePatronymics('Сергійович', 'Сергіївна')).toEqual({ level: 'different', score: 0 });
  });

  it('says "missing" without a patronymic', () => {
    expect(comparePatronymics('', 'Сергійович').level).toBe('missing');
  });

  // Renderings from OpenSanctions' putin_names fixture (../shared/datasets/opensanctions-name-bench).
  it('reads the Romanian -ovici and the Hungarian -ovics as -ович', () => {
    expect(comparePatronymics('Vladimirovici', 'Володимирович').level).toBe('equivalent');
    expect(comparePatronymics('Ivanovici', 'Іванович').level).toBe('equivalent');
    expect(comparePatronymics('Mihajlovics', 'Михайлович').level).toBe('equivalent');
  });

  it('reads an initial of the patronymic it begins as no evidence, in either script', () => {
    // Forms write "Шевченко О. В.": the initial is all the clerk had. It must not count against
    // the pair, nor for it: siblings share it, and it carries no sex (Володимирович, -івна).
    for (const [initial, patronymic] of [
      ['В.', 'Володимирович'],
      ['V.', 'Володимирівна'],
      ['O', 'Олександрівна'],
      ['Х.', 'Khomych'],
    ]) {
      expect(comparePatronymics(initial, patronymic), `${initial} ${patronymic}`).toEqual({
        level: 'missing',
        score: 0,
      });
      expect(comparePatronymics(patronymic, initial).level).toBe('missing');
    }
    expect(comparePatronymics('П.', 'Володимирович').level).toBe('different');
    expect(comparePatronymics('В.', 'П.').level).toBe('different');
  });
});

describe('comparePersonNames', () => {
  it('reads the given names of an exchanged record as given names, whichever record it is', () => {
    // Elena is Olena's Russian form: equivalent as given names, different as surnames.
    const exchanged = { given: 'Pasichnenko', family: 'Olena' };
    const written = { given: 'Elena', family: 'Pasicznenko' };
    for (const [a, b] of [
      [exchanged, written],
      [written, exchanged],
    ] as const) {
      expect(comparePersonNames(a, b)).toMatchObject({
        isSwapped: true,
        given: { level: 'equivalent' },
        family: { level: 'exact' },
      });
    }
  });

  it('reads a surname in the given-name field the same whichever record comes first', () => {
    const surnameOnly = { given: 'Koval' };
    const full = { given: 'Олена', family: 'Коваль' };
    for (const [a, b] of [
      [surnameOnly, full],
      [full, surnameOnly],
    ] as const) {
      expect(comparePersonNames(a, b)).toMatchObject({
        isSwapped: true,
        given: { level: 'missing' },
        family: { level: 'exact' },
      });
    }
  });

  it('detects given and family names exchanged', () => {
    const comparison = comparePersonNames(
      { given: 'Shevchenko', family: 'Olena' },
      { given: 'Олена', family: 'Шевченко', patronymic: 'Петрівна' },
    );
    expect(comparison).toMatchObject({
      isSwapped: true,
      given: { level: 'exact' },
      family: { level: 'exact' },
    });
    expect(comparison.patronymic.level).toBe('missing');
  });

  it('does not call names swapped when they agree as written', () => {
    const comparison = comparePersonNames(
      { given: 'Serhii', family: 'Kovalenko', patronymic: 'Petrovych' },
      { given: 'Sergey', family: 'Коваленко', patronymic: 'Петрович' },
    );
    expect(comparison).toMatchObject({
      isSwapped: false,
      given: { level: 'equivalent' },
      family: { level: 'exact' },
      patronymic: { level: 'exact' },
    });
  });

  it('reads a surname written in the given-name field, the family field empty, as the surname', () => {
    const watts = { given: 'Watts' };
    const william = { given: 'William', family: 'Watts' };
    for (const comparison of [
      comparePersonNames(watts, william),
      comparePersonNames(william, watts),
    ]) {
      expect(comparison).toMatchObject({
        isSwapped: true,
        given: { level: 'missing' },
        family: { level: 'exact' },
      });
    }
    // Ivan as one record's given name and the other's surname, nothing else: no reading.
    expect(comparePersonNames({ given: 'Ivan' }, { family: 'Ivan' }).isSwapped).toBe(false);
    // A given name alone stays a given name: it agrees as written.
    expect(
      comparePersonNames({ given: 'Olena' }, { given: 'Olena', family: 'Shevchenko' }).isSwapped,
    ).toBe(false);
  });

  it('does not call names swapped when they disagree either way', () => {
    const comparison = comparePersonNames(
      { given: 'Olena', family: 'Bondarenko' },
      { given: 'Iryna', family: 'Tkachuk' },
    );
    expect(comparison.isSwapped).toBe(false);
    expect(comparison.given.level).toBe('different');
  });
});
