/** Exit codes: 1 when an operation or a simulated check failed, 2 for a usage mistake. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * An error meant for the person at the terminal: printed as one message (plus an optional
 * hint), never with a stack trace. Anything else that escapes a command is a bug and shows
 * its stack only with `SCIMKIT_DEBUG=1`.
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT.failure;
    this.hint = options.hint;
  }
}

/** A usage mistake (bad option value, missing backend): exit code 2. */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(
    message,
    hint === undefined ? { exitCode: EXIT.usage } : { exitCode: EXIT.usage, hint },
  );
}

/** Whether `error` is a `CliError`. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}
