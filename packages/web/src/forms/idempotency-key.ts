import { newUuid } from '../api/new-uuid.js';

/** A request body with the Idempotency-Key it was (or is being) sent under. */
export interface KeyedBody {
  readonly body: string;
  readonly key: string;
}

/**
 * The key to send a body under: the previous key when the very same body is sent again (a retry
 * after a lost answer, stored once by the server), a fresh key for anything changed.
 */
export function keyFor(body: string, previous: KeyedBody | undefined): KeyedBody {
  return previous?.body === body ? previous : { body, key: newUuid() };
}
