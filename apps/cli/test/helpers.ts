import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../src/cli.ts';
import type { CliIo, OutputStream } from '../src/io.ts';

/** A captured run of the CLI. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Collects what a command prints; `isTTY` pretends to be a terminal. */
export class Capture implements OutputStream {
  text = '';
  readonly isTTY: boolean;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Options of `run`. */
export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  tty?: boolean;
  signal?: AbortSignal;
  stdout?: Capture;
}

/** Runs `scimkit …args` in-process with captured output and no inherited environment. */
export async function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = options.stdout ?? new Capture(options.tty === true);
  const stderr = new Capture(options.tty === true);
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as CliIo['stdin'];
  const io: CliIo = { stdout, stderr, stdin, env: options.env ?? {} };
  if (options.signal !== undefined) io.signal = options.signal;
  const code = await runCli(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A temporary directory removed by the returned function. */
export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'scimkit-cli-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Parses stdout as JSON, with the output in the error when it is not. */
export function json<T = unknown>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}
