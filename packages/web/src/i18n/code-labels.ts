import {
  findSpecificNeed,
  findUkraineAdminUnit,
  oblastOf,
  type UkraineAdminUnit,
} from '@haven/core';
import type { TFunction } from 'i18next';
import { en } from './resources.js';

type NeedCategoryKey = keyof typeof en.needs.categories;
type NeedDetailKey = keyof typeof en.needs.details;

const isNeedCategoryKey = (code: string): code is NeedCategoryKey =>
  Object.hasOwn(en.needs.categories, code);
const isNeedDetailKey = (code: string): code is NeedDetailKey =>
  Object.hasOwn(en.needs.details, code);

/** A UNHCR specific-needs category ('WR') in the current language; core's English label otherwise. */
export function needCategoryLabel(code: string, t: TFunction): string {
  return isNeedCategoryKey(code) ? t(`needs.categories.${code}`) : code;
}

/** A full specific-needs code ('WR-UW') in the current language. */
export function needLabel(code: string, t: TFunction): string {
  return isNeedDetailKey(code)
    ? t(`needs.details.${code}`)
    : (findSpecificNeed(code)?.label ?? code);
}

export function adminUnitName(unit: UkraineAdminUnit, language: string): string {
  return language === 'uk' ? unit.nameUk : unit.nameEn;
}

/** A unit named in the current language with the other one beside it: registrars and displaced people may read either. */
export function adminUnitOptionLabel(unit: UkraineAdminUnit, language: string): string {
  const other = language === 'uk' ? unit.nameEn : unit.nameUk;
  return `${adminUnitName(unit, language)} — ${other}`;
}

/** 'Lvivskyi, Lvivska' for a raion, 'Lvivska' for an oblast; the P-code itself if unknown. */
export function originLabel(pcode: string, language: string): string {
  const unit = findUkraineAdminUnit(pcode);
  if (!unit) {
    return pcode;
  }
  const oblast = oblastOf(pcode);
  return oblast && oblast !== unit
    ? `${adminUnitName(unit, language)}, ${adminUnitName(oblast, language)}`
    : adminUnitName(unit, language);
}

/** A country by its ISO alpha-2 code, named by the browser in the current language. */
export function countryName(alpha2: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(alpha2) ?? alpha2;
  } catch {
    return alpha2;
  }
}

export function formatTimestamp(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
