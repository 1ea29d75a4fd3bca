#!/usr/bin/env node
import { node } from '@elysiajs/node';
import type { AnyElysia } from 'elysia';
import { FastResponse, type ServerRequest } from 'srvx';
import { type Listening, startServer } from './run.ts';
import { openDatabase } from './store.ts';

/** srvx's server behind `@elysiajs/node`: only what is needed to learn the port and close. */
interface NodeServer {
  ready(): Promise<unknown>;
  readonly url: string | undefined;
  close(closeAll?: boolean): Promise<void>;
}

async function listen(app: AnyElysia, address: { port: number; host: string }): Promise<Listening> {
  let raw: NodeServer | undefined;
  // srvx installs its own SIGINT/SIGTERM handlers unless told not to; shutdown is ours.
  // The Node adapter hands the server only to the callback (it never sets `app.server`).
  app.listen(
    { port: address.port, hostname: address.host, gracefulShutdown: false } as { port: number },
    (server) => {
      raw = (server as unknown as { raw: NodeServer }).raw;
    },
  );
  const server = raw as NodeServer | undefined;
  if (server === undefined) throw new Error('[scimkit/server] the Node adapter did not start a server');
  await server.ready();
  return { url: (server.url ?? '').replace(/\/$/, ''), stop: () => server.close() };
}

await startServer({
  runtime: 'node',
  env: process.env,
  adapter: node(),
  // What the Node adapter answers with itself: a string body goes to node:http as it is, with a
  // Content-Length, instead of through a ReadableStream sent chunked.
  responseClass: FastResponse,
  // Node's own request stream, as srvx exposes it: `request.body` would wrap it in a web
  // ReadableStream first, a cost paid on every request with a body.
  bodySource: (request) => (request as ServerRequest).runtime?.node?.req,
  openStore: openDatabase,
  listen,
  onShutdownSignal: (handler) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => handler(signal));
  },
  exit: (code) => process.exit(code),
  print: (text) => console.log(text),
});
