import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '@haven/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeFailure } from '../db/errors.js';

/** An expected failure with a stable code, turned into problem+json by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly errors?: readonly FieldError[],
    readonly detail?: string,
  ) {
    super(title);
  }
}

export const fieldProblem = (
  field: string,
  location: FieldError['in'],
  message: string,
): HttpProblem =>
  new HttpProblem(400, 'validation-failed', 'The request is not valid', [
    { field, in: location, message },
  ]);

/** Renders a path such as ['household', 'members', 0, 'givenName'] as 'household.members[0].givenName'. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => {
    if (typeof part === 'number' || /^\d+$/.test(part)) {
      return `${name}[${part}]`;
    }
    return name ? `${name}.${part}` : part;
  }, '');
}

const LOCATIONS: Readonly<Record<string, FieldError['in']>> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

interface ZodIssueLike {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: { keys?: unknown };
}

function validationErrors(
  issues: readonly ZodIssueLike[],
  location: FieldError['in'],
): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const keys = issue.params?.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({
        field: fieldName([...path, String(key)]),
        in: location,
        message: 'Unknown field',
      }));
    }
    const field = location === 'header' ? (path[0] ?? '') : fieldName(path);
    return [{ field, in: location, message: issue.message ?? 'Invalid value' }];
  });
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: Omit<Problem, 'type' | 'instance'>,
): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: `https://haven.example/problems/${problem.code}`,
      instance: request.url,
      ...problem,
    } satisfies Problem);
}

/** One handler turns every failure into RFC 9457 problem+json: no stack traces, no SQL. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    if (error instanceof HttpProblem) {
      return sendProblem(reply, request, {
        status: error.status,
        code: error.code,
        title: error.title,
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.errors ? { errors: [...error.errors] } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
      return sendProblem(reply, request, {
        status: 400,
        code: 'validation-failed',
        title: 'The request is not valid',
        errors: validationErrors(error.validation, location),
      });
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return sendProblem(reply, request, {
        status: 400,
        code: 'malformed-json',
        title: 'The request body is not valid JSON',
        errors: [{ field: '', in: 'body', message: 'Malformed JSON' }],
      });
    }
    if (status === 413 || status === 415 || (status >= 400 && status < 500)) {
      const codes: Record<number, string> = {
        413: 'body-too-large',
        415: 'unsupported-media-type',
        404: 'not-found',
        405: 'method-not-allowed',
      };
      return sendProblem(reply, request, {
        status,
        code: codes[status] ?? 'bad-request',
        title: error.message,
        ...(status === 415
          ? {
              errors: [
                { field: 'Content-Type', in: 'header', message: 'Must be application/json' },
              ],
            }
          : {}),
        ...(status === 413
          ? { errors: [{ field: '', in: 'body', message: 'The body is larger than allowed' }] }
          : {}),
      });
    }
    const failure = describeFailure(error);
    if (failure.code === '40001' || failure.code === '40P01') {
      return sendProblem(reply, request, {
        status: 503,
        code: 'retry',
        title: 'Please retry the request',
      });
    }
    // Class 22 (data exception): a value the contract let through but PostgreSQL refuses.
    if (failure.code?.startsWith('22')) {
      request.log.warn({ failure }, 'value refused by the database');
      return sendProblem(reply, request, {
        status: 400,
        code: 'invalid-value',
        title: 'A value in the request cannot be stored',
      });
    }
    // Never log the error object itself: a query error carries the statement's personal data.
    request.log.error({ failure, errorType: error.constructor.name }, 'unhandled error');
    return sendProblem(reply, request, {
      status: 500,
      code: 'internal-error',
      title: 'Something went wrong on our side',
      requestId: request.id,
    });
  });
}

export const sendNotFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  sendProblem(reply, request, { status: 404, code: 'not-found', title: 'No such resource' });
