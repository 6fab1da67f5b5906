// Written for Haven: Russian given names with ё that the name dictionary (ua2ru-names) holds
// only with е, as Russian print usually writes them (Федор, Семен). Passports and clerks write
// the ё (Fjodor, Fiodor, Fyodor, Semjon, Semyon), which keys apart from е. One line per name:
// its Ukrainian form, then the form with ё.
export const RUSSIAN_YO_FORMS: readonly string[] = ['Федір Фёдор', 'Семен Семён'];
