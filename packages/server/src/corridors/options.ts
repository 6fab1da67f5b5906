import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';

export interface CorridorRouteOptions {
  readonly db: Db;
  /** Seals and opens manifest document numbers (issue 7). */
  readonly keyring: Keyring;
  /** The clock; tests may set another. */
  readonly now?: (() => Date) | undefined;
}
