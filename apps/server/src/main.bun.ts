import type { AnyElysia } from 'elysia';
import { type Listening, startServer } from './run.ts';
import { openDatabase } from './store.ts';

// Run with: bun apps/server/src/main.bun.ts (Elysia uses Bun.serve natively; no adapter).
async function listen(app: AnyElysia, address: { port: number; host: string }): Promise<Listening> {
  app.listen({ port: address.port, hostname: address.host });
  const server = app.server;
  if (server === null) throw new Error('[scimkit/server] Bun did not start a server');
  return {
    url: `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${server.port}`,
    // stop(false) lets in-flight requests finish.
    stop: async () => {
      await app.stop(false);
    },
  };
}

await startServer({
  runtime: 'bun',
  env: process.env,
  openStore: openDatabase,
  listen,
  onShutdownSignal: (handler) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => handler(signal));
  },
  exit: (code) => process.exit(code),
  print: (text) => console.log(text),
});
