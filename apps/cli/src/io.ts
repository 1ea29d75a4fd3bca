import type { Readable, Writable } from 'node:stream';

/** A writable stream the CLI prints to; `isTTY` decides colours, progress bars and prompts. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Everything the CLI touches outside itself. `bin.ts` passes the process's streams; tests
 * pass buffers, so every command runs in-process with its exit code returned, not thrown.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: Readable & { readonly isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C: long-running commands (`events --follow`, `simulate`) stop cleanly. */
  signal?: AbortSignal;
}

/** The process's own streams and environment. */
export function processIo(signal?: AbortSignal): CliIo {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
  if (signal !== undefined) io.signal = signal;
  return io;
}

/** Whether a stream is an interactive terminal. */
export function isInteractive(stream: OutputStream | Readable | Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
