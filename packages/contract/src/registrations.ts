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
  Timestamp,
  UkrainePcode,
} from './fields.js';

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
    number: z
      .string()
      .trim()
      .min(1, 'Must not be empty')
      .max(40, 'Must be at most 40 characters')
      .regex(/^[\p{L}\d\s\-<./]+$/u, 'May contain only letters, digits, spaces and hyphens'),
    nameAsPrinted: z.string().trim().min(1).max(200).optional().describe('Latin name exactly as printed on the document'),
  })
  .meta({ id: 'NewIdentityDocument' });

export const SpecificNeedInput = z
  .strictObject({
    code: z
      .string()
      .describe("UNHCR specific-needs code, category and detail, e.g. 'WR-UW'")
      .refine(isSpecificNeedCode, { message: 'Unknown UNHCR specific-needs code' }),
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
    documents: z.array(IdentityDocumentInput).max(10).default([]),
    specificNeeds: z.array(SpecificNeedInput).max(40).default([]),
  })
  .meta({ id: 'NewPerson' });
export type PersonInput = z.infer<typeof PersonInput>;

export const ConsentInput = z
  .strictObject({
    purposes: z.array(ConsentPurpose).min(1, 'At least one purpose').max(CONSENT_PURPOSES.length),
    givenByMember: z.number().int().min(0).describe('Index in household.members of the person (or guardian) who consented'),
    method: ConsentMethod,
  })
  .meta({ id: 'NewConsent' });

export const RegistrationInput = z
  .strictObject({
    siteId: Id,
    registeredAt: Timestamp.optional().describe('Defaults to the time the server receives it'),
    // TODO(#4): the registrar becomes the signed-in user once authentication exists.
    registrar: z.string().trim().min(1).max(200),
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
    if (registration.registeredAt && new Date(registration.registeredAt).getTime() > Date.now() + 5 * 60_000) {
      ctx.addIssue({ code: 'custom', path: ['registeredAt'], message: 'Must not be in the future' });
    }
    if (registration.arrivalDate && registration.arrivalDate > day) {
      ctx.addIssue({ code: 'custom', path: ['arrivalDate'], message: 'Must not be after the registration date' });
    }
    for (const problem of checkHousehold(registration.household.members, day)) {
      ctx.addIssue({ code: 'custom', path: ['household', ...problem.path], message: problem.message });
    }
    if (registration.consent.givenByMember >= registration.household.members.length) {
      ctx.addIssue({ code: 'custom', path: ['consent', 'givenByMember'], message: 'No household member at this index' });
    }
  })
  .meta({ id: 'NewRegistration' });
export type RegistrationInput = z.infer<typeof RegistrationInput>;

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
export const RegistrationQuery = z
  .strictObject({
    q: z.string().trim().min(1).max(100).optional().describe('Name of any member, in any script; prefix match'),
    document: z.string().trim().min(1).max(40).optional().describe('Identity document number of any member'),
    birthDate: PartialDateFilter.optional().describe('Birth date of any member (partial dates overlap)'),
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
    name: z.string().trim().min(1).max(200),
    countryCode: CountryAlpha2,
    kind: SiteKind,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .meta({ id: 'NewSite' });

export const Site = SiteSummary.extend({ latitude: z.number(), longitude: z.number() }).meta({ id: 'Site' });
export type Site = z.infer<typeof Site>;

export const HostCountry = z
  .object({ code: z.string(), alpha3: z.string(), name: z.string() })
  .meta({ id: 'HostCountry' });

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': Id.describe('Client-generated UUID; a resent request with the same key and body returns the original response'),
});
