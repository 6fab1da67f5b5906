// Written for Haven: the national forms of common Ukrainian given names, as clerks in host
// countries may write them (translated, not transliterated: Mikołaj, not Mykola). Transliterations
// need no entry, the phonetic keys join them. Left out, so that no two people's names become one:
// a form that is also another Ukrainian name (Jan and Ján are Ян, Ilona is Ілона, Simon is
// Симон, Daniel is Даниїл, Krystyna keys as Кристина); a form that is a woman's name somewhere
// or keys as one (Jean, Nicola, Luca; Michele as Michelle, Daniele as Danielle, Mary as Марій);
// a form keyed as the other sex's form of the name (Luc against Лука, Zaharia against Захар).
// A form of two names Ukrainian keeps apart goes to one of them only (Jerzy to Юрій, George to
// Георгій). national-given-names.test.ts checks every form against the dictionary.

/**
 * One line per name: its Ukrainian form, then its Polish, Czech, Slovak, German, Hungarian,
 * Romanian, English, French, Italian and Spanish forms where they differ by more than spelling.
 */
export const NATIONAL_GIVEN_NAME_FORMS: readonly string[] = [
  'Олександр Aleksander Alexander Sándor Alexandru Alexandre Alessandro Alejandro',
  'Олександра Aleksandra Alexandra',
  'Андрій Andrzej Ondřej Ondrej Andreas András Andrew André Andrés',
  'Іван Johann Johannes János Ioan Ion John Giovanni Juan',
  'Михайло Michał Michal Michael Mihály Mihai Michel Miguel',
  'Микола Mikołaj Mikuláš Nikolaus Miklós Nicolae Nicholas Nicolas Nicolás',
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
  'Лука Łukasz Lukáš Lukas Lukács Luke',
  'Тимофій Tymoteusz Timotej Timotheus Timotei Timothy',
  'Дмитро Dymitr Dumitru',
  'Костянтин Konstanty Constantin Constantine',
  'Антон Antoni Antonín Antal Anthony Antoine Antonio',
  'Федір Teodor Theodor Tivadar Theodore Théodore Teodoro',
  'Ілля Eliasz Eliáš Elias Illés Ilie Elijah Élie Elías',
  'Захар Zachariasz Zachariáš Zacharias Zakariás Zachary Zacharie Zaccaria Zacarías',
  'Володимир Włodzimierz',
  'Євген Eugeniusz Eugen Jenő Eugene Eugène Eugenio',
  'Марія Marie Mária',
  'Олена Helena Helene Helen Hélène',
  'Катерина Katarzyna Kateřina Katarína Katharina Katalin Ecaterina Catherine Katherine Caterina Catalina',
  'Єлизавета Elżbieta Alžběta Alžbeta Elisabeth Erzsébet Elisabeta Elizabeth Élisabeth Elisabetta Isabel',
  'Софія Zofia Žofie Žofia Sophie Zsófia Sophia',
  'Ганна Anne Hannah Ana',
  'Юлія Julie Júlia',
  'Наталія Natalie Nathalie',
  'Ірина Irena Irene Irén Irène',
  'Христина Christina Christine',
  'Маргарита Małgorzata Markéta Margareta Margarethe Margit Margaret Marguerite Margherita',
  'Варвара Barbara',
  'Євгенія Eugenia',
  'Єва Ewa Eve',
];
