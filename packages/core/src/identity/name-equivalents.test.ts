import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  ALTERNATIVE_GIVEN_NAME_PAIRS,
  PRIMARY_GIVEN_NAME_PAIRS,
} from './data/given-name-classes.js';
import { fatherNameStem, nameClass, patronymicStem, surnameStem } from './name-equivalents.js';
import { phoneticKey } from './name-keys.js';

function expectOneClass(names: readonly string[]): void {
  const classes = new Set(names.map((name) => nameClass(name)));
  expect([...classes], names.map((name) => `${name} → ${nameClass(name)}`).join(', ')).toHaveLength(
    1,
  );
}

describe('nameClass', () => {
  it('links Russian forms of given names to their Ukrainian form (issue #3)', () => {
    expectOneClass(['Oleksandr', 'Олександр', 'Aleksandr', 'Alexander', 'Александр', 'Alexandr']);
    expectOneClass(['Serhii', 'Сергій', 'Sergey', 'Сергей', 'Serguei']);
    expectOneClass(['Nataliia', 'Наталія', 'Natalya', "Natal'ya", 'Наталья']);
    expectOneClass(['Mykola', 'Микола', 'Nikolay', 'Nikolai', 'Николай']);
    expectOneClass(['Hanna', 'Ганна', 'Anna', 'Анна']);
    expectOneClass(['Volodymyr', 'Vladimir', 'Владимир']);
    expectOneClass(['Yevhen', 'Evgeniy', 'Yevgeniy', 'Евгений']);
    expectOneClass(['Tetiana', 'Tatyana', 'Татьяна']);
  });

  it('keeps women and men apart', () => {
    expect(nameClass('Олександр')).not.toBe(nameClass('Олександра'));
    expect(nameClass('Alexander')).not.toBe(nameClass('Alexandra'));
    expect(nameClass('Іван')).not.toBe(nameClass('Іванна'));
  });

  it('joins the forms a host country writes for a Ukrainian name (Mikołaj, Nikolaus, János)', () => {
    expectOneClass(['Микола', 'Николай', 'Mikołaj', 'Nikolaus', 'Miklós', 'Nicolae', 'Nicholas']);
    expectOneClass(['Іван', 'Johann', 'János', 'Ioan', 'John', 'Giovanni', 'Juan']);
    expectOneClass(['Єлизавета', 'Elżbieta', 'Erzsébet', 'Élisabeth', 'Isabel']);
    expectOneClass(['Маргарита', 'Małgorzata', 'Margit', 'Margaret']);
    expectOneClass(['Марія', 'Marie', 'Mária']);
  });

  it('reads a German ch as х in a known given name with no other German mark (Michail, Zachar)', () => {
    expectOneClass(['Михайло', 'Михаил', 'Michail']);
    expectOneClass(['Захар', 'Zachar']);
    expectOneClass(['Тихон', 'Tichon']);
  });

  it('joins a Hungarian gy for a soft д (Vlagyimir, Nagyezsda) to the name', () => {
    expectOneClass(['Володимир', 'Владимир', 'Vlagyimir']);
    expectOneClass(['Надія', 'Надежда', 'Nagyezsda']);
    expectOneClass(['Владислав', 'Vlagyiszlav']);
  });

  it('joins a Russian form written with ё (Фёдор, Fjodor) to the name', () => {
    expectOneClass(['Федір', 'Федор', 'Фёдор', 'Fjodor', 'Fyodor', 'Fiodor']);
    expectOneClass(['Семен', 'Семён', 'Semjon', 'Semyon']);
  });

  it('does not join a national form that is also another Ukrainian name (Jan is Ян)', () => {
    expect(nameClass('Jan')).not.toBe(nameClass('Іван'));
    expect(nameClass('Aleksandra')).not.toBe(nameClass('Aleksander'));
    expect(nameClass('Ella')).not.toBe(nameClass('Ілля'));
    expect(nameClass('Simon')).not.toBe(nameClass('Семен'));
    expect(nameClass('Ilona')).not.toBe(nameClass('Олена'));
  });

  it('falls back to the phonetic key for names the dictionary does not know', () => {
    expect(nameClass('Smith')).toBe(phoneticKey('Smith'));
    expect(nameClass('Марина')).not.toBe(nameClass('Мирон'));
  });

  it('classes every word of a double given name', () => {
    expect(nameClass('Anna-Mariia')).toBe(`${nameClass('Ганна')} ${nameClass('Марія')}`);
  });

  it('says nothing about an empty or unreadable name', () => {
    expect(nameClass('')).toBe('');
    expect(nameClass('ნინო')).toBe('');
    expect(nameClass(null)).toBe('');
  });
});

describe('patronymicStem', () => {
  it('gives a brother and a sister one stem and tells their sex', () => {
    expect(patronymicStem('Сергійович')).toEqual({
      stem: patronymicStem('Сергіївна').stem,
      sex: 'male',
    });
    expect(patronymicStem('Сергіївна').sex).toBe('female');
    expect(patronymicStem('Олександрівна')).toEqual({ stem: 'OLEKSANDR', sex: 'female' });
  });

  it('joins Ukrainian, Russian and transliterated forms', () => {
    const stem = patronymicStem('Миколайович').stem;
    for (const form of ['Николаевич', 'Миколаївна', 'Николаевна', 'Mykolaiovych', 'Nikolaevna']) {
      expect(patronymicStem(form).stem, form).toBe(stem);
    }
    expect(patronymicStem('Александровна').stem).toBe(patronymicStem('Олександрович').stem);
    expect(patronymicStem('Petrowicz').stem).toBe(patronymicStem('Петрівна').stem);
  });

  it("matches the father's given name", () => {
    expect(fatherNameStem('Петро')).toBe(patronymicStem('Петрович').stem);
    expect(fatherNameStem('Nikolai')).toBe(patronymicStem('Миколаївна').stem);
    expect(fatherNameStem('Сергей')).toBe(patronymicStem('Serhiivna').stem);
    expect(fatherNameStem('Ілля')).toBe(patronymicStem('Ілліч').stem);
  });

  it('has no sex for a word that is not a patronymic', () => {
    expect(patronymicStem('Шевченко').sex).toBeUndefined();
    expect(patronymicStem('')).toEqual({ stem: '', sex: undefined });
  });
});

describe('surnameStem', () => {
  it('gives relatives of either sex one stem', () => {
    expect(surnameStem('Ковальський')).toEqual({ stem: 'KOVALSK', sex: 'male' });
    expect(surnameStem('Ковальська')).toEqual({ stem: 'KOVALSK', sex: 'female' });
    expect(surnameStem('Kowalski').stem).toBe('KOVALSK');
    expect(surnameStem('Zaritskaya')).toEqual({
      stem: surnameStem('Зарицький').stem,
      sex: 'female',
    });
    expect(surnameStem('Павлова')).toEqual({ stem: surnameStem('Павлов').stem, sex: 'female' });
    expect(surnameStem('Шульгіна').stem).toBe(surnameStem('Шульгін').stem);
  });

  it('joins Ukrainian -ів and Russian -ов, -ьов and -ев', () => {
    expect(surnameStem('Павлів').stem).toBe(surnameStem('Павлов').stem);
    expect(surnameStem('Соловйов').stem).toBe(surnameStem('Соловьева').stem);
  });

  it('claims no sex where the ending shows none', () => {
    expect(surnameStem('Шевченко')).toEqual({ stem: 'SEVSENKO', sex: undefined });
    expect(surnameStem('Ткачук').sex).toBeUndefined();
    expect(surnameStem('Павлів').sex).toBeUndefined();
  });
});

describe('the name dictionary (dchaplinsky/names-translator legacy_ua2ru.csv)', () => {
  const rows = parseCsv(
    readFileSync(
      new URL('../../../../../shared/datasets/ua2ru-names/legacy_ua2ru.csv', import.meta.url),
      'utf8',
    ),
  ) as string[][];

  it('gives Ukrainian and Russian patronymics of one father one stem and sex (≥ 97 %)', () => {
    const patronymics = rows.filter(
      ([uk = '', ru = '']) =>
        /^[а-яіїєґʼ']+(ович|івна|ївна)$/iu.test(uk) && /(ович|евич|овна|евна)$/u.test(ru),
    );
    const misses = patronymics.filter(([uk = '', ru = '']) => {
      const [a, b] = [patronymicStem(uk), patronymicStem(ru)];
      return a.stem !== b.stem || a.sex !== b.sex;
    });
    expect(patronymics.length).toBeGreaterThan(1_000);
    // Misses are names the given-name table lacks (Прокопівна/Прокофьевна) and dictionary slips.
    expect(
      misses.length / patronymics.length,
      misses.map((r) => r.join(',')).join('; '),
    ).toBeLessThan(0.03);
  });

  it('generated table: every entry is a Cyrillic name with at least one other form', () => {
    for (const entry of `${PRIMARY_GIVEN_NAME_PAIRS} ${ALTERNATIVE_GIVEN_NAME_PAIRS}`.split(' ')) {
      const forms = entry.split(':');
      expect(forms.length, entry).toBeGreaterThanOrEqual(2);
      expect(
        forms.every((form) => /^[А-ЯІЇЄҐЁЫЭ][а-яіїєґёъыэʼ]+$/u.test(form)),
        entry,
      ).toBe(true);
    }
  });
});
