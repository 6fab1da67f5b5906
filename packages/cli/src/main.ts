import { CliError } from './cli-error.js';
import { errorMessage } from './database.js';
import { buildProgram } from './program.js';

// Expected failures print their message; anything else prints its message too, and the stack only
// with HAVEN_DEBUG=1, so that a registrar never faces a stack trace.
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`haven: ${errorMessage(error)}\n`);
  if (!(error instanceof CliError) && process.env.HAVEN_DEBUG && error instanceof Error) {
    process.stderr.write(`${error.stack ?? ''}\n`);
  }
  // Exit now: a half-opened server or database must not keep the process alive.
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
