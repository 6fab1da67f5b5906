// Written for Haven: the national forms of common Ukrainian given names, as clerks in host
// countries may write them (translated, not transliterated: Mikołaj, not Mykola). Transliterations
// need no entry, the phonetic keys join them. A form that is also a different Ukrainian name
// is left out (Jan and Ján are also Ян, not only Іван), and so are forms of one name that
// Ukrainian keeps as two (Jerzy for Юрій, George for Георгій).

/**
 * One line per name: its Ukrainian form, then its Polish, Czech, Slovak, German, Hungarian,
 * Romanian and English forms where they differ by more than spelling.
 */
export const NATIONAL_GIVEN_NAME_FORMS: readonly string[] = [
  'Олександр Aleksander Alexander Sándor Alexandru',
  'Олександра Aleksandra Alexandra',
  'Андрій Andrzej Ondřej Ondrej Andreas András Andrew',
  'Іван Johann Johannes János Ioan Ion John',
  'Михайло Michał Michal Michael Mihály Mihai',
  'Микола Mikołaj Mikuláš Nikolaus Miklós Nicolae Nicholas',
  'Петро Piotr Petr Peter Péter Petru',
  'Павло Paweł Pavel Pavol Paul Pál',
  'Юрій Jerzy Jiří Juraj',
  'Георгій Georg György Gheorghe George',
  'Григорій Grzegorz Řehoř Gregor Gergely Grigore Gregory',
  'Степан Szczepan Štěpán Štefan Stefan István Stephen',
  'Василь Bazyli Vasile Basil',
  'Йосип Józef Josef Jozef Joseph József Iosif',
  'Яків Jakub Jakob Jakab Iacob Jacob',
  'Матвій Mateusz Matěj Matej Matthäus Máté Matei Matthew',
  'Лука Łukasz Lukáš Lukas Lukács Luca Luke',
  'Тимофій Tymoteusz Timotej Timotheus Timotei Timothy',
  'Данило Daniel Dániel',
  'Дмитро Dymitr Dumitru',
  'Костянтин Konstanty Constantin Constantine',
  'Антон Antoni Antonín Antal Anthony',
  'Федір Teodor Theodor Tivadar Theodore',
  'Ілля Eliasz Eliáš Elias Illés Ilie Elijah',
  'Семен Szymon Šimon Simon Simion',
  'Захар Zachariasz Zachariáš Zacharias Zakariás Zaharia Zachary',
  'Володимир Włodzimierz',
  'Євген Eugeniusz Eugen Jenő Eugene',
  'Марія Marie Mária Mary',
  'Олена Helena Helene Ilona Helen',
  'Катерина Katarzyna Kateřina Katarína Katharina Katalin Ecaterina Catherine Katherine',
  'Єлизавета Elżbieta Alžběta Alžbeta Elisabeth Erzsébet Elisabeta Elizabeth',
  'Софія Zofia Žofie Žofia Sophie Zsófia Sophia',
  'Ганна Anne Hannah',
  'Юлія Julie Júlia',
  'Наталія Natalie',
  'Ірина Irena Irene Irén',
  'Христина Krystyna Kristýna Kristína Christina Krisztina Cristina Christine',
  'Маргарита Małgorzata Markéta Margareta Margarethe Margit Margaret',
  'Варвара Barbara',
  'Євгенія Eugenia',
  'Єва Ewa Eve',
];
