/**
 * What may be said about a database failure: the PostgreSQL error code and message only.
 * drizzle's error carries the whole statement and its parameters — names, birth dates,
 * document numbers — which must never reach a log or a terminal.
 */
export interface DatabaseFailure {
  readonly code: string | undefined;
  readonly message: string;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let e: unknown = error;
    e && typeof e === 'object' && chain.length < 10;
    e = (e as { cause?: unknown }).cause
  ) {
    chain.push(e);
  }
  return chain;
}

/** PostgreSQL's SQLSTATE (Appendix A) of an error or of the error that caused it. */
export function postgresErrorCode(error: unknown): string | undefined {
  for (const e of causes(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return code;
    }
  }
  return undefined;
}

/** The innermost message of an error chain, which is the database's own words, not the query. */
export function describeFailure(error: unknown): DatabaseFailure {
  const chain = causes(error);
  const innermost = chain.at(-1);
  const message =
    innermost instanceof Error
      ? innermost.message
      : typeof error === 'string'
        ? error
        : 'Unknown error';
  // PostgreSQL quotes the offending value ('invalid input syntax for type uuid: "…"'): drop it.
  const firstLine = message.split('\n')[0]?.slice(0, 300) ?? '';
  return { code: postgresErrorCode(error), message: firstLine.replace(/"[^"]*"/g, '"…"') };
}
