import { createHash } from 'node:crypto';
import { HttpProblem } from '../http/problems.js';

function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of a create request: the same key with a different body is a conflict (409),
 * the same key with the same body replays the original result.
 */
export function requestHash(scope: string, body: unknown): string {
  return createHash('sha256')
    .update(scope)
    .update('\n')
    .update(stableJson(body))
    .digest('base64url');
}

export const idempotencyConflict = (): HttpProblem =>
  new HttpProblem(
    409,
    'idempotency-key-reused',
    'This Idempotency-Key was used for a different request',
    [{ field: 'Idempotency-Key', in: 'header', message: 'Already used with a different body' }],
  );
