// How a command ends when something stops it: one line on standard error that
// names the cause, and exit status 2. A stack trace helps only policylint's
// developers; it is printed when POLICYLINT_DEBUG is set.
import { ConfigError, ReadError } from '../errors.js';
import { fsProblem } from '../fs-problem.js';

/** A mistake in how policylint was called (options, arguments, a file it cannot write): said in one line. */
export class UsageError extends Error {}

/** Exit status for a usage error or a file that cannot be read, as ESLint's. */
const TROUBLE = 2;

/** The one line that says why the command stopped. */
export function failureLine(e: unknown): string {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof ReadError) return e.message;
  const problem = fsProblem(e);
  const path = (e as NodeJS.ErrnoException | undefined)?.path;
  if (problem && path) return `${path}: ${problem}`;
  const message = e instanceof Error ? e.message : String(e);
  return `internal error: ${message.split('\n')[0]} (please report this; set POLICYLINT_DEBUG=1 to see where it happened)`;
}

/** Writes the line (and, with POLICYLINT_DEBUG, the stack) and returns the exit status. */
export function reportFailure(e: unknown, write: (text: string) => void = (text) => process.stderr.write(text)): number {
  write(`policylint: ${failureLine(e)}\n`);
  if (process.env.POLICYLINT_DEBUG && e instanceof Error && e.stack) write(`${e.stack}\n`);
  return TROUBLE;
}
