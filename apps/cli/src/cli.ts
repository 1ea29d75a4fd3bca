import { isScimError } from '@scimkit/schema';
import { CommanderError } from 'commander';
import { CommandContext } from './context.ts';
import { EXIT, isCliError } from './errors.ts';
import type { CliIo } from './io.ts';
import { createProgram } from './program.ts';

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Nothing
 * calls `process.exit`, and every error ends here: user errors as one clear message (and a
 * hint), unexpected ones with their stack only under `SCIMKIT_DEBUG=1`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = new CommandContext(io);
  const program = createProgram(ctx);
  const { red, dim } = ctx.errorColors;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are normal exits; the message was already printed.
      if (error.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (isCliError(error)) {
      if (error.message !== '') io.stderr.write(`${red(`error: ${error.message}`)}\n`);
      if (error.hint !== undefined) io.stderr.write(`${dim(error.hint)}\n`);
      return error.exitCode;
    }
    if (isScimError(error)) {
      // The store speaks SCIM: a 409 or 400 from it is about the input, not a crash.
      io.stderr.write(`${red(`error: ${error.detail}`)}\n`);
      return error.status >= 500
        ? EXIT.failure
        : error.status === 404 || error.status === 409
          ? EXIT.failure
          : EXIT.usage;
    }
    if (io.signal?.aborted === true) return 130;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${red(`error: ${message}`)}\n`);
    if (io.env.SCIMKIT_DEBUG === '1' && error instanceof Error && error.stack !== undefined) {
      io.stderr.write(`${dim(error.stack)}\n`);
    } else {
      io.stderr.write(`${dim('This looks like a bug in scimkit; SCIMKIT_DEBUG=1 shows the stack trace.')}\n`);
    }
    return EXIT.failure;
  } finally {
    await ctx.close();
  }
}
