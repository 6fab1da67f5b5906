import type { Db } from '../db/open.js';

export interface CorridorRouteOptions {
  readonly db: Db;
  /** The clock; tests may set another. */
  readonly now?: (() => Date) | undefined;
}
