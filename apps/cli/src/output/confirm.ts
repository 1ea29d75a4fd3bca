import { confirm, isCancel } from '@clack/prompts';
import { usageError } from '../errors.ts';
import type { CliIo } from '../io.ts';

/**
 * Asks a yes/no question on the terminal (default: no). Without a terminal there is nobody
 * to ask, so the caller must have passed `--yes`: refusing is safer than assuming.
 */
export async function confirmDestructive(io: CliIo, message: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (io.stdin.isTTY !== true || io.stderr.isTTY !== true) {
    throw usageError(
      `${message.replace(/\?$/, '')}: refusing without confirmation.`,
      'Not a terminal: pass --yes to confirm.',
    );
  }
  const answer = await confirm({
    message,
    initialValue: false,
    input: io.stdin,
    output: io.stderr as unknown as NodeJS.WritableStream & import('node:stream').Writable,
  });
  return !isCancel(answer) && answer === true;
}
