/**
 * The identity review queue (#3 item 6): pairs of persons the batch run could not settle, one
 * pair side by side with the weight each field contributed, and a reviewer's decision.
 */
import { DOCUMENT_TYPES, REVIEW_DECISIONS, REVIEW_REASONS, SEXES } from '@haven/core';
import { z } from 'zod';
import { Id, Timestamp } from './fields.js';

export const ReviewDecision = z.enum(REVIEW_DECISIONS);

export const ReviewReason = z
  .enum(REVIEW_REASONS)
  .describe(
    "Why the matching run asks: 'held-apart', likely enough to merge but kept apart (different given names with no shared document, or a merge that would join strangers); 'uncertain', too weak to merge on its own; 'merged-given-names-differ', merged though the given names differ, in a register whose given names vary too much to keep such pairs apart: could be twins. The queue lists them in this order, most likely first within each.",
  );

export const ComparedField = z.enum([
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

export const IdentityReviewQuery = z.strictObject({
  limit: z.coerce
    .number({ message: 'Must be a number' })
    .int('Must be a whole number')
    .min(1, 'Must be at least 1')
    .max(200, 'Must be at most 200')
    .default(50),
  cursor: z.string().max(200, 'Must be at most 200 characters').optional(),
});
export type IdentityReviewQuery = z.infer<typeof IdentityReviewQuery>;

const ReviewPersonSummary = z
  .object({
    id: Id,
    givenName: z.string(),
    familyName: z.string(),
    givenNameLatin: z.string(),
    familyNameLatin: z.string(),
    birthDate: z.string(),
    countryCode: z.string().nullable().describe('Host country where the person registered'),
  })
  .meta({ id: 'IdentityReviewPersonSummary' });

export const IdentityReviewPairSummary = z
  .object({
    id: Id,
    matchWeight: z.number().describe('log2 Bayes factor: the sum of the field weights'),
    matchProbability: z
      .number()
      .describe('Probability that the two records are one person, as the run estimated it'),
    queuedBecause: ReviewReason,
    queuedAt: Timestamp,
    persons: z.tuple([ReviewPersonSummary, ReviewPersonSummary]),
  })
  .meta({ id: 'IdentityReviewPairSummary' });
export type IdentityReviewPairSummary = z.infer<typeof IdentityReviewPairSummary>;

export const IdentityReviewPage = z
  .object({
    items: z.array(IdentityReviewPairSummary),
    nextCursor: z.string().nullable(),
    awaitingOtherCountries: z
      .array(z.object({ countryCode: z.string(), pairs: z.number().int() }))
      .describe(
        'Pending pairs with one person in your scope and the other registered in a country outside it, counted by that country. A decision binds both records, so a reviewer of both countries decides them; who they are is never shown here (the cross-country rule).',
      ),
  })
  .meta({ id: 'IdentityReviewPage' });
export type IdentityReviewPage = z.infer<typeof IdentityReviewPage>;

const ReviewedPerson = z
  .object({
    id: Id,
    householdId: Id,
    givenName: z.string(),
    familyName: z.string(),
    patronymic: z.string().nullable(),
    givenNameLatin: z.string(),
    familyNameLatin: z.string(),
    patronymicLatin: z.string().nullable(),
    sex: z.enum(SEXES),
    birthDate: z.string(),
    nationality: z.string(),
    documents: z.array(
      z.object({ type: z.enum(DOCUMENT_TYPES), issuingCountry: z.string(), number: z.string() }),
    ),
    registration: z
      .object({
        id: Id,
        registeredAt: Timestamp,
        siteName: z.string(),
        countryCode: z.string(),
      })
      .nullable(),
  })
  .meta({
    id: 'IdentityReviewPerson',
    description: 'Identity fields only: specific needs are never part of the review view',
  });

export const FieldComparison = z
  .object({
    field: ComparedField,
    level: z
      .string()
      .describe(
        "How the field compares: 'exact', 'equivalent', 'close', 'different', 'missing', …",
      ),
    weight: z.number().describe('log2(m/u): what the field added to the match weight'),
    isTermFrequencyAdjusted: z.boolean(),
  })
  .meta({ id: 'IdentityReviewFieldComparison' });
export type FieldComparison = z.infer<typeof FieldComparison>;

export const IdentityReviewDecisionView = z
  .object({
    decision: ReviewDecision,
    reason: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: Timestamp,
  })
  .meta({ id: 'IdentityReviewDecision' });

export const IdentityReviewPair = z
  .object({
    id: Id,
    matchWeight: z.number(),
    matchProbability: z.number(),
    queuedBecause: ReviewReason,
    queuedAt: Timestamp,
    persons: z.tuple([ReviewedPerson, ReviewedPerson]),
    comparison: z.array(FieldComparison),
    decision: IdentityReviewDecisionView.nullable(),
  })
  .meta({ id: 'IdentityReviewPair' });
export type IdentityReviewPair = z.infer<typeof IdentityReviewPair>;

export const IdentityReviewDecisionInput = z
  .strictObject({
    decision: ReviewDecision,
    reason: z
      .string()
      .trim()
      .max(500, 'Must be at most 500 characters')
      .regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters')
      .optional()
      .describe('Why: what the reviewer checked (a document seen, a call made)'),
  })
  .meta({ id: 'NewIdentityReviewDecision' });
export type IdentityReviewDecisionInput = z.infer<typeof IdentityReviewDecisionInput>;
