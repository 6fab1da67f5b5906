/**
 * A sealed value that does not open: it was altered, truncated, or copied from another row or
 * column (its binding differs). GCM cannot tell these apart, and it must not: each is an attack.
 * The message names the place, never the value.
 */
export class SealBrokenError extends Error {
  readonly code = 'seal-broken';
  override readonly name = 'SealBrokenError';
}

/** A sealed value names a data key that the key source does not hold, even after a reload. */
export class UnknownDataKeyError extends Error {
  readonly code = 'unknown-data-key';
  override readonly name = 'UnknownDataKeyError';

  constructor(
    readonly keyId: string,
    options?: ErrorOptions,
  ) {
    super(
      `Data key ${keyId} is not in the key source: the key file given to this process lacks it ` +
        '(a rotation on another host, or an old copy of the file?)',
      options,
    );
  }
}

/** The key source is missing, malformed or unsafe (a key file others can read). */
export class DataKeyError extends Error {
  readonly code = 'data-key';
  override readonly name = 'DataKeyError';
}
