import {
  ARRIVAL_MODES,
  CHILD_CARE_STATUSES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DOCUMENT_TYPES,
  RELATIONSHIPS,
  SEXES,
  SITE_KINDS,
  checkHousehold,
  isSpecificNeedCode,
  nameSearchTokens,
  normaliseDocumentNumber,
} from '@haven/core';
import { z } from 'zod';
import {
  BirthDate,
  CalendarDate,
  CountryAlpha2,
  CountryAlpha3,
  Id,
  NationalityCode,
  PartialDateFilter,
  PersonName,
  SingleLine,
  Timestamp,
  UkrainePcode,
} from './fields.js';

const isUnique = (values: readonly string[]): boolean => new Set(values).size === values.length;

/** Registrations before this day are typing errors (the displacement from Ukraine began in 2014). */
const EARLIEST_REGISTRATION_DAY = '2014-01-01';

export const Sex = z.enum(SEXES);
export const Relationship = z.enum(RELATIONSHIPS);
export const ChildCareStatus = z.enum(CHILD_CARE_STATUSES);
export const DocumentType = z.enum(DOCUMENT_TYPES);
export const ArrivalMode = z.enum(ARRIVAL_MODES);
export const SiteKind = z.enum(SITE_KINDS);
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export const ConsentMethod = z.enum(CONSENT_METHODS);
export const Sensitivity = z.enum(['standard', 'health', 'protection']);

export const IdentityDocumentInput = z
  .strictObject({
    type: DocumentType,
    issuingCountry: CountryAlpha3,
    number: SingleLine(40).regex(
      /^[\p{L}\d <./-]+$/u,
      'May contain only letters, digits, spaces and the separators - < . /',
    ),
    nameAsPrinted: SingleLine(200)
      .optional()
      .describe('Latin name exactly as printed on the document'),
  })
  .meta({ id: 'NewIdentityDocument' });

/** Free text about a need; several lines allowed. Always encrypted at rest. */
const ProtectionNote = z
  .string()
  .overwrite((text) => text.normalize('NFC'))
  .trim()
  .min(1, 'Must not be empty')
  .max(2000, 'Must be at most 2000 characters')
  .regex(/^(?:[\n\t]|\P{Cc})*$/u, 'Must not contain control characters other than line breaks')
  .describe(
    'Free-text note (e.g. a protection note); encrypted at rest, shown only to roles that may read the need',
  );

export const SpecificNeedInput = z
  .strictObject({
    code: z
      .string()
      .describe("UNHCR specific-needs code, category and detail, e.g. 'WR-UW'")
      .refine(isSpecificNeedCode, { message: 'Unknown UNHCR specific-needs code' }),
    note: ProtectionNote.optional(),
  })
  .meta({ id: 'NewSpecificNeed' });

export const PersonInput = z
  .strictObject({
    givenName: PersonName,
    familyName: PersonName,
    patronymic: PersonName.optional(),
    sex: Sex,
    birthDate: BirthDate,
    nationality: NationalityCode.default('UKR'),
    relationshipToHead: Relationship,
    childCareStatus: ChildCareStatus.optional(),
    documents: z
      .array(IdentityDocumentInput)
      .max(10)
      .default([])
      .refine(
        (documents) =>
          isUnique(
            documents.map(
              (d) => `${d.type}|${d.issuingCountry}|${normaliseDocumentNumber(d.number)}`,
            ),
          ),
        { message: 'The same document is listed twice' },
      ),
    specificNeeds: z
      .array(SpecificNeedInput)
      .max(40)
      .default([])
      .refine((needs) => isUnique(needs.map((n) => n.code)), {
        message: 'The same need is listed twice',
      }),
  })
  .meta({ id: 'NewPerson' });
export type PersonInput = z.infer<typeof PersonInput>;

export const ConsentInput = z
  .strictObject({
    purposes: z
      .array(ConsentPurpose)
      .min(1, 'At least one purpose')
      .refine(isUnique, { message: 'A purpose is listed twice' }),
    givenByMember: z
      .number()
      .int()
      .min(0)
      .describe('Index in household.members of the person (or guardian) who consented'),
    method: ConsentMethod,
  })
  .meta({ id: 'NewConsent' });

export const RegistrationInput = z
  .strictObject({
    siteId: Id,
    registeredAt: Timestamp.optional().describe('Defaults to the time the server receives it'),
    originPcode: UkrainePcode,
    arrivalMode: ArrivalMode,
    arrivalDate: CalendarDate.optional(),
    household: z.strictObject({
      members: z.array(PersonInput).min(1, 'A household has at least one member').max(30),
    }),
    consent: ConsentInput,
  })
  .superRefine((registration, ctx) => {
    const day = (registration.registeredAt ?? new Date().toISOString()).slice(0, 10);
    if (
      registration.registeredAt &&
      new Date(registration.registeredAt).getTime() > Date.now() + 5 * 60_000
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['registeredAt'],
        message: 'Must not be in the future',
      });
    }
    if (day < EARLIEST_REGISTRATION_DAY) {
      // Household rules are judged on the registration day: with a wrong day they would mislead.
      ctx.addIssue({
        code: 'custom',
        path: ['registeredAt'],
        message: `Must not be before ${EARLIEST_REGISTRATION_DAY}`,
      });
      return;
    }
    if (registration.arrivalDate && registration.arrivalDate > day) {
      ctx.addIssue({
        code: 'custom',
        path: ['arrivalDate'],
        message: 'Must not be after the registration date',
      });
    }
    for (const problem of checkHousehold(registration.household.members, day)) {
      ctx.addIssue({
        code: 'custom',
        path: ['household', ...problem.path],
        message: problem.message,
      });
    }
    if (registration.consent.givenByMember >= registration.household.members.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'givenByMember'],
        message: 'No household member at this index',
      });
    }
  })
  .meta({ id: 'NewRegistration' });
export type RegistrationInput = z.infer<typeof RegistrationInput>;

/** Who recorded a registration in another system, carried over on import (the API records the signed-in user). */
export const SourceRegistrar = SingleLine(200);

export const IdentityDocument = z
  .object({
    type: DocumentType,
    issuingCountry: z.string(),
    number: z.string(),
    nameAsPrinted: z.string().nullable(),
  })
  .meta({ id: 'IdentityDocument' });

export const SpecificNeed = z
  .object({
    code: z.string(),
    sensitivity: Sensitivity,
    status: z.enum(['active', 'inactive']),
    note: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'SpecificNeed' });

export const Person = z
  .object({
    id: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    patronymic: z.string().nullable(),
    givenNameLatin: z.string().describe('KMU-55 (2010) Latin form'),
    familyNameLatin: z.string(),
    patronymicLatin: z.string().nullable(),
    sex: Sex,
    birthDate: z.string(),
    nationality: z.string(),
    relationshipToHead: Relationship,
    childCareStatus: ChildCareStatus.nullable(),
    documents: z.array(IdentityDocument),
    specificNeeds: z.array(SpecificNeed),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export const SiteSummary = z
  .object({ id: z.string(), name: z.string(), countryCode: z.string(), kind: SiteKind })
  .meta({ id: 'SiteSummary' });

export const Consent = z
  .object({
    purposes: z.array(ConsentPurpose),
    givenByPersonId: z.string(),
    method: ConsentMethod,
    consentedAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'Consent' });

export const Registration = z
  .object({
    id: z.string(),
    householdId: z.string(),
    site: SiteSummary,
    registeredAt: z.string(),
    registrar: z.string(),
    originPcode: z.string(),
    arrivalMode: ArrivalMode,
    arrivalDate: z.string().nullable(),
    members: z.array(Person),
    consent: Consent,
  })
  .meta({ id: 'Registration' });
export type Registration = z.infer<typeof Registration>;

export const RegistrationSummary = z
  .object({
    id: z.string(),
    householdId: z.string(),
    site: SiteSummary,
    registeredAt: z.string(),
    originPcode: z.string(),
    householdSize: z.number().int(),
    head: z.object({
      givenName: z.string(),
      familyName: z.string(),
      givenNameLatin: z.string(),
      familyNameLatin: z.string(),
      birthDate: z.string(),
    }),
  })
  .meta({ id: 'RegistrationSummary' });
export type RegistrationSummary = z.infer<typeof RegistrationSummary>;

// No component id: query and header parameters must be inlined for OpenAPI.
export const RegistrationQuery = z.strictObject({
  q: SingleLine(100)
    .refine((q) => nameSearchTokens(q).length > 0, { message: 'Must contain a letter or digit' })
    .optional()
    .describe('Name of any member, in any script; prefix match'),
  document: SingleLine(40)
    .refine((number) => normaliseDocumentNumber(number) !== '', {
      message: 'Must contain a letter or digit',
    })
    .optional()
    .describe('Identity document number of any member'),
  birthDate: PartialDateFilter.optional().describe(
    'Birth date of any member (partial dates overlap)',
  ),
  siteId: Id.optional(),
  countryCode: CountryAlpha2.optional(),
  registeredFrom: CalendarDate.optional(),
  registeredTo: CalendarDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type RegistrationQuery = z.infer<typeof RegistrationQuery>;

export const RegistrationPage = z
  .object({ items: z.array(RegistrationSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'RegistrationPage' });

export const Household = z
  .object({
    id: z.string(),
    members: z.array(Person),
    registrations: z.array(RegistrationSummary),
  })
  .meta({ id: 'Household' });

export const SiteInput = z
  .strictObject({
    name: SingleLine(200),
    countryCode: CountryAlpha2,
    kind: SiteKind,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .meta({ id: 'NewSite' });

export const Site = SiteSummary.extend({
  latitude: z.number(),
  longitude: z.number(),
  canRegister: z.boolean().describe('Whether you may register households at this site'),
}).meta({ id: 'Site' });
export type Site = z.infer<typeof Site>;

export const HostCountry = z
  .object({ code: z.string(), alpha3: z.string(), name: z.string() })
  .meta({ id: 'HostCountry' });

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': Id.describe(
    'Client-generated UUID; a resent request with the same key and body returns the original response',
  ),
});

/** The same key, optional: the writes that also accept a first send without one. */
export const OptionalIdempotencyKeyHeader = IdempotencyKeyHeader.partial();
