#!/usr/bin/env node
import { runCli } from './cli.ts';
import { processIo } from './io.ts';

const controller = new AbortController();
// First Ctrl-C stops long commands cleanly (simulate cleans up, --follow ends); a second one kills.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
// `scimkit export demo | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await runCli(process.argv.slice(2), processIo(controller.signal));
