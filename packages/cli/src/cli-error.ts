/**
 * An expected failure (bad argument, missing file, unreachable database): the command prints the
 * message alone, without a stack trace, and exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
