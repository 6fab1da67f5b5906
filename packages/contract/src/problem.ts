import { z } from 'zod';

/** Where a bad value was found. */
export const ProblemLocation = z.enum(['body', 'query', 'path', 'header']);

export const FieldError = z
  .object({
    field: z.string().describe("Dotted path of the field, e.g. 'household.members[0].birthDate'"),
    in: ProblemLocation,
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details; `errors` lists every invalid field at once. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code, e.g. validation-failed'),
    errors: z.array(FieldError).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
