// Written for Haven: given names as some host countries' tables write them, where the phonetic
// keys read another sound, so that no letter rule can join them without misreading other names:
//   - the Russian form with ё, which the name dictionary (ua2ru-names) holds with е only, as
//     Russian print usually writes it (Федор), while passports and clerks write the ё (Fjodor,
//     Fiodor, Fyodor; Semjon, Semyon);
//   - German ch for х (Michail, Zachar, Tichon): without another German mark in the word, ch
//     reads as the English ч (Tkachuk).
// Each spelling shares its key with whatever else is spelt alike: Michail keys as Мисаил
// (MISAIL), a rare monastic name, and Tichon as Tyson. Left out where the key is a common name's:
// Choma (Хома) keys as the Hungarian Soma.

/** One line per name: its Ukrainian form, then the spellings that join it. */
export const TRANSCRIBED_GIVEN_NAMES: readonly string[] = [
  'Федір Фёдор',
  'Семен Семён',
  'Михайло Michail',
  'Захар Zachar',
  'Тихон Tichon',
];
