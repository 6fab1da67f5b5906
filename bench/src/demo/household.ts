import type { PersonInput } from '@haven/contract';
import type { ChildCareStatus, Relationship } from '@haven/core';
import type { z } from 'zod';
import { pickDocuments } from './documents.js';
import {
  BOY_NAMES,
  FATHER_NAMES,
  GIRL_NAMES,
  MEN_NAMES,
  SURNAMES,
  WOMEN_NAMES,
  type FatherName,
  type Surname,
} from './names.js';
import type { Random } from './random.js';

export type DemoPerson = z.input<typeof PersonInput>;

/** A member before names, dates and documents are drawn. */
interface Sketch {
  readonly sex: 'female' | 'male';
  readonly ageYears: number;
  readonly relationship: Relationship;
  readonly surname: Surname;
  /** Set when the name is fixed by the household (a father whose name the children's patronymic carries). */
  readonly givenName?: string | undefined;
  /** The father whose name gives the patronymic; a random one when absent. */
  readonly father?: FatherName | undefined;
  readonly needs: string[];
  readonly childCareStatus?: ChildCareStatus | undefined;
}

const DAY_MS = 86_400_000;

/**
 * Household shapes of spring 2022. Men of 18–60 could not leave under martial law except fathers
 * of three or more children, carers and people with disabilities, so about nine adults in ten
 * were women, and most households were mothers, children and grandparents.
 */
type Shape =
  | 'mother-and-children'
  | 'woman-alone'
  | 'three-generations'
  | 'grandparent-and-grandchildren'
  | 'older-couple'
  | 'older-person-alone'
  | 'woman-and-her-mother'
  | 'large-family-with-father'
  | 'man-alone'
  | 'sisters'
  | 'unaccompanied-children'
  | 'separated-children';

const SHAPE_WEIGHTS: readonly (readonly [Shape, number])[] = [
  ['mother-and-children', 36],
  ['woman-alone', 12],
  ['three-generations', 12],
  ['grandparent-and-grandchildren', 6],
  ['older-couple', 6],
  ['older-person-alone', 8],
  ['woman-and-her-mother', 6],
  ['large-family-with-father', 3],
  ['man-alone', 4],
  ['sisters', 4],
  ['unaccompanied-children', 1],
  ['separated-children', 2],
];

const DISABILITY_CODES = ['DS-PM', 'DS-PS', 'DS-BD', 'DS-DF', 'DS-SD', 'DS-MM'];

/** Draws one household as it would be registered on `registrationDay` ('YYYY-MM-DD'), head first. */
export function drawHousehold(random: Random, registrationDay: string): DemoPerson[] {
  const sketches = sketchHousehold(random, random.weighted(SHAPE_WEIGHTS));
  return sketches.map((sketch) => drawPerson(random, sketch, registrationDay));
}

function sketchHousehold(random: Random, shape: Shape): Sketch[] {
  const surname = random.pick(SURNAMES);
  const father = random.pick(FATHER_NAMES);
  const need = (probability: number, code: string): string[] =>
    random.chance(probability) ? [code] : [];
  const person = (
    sex: Sketch['sex'],
    ageYears: number,
    relationship: Relationship,
    more: Partial<Sketch> = {},
  ): Sketch => ({ sex, ageYears, relationship, surname, needs: [], ...more });
  // Siblings are at least two years apart (birth dates are drawn within a year of the age).
  const children = (
    count: number,
    maxAgeYears: number,
    relationship: Relationship,
    minOldestYears = 0,
  ): Sketch[] => {
    const oldest = Math.max(0, Math.min(17, maxAgeYears));
    const ages = [random.int(Math.min(oldest, Math.max(minOldestYears, 2 * (count - 1))), oldest)];
    for (let age = ages[0] ?? 0; ages.length < count && age >= 2;) {
      age -= random.int(2, Math.min(age, 6));
      ages.push(age);
    }
    return ages.map((ageYears) =>
      person(random.chance(0.5) ? 'female' : 'male', ageYears, relationship, { father }),
    );
  };
  const olderNeeds = (ageYears: number): string[] => [
    ...need(0.3, 'SM-CI'),
    ...need(0.08, 'DS-PM'),
    ...(ageYears >= 80 ? need(0.25, 'ER-FR') : []),
  ];

  switch (shape) {
    case 'mother-and-children': {
      const motherAge = random.int(22, 46);
      const kids = children(
        random.weighted([
          [1, 45],
          [2, 38],
          [3, 17],
        ]),
        motherAge - 18,
        'child',
      );
      const hasInfant = kids.some((k) => k.ageYears === 0);
      const mother = person('female', motherAge, 'head', {
        needs: [
          ...need(0.35, 'SP-PT'),
          ...need(0.15, 'WR-UW'),
          ...(hasInfant ? need(0.5, 'PG-LC') : []),
        ],
      });
      return [mother, ...kids];
    }
    case 'woman-alone':
      return [
        person('female', random.int(18, 59), 'head', {
          needs: [...need(0.05, 'WR-UW'), ...need(0.02, 'PG-HR')],
        }),
      ];
    case 'three-generations': {
      const motherAge = random.int(24, 45);
      const grandmotherAge = random.int(Math.max(52, motherAge + 19), 84);
      const isGrandmotherHead = random.chance(0.4);
      const grandmother = person('female', grandmotherAge, isGrandmotherHead ? 'head' : 'parent', {
        surname: random.chance(0.5) ? surname : random.pick(SURNAMES),
        father: undefined,
        needs: [...need(0.1, 'ER-MC'), ...olderNeeds(grandmotherAge)],
      });
      const mother = person('female', motherAge, isGrandmotherHead ? 'child' : 'head', {
        needs: need(0.25, 'SP-PT'),
      });
      const kids = children(
        random.int(1, 3),
        motherAge - 18,
        isGrandmotherHead ? 'grandchild' : 'child',
      );
      return isGrandmotherHead ? [grandmother, mother, ...kids] : [mother, ...kids, grandmother];
    }
    case 'grandparent-and-grandchildren': {
      const ageYears = random.int(52, 78);
      const grandparent = person(random.chance(0.85) ? 'female' : 'male', ageYears, 'head', {
        surname: random.chance(0.6) ? surname : random.pick(SURNAMES),
        father: undefined,
        needs: [
          ...need(0.45, 'SP-GP'),
          ...(ageYears >= 60 ? need(0.3, 'ER-MC') : []),
          ...need(0.2, 'SM-CI'),
        ],
      });
      return [grandparent, ...children(random.int(1, 3), 17, 'grandchild')];
    }
    case 'older-couple': {
      const husbandAge = random.int(62, 88);
      const wifeAge = random.int(58, Math.min(92, husbandAge + 3));
      const isHusbandHead = random.chance(0.7);
      const husband = person('male', husbandAge, isHusbandHead ? 'head' : 'spouse', {
        father: undefined,
        needs: [...need(0.1, 'ER-OC'), ...olderNeeds(husbandAge)],
      });
      const wife = person('female', wifeAge, isHusbandHead ? 'spouse' : 'head', {
        father: undefined,
        needs: olderNeeds(wifeAge),
      });
      return isHusbandHead ? [husband, wife] : [wife, husband];
    }
    case 'older-person-alone': {
      const ageYears = random.int(60, 94);
      return [
        person(random.chance(0.8) ? 'female' : 'male', ageYears, 'head', {
          father: undefined,
          needs: [
            ...random.weighted<string[]>([
              [['ER-UR'], 30],
              [['ER-NF'], 20],
              [[], 50],
            ]),
            ...olderNeeds(ageYears),
            ...need(0.04, 'DS-BD'),
            ...need(0.05, 'DS-DF'),
          ],
        }),
      ];
    }
    case 'woman-and-her-mother': {
      const womanAge = random.int(25, 55);
      const motherAge = random.int(Math.max(50, womanAge + 18), Math.min(95, womanAge + 40));
      const woman = person('female', womanAge, 'head');
      const mother = person('female', motherAge, 'parent', {
        surname: random.chance(0.5) ? surname : random.pick(SURNAMES),
        father: undefined,
        needs: [...need(0.15, 'ER-OC'), ...olderNeeds(motherAge)],
      });
      const kids = random.chance(0.4) ? children(random.int(1, 2), womanAge - 18, 'child') : [];
      return [woman, ...kids, mother];
    }
    case 'large-family-with-father': {
      const fatherAge = random.int(30, 52);
      const motherAge = random.int(27, Math.max(27, fatherAge));
      return [
        person('male', fatherAge, 'head', { givenName: father.name, father: undefined }),
        person('female', motherAge, 'spouse', { father: undefined }),
        ...children(random.int(3, 4), motherAge - 18, 'child'),
      ];
    }
    case 'man-alone': {
      if (random.chance(0.65)) {
        const ageYears = random.int(60, 86);
        return [
          person('male', ageYears, 'head', {
            needs: [...need(0.2, 'ER-UR'), ...olderNeeds(ageYears)],
          }),
        ];
      }
      // Exempt from the martial-law exit ban on health grounds.
      return [
        person('male', random.int(18, 59), 'head', {
          needs: [random.pick(['DS-PS', 'DS-PM', 'DS-BD', 'SM-CC'])],
        }),
      ];
    }
    case 'sisters': {
      const headAge = random.int(20, 50);
      // Sisters share their father, hence the patronymic, but often not the (married) surname.
      const sister = person(
        'female',
        random.int(Math.max(18, headAge - 12), Math.min(60, headAge + 12)),
        'sibling',
        {
          father,
          surname: random.chance(0.6) ? random.pick(SURNAMES) : surname,
        },
      );
      const kidsFather = random.pick(FATHER_NAMES);
      const kids = children(random.int(0, 2), headAge - 18, 'child').map((kid) => ({
        ...kid,
        father: kidsFather,
      }));
      return [
        person('female', headAge, 'head', { father, needs: need(0.2, 'SP-PT') }),
        sister,
        ...kids,
      ];
    }
    case 'unaccompanied-children':
      // The eldest child heads the household.
      return children(random.int(1, 3), 17, 'sibling', 12).map((child, i) => ({
        ...child,
        relationship: i === 0 ? 'head' : 'sibling',
        childCareStatus: 'unaccompanied' as const,
        needs: ['SC-UC', ...need(0.3, 'FU-TR')],
      }));
    case 'separated-children': {
      const carer = person('female', random.int(30, 65), 'head', {
        surname: random.pick(SURNAMES),
        father: undefined,
      });
      const relationship: Relationship = random.chance(0.8) ? 'other-relative' : 'non-relative';
      const kids = children(random.int(1, 2), 17, relationship).map((kid) => ({
        ...kid,
        ageYears: Math.max(3, kid.ageYears),
        childCareStatus: 'separated' as const,
        needs: ['SC-SC', ...need(0.3, 'FU-TR')],
      }));
      return [carer, ...kids];
    }
  }
}

function drawPerson(random: Random, sketch: Sketch, registrationDay: string): DemoPerson {
  const isFemale = sketch.sex === 'female';
  const isChildName = sketch.ageYears < 17;
  const givenName =
    sketch.givenName ??
    random.pick(
      isFemale ? (isChildName ? GIRL_NAMES : WOMEN_NAMES) : isChildName ? BOY_NAMES : MEN_NAMES,
    );
  const father = sketch.father ?? random.pick(FATHER_NAMES);
  // A patronymic is occasionally unknown or not recorded.
  const patronymic = random.chance(0.96)
    ? isFemale
      ? father.daughterPatronymic
      : father.sonPatronymic
    : undefined;
  const documents = pickDocuments(random, sketch.ageYears);
  const needs = new Set(sketch.needs);
  if (random.chance(0.015)) {
    needs.add(random.pick(DISABILITY_CODES));
  }
  if (sketch.ageYears >= 18 && sketch.ageYears < 60 && random.chance(0.03)) {
    needs.add('SM-CI');
  }
  if (documents.length === 0 && random.chance(0.4)) {
    needs.add('LP-ND');
  }
  return {
    givenName,
    familyName: isFemale ? sketch.surname.female : sketch.surname.male,
    ...(patronymic === undefined ? {} : { patronymic }),
    sex: sketch.sex,
    birthDate: drawBirthDate(random, sketch.ageYears, registrationDay),
    nationality: 'UKR',
    relationshipToHead: sketch.relationship,
    ...(sketch.childCareStatus === undefined ? {} : { childCareStatus: sketch.childCareStatus }),
    documents,
    specificNeeds: [...needs].sort().map((code) => ({ code })),
  };
}

/**
 * A birth date giving `ageYears` on the registration day. Older people often know only the year
 * (documents lost, Soviet-era records), so their dates are sometimes partial.
 */
function drawBirthDate(random: Random, ageYears: number, registrationDay: string): string {
  const [year = 2022, month = 1, day = 1] = registrationDay.split('-').map(Number);
  // At most 360 days before the birthday, so the age stays exact across leap years.
  const born = new Date(Date.UTC(year - ageYears, month - 1, day) - random.int(0, 360) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  if (ageYears >= 65 && random.chance(0.3)) {
    return born.slice(0, 4);
  }
  if (ageYears >= 55 && random.chance(0.05)) {
    return born.slice(0, 7);
  }
  return born;
}
