// Written for Haven: the national forms of common Ukrainian given names, as clerks in host
// countries may write them (translated, not transliterated: Mikołaj, not Mykola). Transliterations
// need no entry, the phonetic keys join them. A form that is also a different Ukrainian name
// is left out (Jan and Ján are also Ян, not only Іван), and so are forms whose phonetic key
// another name of the other sex has (Elia, Italian Ілля, keys as Ella), and forms of one name that
// Ukrainian keeps as two (Jerzy for Юрій, George for Георгій).

/**
 * One line per name: its Ukrainian form, then its Polish, Czech, Slovak, German, Hungarian,
 * Romanian, English, French, Italian and Spanish forms where they differ by more than spelling.
 */
export const NATIONAL_GIVEN_NAME_FORMS: readonly string[] = [
  'Олександр Aleksander Alexander Sándor Alexandru Alexandre Alessandro Alejandro',
  'Олександра Aleksandra Alexandra',
  'Андрій Andrzej Ondřej Ondrej Andreas András Andrew André Andrés',
  'Іван Johann Johannes János Ioan Ion John Jean Giovanni Juan',
  'Михайло Michał Michal Michael Mihály Mihai Michel Michele Miguel',
  'Микола Mikołaj Mikuláš Nikolaus Miklós Nicolae Nicholas Nicolas Nicola Nicolás',
  'Петро Piotr Petr Peter Péter Petru Pierre Pietro Pedro',
  'Павло Paweł Pavel Pavol Paul Pál Paolo Pablo',
  'Юрій Jerzy Jiří Juraj',
  'Георгій Georg György Gheorghe George Georges Giorgio Jorge',
  'Григорій Grzegorz Řehoř Gregor Gergely Grigore Gregory Grégoire Gregorio',
  'Степан Szczepan Štěpán Štefan Stefan István Stephen Étienne Stefano Esteban',
  'Василь Bazyli Vasile Basil',
  'Йосип Józef Josef Jozef Joseph József Iosif Giuseppe José',
  'Яків Jakub Jakob Jakab Iacob Jacob Jacques Giacomo Jacobo',
  'Матвій Mateusz Matěj Matej Matthäus Máté Matei Matthew Mathieu Matteo Mateo',
  'Лука Łukasz Lukáš Lukas Lukács Luca Luke Luc',
  'Тимофій Tymoteusz Timotej Timotheus Timotei Timothy',
  'Данило Daniel Dániel Daniele',
  'Дмитро Dymitr Dumitru',
  'Костянтин Konstanty Constantin Constantine',
  'Антон Antoni Antonín Antal Anthony Antoine Antonio',
  'Федір Teodor Theodor Tivadar Theodore Théodore Teodoro',
  'Ілля Eliasz Eliáš Elias Illés Ilie Elijah Élie Elías',
  'Семен Szymon Šimon Simon Simion Simón',
  'Захар Zachariasz Zachariáš Zacharias Zakariás Zaharia Zachary Zacharie Zaccaria Zacarías',
  'Володимир Włodzimierz',
  'Євген Eugeniusz Eugen Jenő Eugene Eugène Eugenio',
  'Марія Marie Mária Mary',
  'Олена Helena Helene Ilona Helen Hélène',
  'Катерина Katarzyna Kateřina Katarína Katharina Katalin Ecaterina Catherine Katherine Caterina Catalina',
  'Єлизавета Elżbieta Alžběta Alžbeta Elisabeth Erzsébet Elisabeta Elizabeth Élisabeth Elisabetta Isabel',
  'Софія Zofia Žofie Žofia Sophie Zsófia Sophia',
  'Ганна Anne Hannah Ana',
  'Юлія Julie Júlia',
  'Наталія Natalie Nathalie',
  'Ірина Irena Irene Irén Irène',
  'Христина Krystyna Kristýna Kristína Christina Krisztina Cristina Christine',
  'Маргарита Małgorzata Markéta Margareta Margarethe Margit Margaret Marguerite Margherita',
  'Варвара Barbara',
  'Євгенія Eugenia',
  'Єва Ewa Eve',
];
