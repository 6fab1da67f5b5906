// PLACEHOLDER (lead): oblasts only, until the full ADM1+ADM2 table lands.
export interface UkraineAdminUnit {
  readonly pcode: string;
  readonly level: 1 | 2;
  readonly parent?: string;
  readonly nameEn: string;
  readonly nameUk: string;
  readonly aliases?: readonly string[];
}
export const UKRAINE_ADMIN_UNITS: readonly UkraineAdminUnit[] = [
  { pcode: 'UA46', level: 1, nameEn: 'Lvivska', nameUk: 'Львівська' },
  { pcode: 'UA63', level: 1, nameEn: 'Kharkivska', nameUk: 'Харківська' },
  { pcode: 'UA80', level: 1, nameEn: 'Kyiv', nameUk: 'Київ' },
  { pcode: 'UA4606', level: 2, parent: 'UA46', nameEn: 'Lvivskyi', nameUk: 'Львівський' },
];
