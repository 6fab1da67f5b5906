/**
 * Real-time identity matches (#3 item 4): the persons already registered whom a household being
 * previewed or created may be, member by member, each with the weight every field contributed.
 * Matches outside the caller's scope are never shown: they are only counted.
 */
import { SEXES } from '@haven/core';
import { z } from 'zod';
import { Id } from './fields.js';
import { Registration, SiteSummary } from './registrations.js';

export const MatchedField = z.enum([
  'givenName',
  'familyName',
  'patronymic',
  'birthDate',
  'sex',
  'document',
  // Only from registers that record them (a CSV from another system), never Haven's own form.
  'birthPlace',
  'residence',
  'postcode',
]);

export const MatchContribution = z
  .object({
    field: MatchedField,
    level: z
      .string()
      .describe(
        "How the field compares: 'exact', 'equivalent', 'close', 'different', 'missing', …",
      ),
    weight: z.number().describe('log2(m/u): what the field added to the match weight'),
    isTermFrequencyAdjusted: z
      .boolean()
      .describe('The weight reflects how common the agreed name is'),
  })
  .meta({ id: 'MatchContribution' });
export type MatchContribution = z.infer<typeof MatchContribution>;

export const PossibleMatch = z
  .object({
    personId: Id,
    householdId: Id,
    registrationId: Id.describe("The household's latest registration: link to it"),
    site: SiteSummary,
    givenName: z.string(),
    familyName: z.string(),
    patronymic: z.string().nullable(),
    givenNameLatin: z.string(),
    familyNameLatin: z.string(),
    sex: z.enum(SEXES),
    birthDate: z.string(),
    matchProbability: z
      .number()
      .describe('Probability that this is the same person (Fellegi–Sunter, EM-estimated)'),
    matchWeight: z.number().describe('log2 Bayes factor: the sum of the field weights'),
    isSwapped: z.boolean().describe('Given and family names agree only when exchanged'),
    contributions: z.array(MatchContribution),
  })
  .meta({ id: 'PossibleMatch' });
export type PossibleMatch = z.infer<typeof PossibleMatch>;

export const MemberMatches = z
  .object({
    member: z.number().int().describe('Position of the member in household.members'),
    personId: Id.nullable().describe('The new person, once created; null in a preview'),
    possibleMatches: z.array(PossibleMatch).describe('In the caller’s scope, most likely first'),
    outOfScopeCount: z
      .number()
      .int()
      .describe(
        'Likely matches registered outside the caller’s scope: not shown; a caseworker of that country can check',
      ),
  })
  .meta({ id: 'MemberMatches' });
export type MemberMatches = z.infer<typeof MemberMatches>;

export const IdentityMatches = z
  .object({
    index: z
      .enum(['ready', 'loading', 'unavailable'])
      .describe(
        "'loading' while the server builds its index at start, 'unavailable' if that failed: no matches then",
      ),
    members: z.array(MemberMatches),
  })
  .meta({ id: 'IdentityMatches' });
export type IdentityMatches = z.infer<typeof IdentityMatches>;

/** What POST /registrations answers: the registration and its members' possible matches. */
export const RegistrationCreated = Registration.extend({ identityMatches: IdentityMatches }).meta({
  id: 'RegistrationCreated',
});
export type RegistrationCreated = z.infer<typeof RegistrationCreated>;
