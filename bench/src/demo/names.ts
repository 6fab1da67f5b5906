/**
 * Fictional Ukrainian names in Cyrillic with their grammatical gender forms. Frequencies are
 * rough: common names appear once each, so no real person is described.
 */

/** A man's given name and the patronymics formed from it (son: -ович, daughter: -івна). */
export interface FatherName {
  readonly name: string;
  readonly sonPatronymic: string;
  readonly daughterPatronymic: string;
}

// Written out rather than derived: the rules have exceptions (Григорій → Григорович, Микола → Миколайович).
export const FATHER_NAMES: readonly FatherName[] = [
  { name: 'Олександр', sonPatronymic: 'Олександрович', daughterPatronymic: 'Олександрівна' },
  { name: 'Андрій', sonPatronymic: 'Андрійович', daughterPatronymic: 'Андріївна' },
  { name: 'Сергій', sonPatronymic: 'Сергійович', daughterPatronymic: 'Сергіївна' },
  { name: 'Володимир', sonPatronymic: 'Володимирович', daughterPatronymic: 'Володимирівна' },
  { name: 'Микола', sonPatronymic: 'Миколайович', daughterPatronymic: 'Миколаївна' },
  { name: 'Іван', sonPatronymic: 'Іванович', daughterPatronymic: 'Іванівна' },
  { name: 'Дмитро', sonPatronymic: 'Дмитрович', daughterPatronymic: 'Дмитрівна' },
  { name: 'Юрій', sonPatronymic: 'Юрійович', daughterPatronymic: 'Юріївна' },
  { name: 'Олег', sonPatronymic: 'Олегович', daughterPatronymic: 'Олегівна' },
  { name: 'Віктор', sonPatronymic: 'Вікторович', daughterPatronymic: 'Вікторівна' },
  { name: 'Василь', sonPatronymic: 'Васильович', daughterPatronymic: 'Василівна' },
  { name: 'Петро', sonPatronymic: 'Петрович', daughterPatronymic: 'Петрівна' },
  { name: 'Михайло', sonPatronymic: 'Михайлович', daughterPatronymic: 'Михайлівна' },
  { name: 'Богдан', sonPatronymic: 'Богданович', daughterPatronymic: 'Богданівна' },
  { name: 'Тарас', sonPatronymic: 'Тарасович', daughterPatronymic: 'Тарасівна' },
  { name: 'Роман', sonPatronymic: 'Романович', daughterPatronymic: 'Романівна' },
  { name: 'Ігор', sonPatronymic: 'Ігорович', daughterPatronymic: 'Ігорівна' },
  { name: 'Віталій', sonPatronymic: 'Віталійович', daughterPatronymic: 'Віталіївна' },
  { name: 'Євген', sonPatronymic: 'Євгенович', daughterPatronymic: 'Євгенівна' },
  { name: 'Максим', sonPatronymic: 'Максимович', daughterPatronymic: 'Максимівна' },
  { name: 'Артем', sonPatronymic: 'Артемович', daughterPatronymic: 'Артемівна' },
  { name: 'Денис', sonPatronymic: 'Денисович', daughterPatronymic: 'Денисівна' },
  { name: 'Павло', sonPatronymic: 'Павлович', daughterPatronymic: 'Павлівна' },
  { name: 'Степан', sonPatronymic: 'Степанович', daughterPatronymic: 'Степанівна' },
  { name: 'Григорій', sonPatronymic: 'Григорович', daughterPatronymic: 'Григорівна' },
  { name: 'Анатолій', sonPatronymic: 'Анатолійович', daughterPatronymic: 'Анатоліївна' },
  { name: 'Леонід', sonPatronymic: 'Леонідович', daughterPatronymic: 'Леонідівна' },
  { name: 'Яків', sonPatronymic: 'Якович', daughterPatronymic: 'Яківна' },
  { name: 'Ілля', sonPatronymic: 'Ілліч', daughterPatronymic: 'Іллівна' },
  { name: "Валер'ян", sonPatronymic: "Валер'янович", daughterPatronymic: "Валер'янівна" },
];

/** Given names of women and older girls (born before about 2005). */
export const WOMEN_NAMES: readonly string[] = [
  'Олена',
  'Наталія',
  'Тетяна',
  'Ірина',
  'Оксана',
  'Світлана',
  'Юлія',
  'Людмила',
  'Марія',
  'Ганна',
  'Катерина',
  'Валентина',
  'Галина',
  'Вікторія',
  'Анастасія',
  'Ольга',
  'Надія',
  'Любов',
  'Лариса',
  'Алла',
  'Інна',
  'Дарина',
  'Аліна',
  'Яна',
  'Христина',
  'Зоряна',
  'Олександра',
  'Євгенія',
  'Віра',
  "Мар'яна",
  'Уляна',
  'Ніна',
  'Раїса',
  'Тамара',
  'Зінаїда',
  'Лідія',
];

/** Given names of men and older boys. */
export const MEN_NAMES: readonly string[] = FATHER_NAMES.map((f) => f.name);

/** Given names common among children born after about 2005. */
export const GIRL_NAMES: readonly string[] = [
  'Софія',
  'Анна',
  'Марія',
  'Вікторія',
  'Злата',
  'Поліна',
  'Дарина',
  'Аліса',
  'Мілана',
  'Єва',
  'Вероніка',
  'Соломія',
  'Ангеліна',
  'Катерина',
  'Олександра',
  'Діана',
  'Ярослава',
  'Емілія',
];

export const BOY_NAMES: readonly string[] = [
  'Максим',
  'Артем',
  'Матвій',
  'Назар',
  'Марко',
  'Давид',
  'Тимофій',
  'Іван',
  'Богдан',
  'Денис',
  'Кирило',
  'Олександр',
  'Данило',
  'Михайло',
  'Ярослав',
  'Владислав',
  'Захар',
  'Єгор',
  'Андрій',
];

/** A surname in its masculine and feminine forms (equal for -енко, -ук, -ник and similar). */
export interface Surname {
  readonly male: string;
  readonly female: string;
}

const same = (name: string): Surname => ({ male: name, female: name });
const adjectival = (male: string, female: string): Surname => ({ male, female });

export const SURNAMES: readonly Surname[] = [
  ...[
    'Шевченко',
    'Коваленко',
    'Бондаренко',
    'Ткаченко',
    'Кравченко',
    'Олійник',
    'Мельник',
    'Шевчук',
    'Поліщук',
    'Бойко',
    'Ткачук',
    'Савченко',
    'Руденко',
    'Марченко',
    'Мороз',
    'Лисенко',
    'Петренко',
    'Клименко',
    'Павленко',
    'Кузьменко',
    'Левченко',
    'Гончаренко',
    'Харченко',
    'Бондар',
    'Коваль',
    'Кравчук',
    'Карпенко',
    'Литвиненко',
    'Мазур',
    'Пономаренко',
    'Кушнір',
    'Гнатюк',
    'Мирошниченко',
    'Дорошенко',
    'Зінченко',
    'Тимошенко',
    'Остапчук',
    'Семенюк',
    "Дем'яненко",
    'Головко',
    'Єрьоменко',
  ].map(same),
  adjectival('Ковальський', 'Ковальська'),
  adjectival('Вишневський', 'Вишневська'),
  adjectival('Левицький', 'Левицька'),
  adjectival('Савицький', 'Савицька'),
  adjectival('Яворський', 'Яворська'),
  adjectival('Заболотський', 'Заболотська'),
  adjectival('Грушевський', 'Грушевська'),
  adjectival('Згурський', 'Згурська'),
  adjectival('Білий', 'Біла'),
  adjectival('Чорний', 'Чорна'),
  adjectival('Сивий', 'Сива'),
  adjectival('Рудий', 'Руда'),
  // -ов/-ова and -ин/-іна surnames are more frequent in the east and south.
  adjectival('Іванов', 'Іванова'),
  adjectival('Попов', 'Попова'),
  adjectival('Кузнєцов', 'Кузнєцова'),
  adjectival('Соловйов', 'Соловйова'),
  adjectival('Волошин', 'Волошина'),
  adjectival('Федоров', 'Федорова'),
  adjectival('Ільїн', 'Ільїна'),
];
