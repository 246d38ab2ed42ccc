import { CommanderError } from 'commander';
import { OutpostApiError } from '@libs/client';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_AUTH = 3;

/** An error the CLI explains itself, with the exit code it means. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_ERROR,
  ) {
    super(message);
  }
}

export const notLoggedIn = () => new CliError('not logged in: run `outpost login`, or set OUTPOST_URL and OUTPOST_TOKEN', EXIT_AUTH);

/** Prints an error the way a user should see it (the API's message and code, never a stack unless OUTPOST_DEBUG=1) and returns the exit code. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const debug = process.env.OUTPOST_DEBUG === '1';
  if (err instanceof CommanderError) {
    // Commander already printed its message (or the help).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (err instanceof OutpostApiError) {
    stderr.write(`error: ${err.message} (${err.code}${err.status ? `, HTTP ${err.status}` : ''})\n`);
    if (err.errorId) stderr.write(`error id: ${err.errorId}\n`);
    if (debug && err.stack) stderr.write(err.stack + '\n');
    return err.status === 401 ? EXIT_AUTH : EXIT_ERROR;
  }
  if (err instanceof CliError) {
    stderr.write(`error: ${err.message}\n`);
    if (debug && err.stack) stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  // fetch failures carry the useful part (ECONNREFUSED, ENOTFOUND …) in their cause.
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  stderr.write(`error: ${e.message}${detail && !e.message.includes(detail) ? ` (${detail})` : ''}\n`);
  if (debug && e.stack) stderr.write(e.stack + '\n');
  return EXIT_ERROR;
}
