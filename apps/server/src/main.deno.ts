import type { AnyElysia } from 'elysia';
import { type Listening, startServer } from './run.ts';
import { openDatabase } from './store.ts';

// Run with: deno run --allow-env --allow-net --allow-read --allow-write --allow-sys apps/server/src/main.deno.ts
async function listen(app: AnyElysia, address: { port: number; host: string }): Promise<Listening> {
  let server: Deno.HttpServer | undefined;
  const local = await new Promise<{ hostname: string; port: number }>((resolve) => {
    server = Deno.serve({ port: address.port, hostname: address.host, onListen: resolve }, (request) =>
      app.fetch(request),
    );
  });
  const started = server!;
  const host = local.hostname.includes(':') ? `[${local.hostname}]` : local.hostname;
  // shutdown() stops accepting and resolves once in-flight requests are answered.
  return { url: `http://${host}:${local.port}`, stop: () => started.shutdown() };
}

await startServer({
  runtime: 'deno',
  env: Deno.env.toObject(),
  openStore: openDatabase,
  listen,
  onShutdownSignal: (handler) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      Deno.addSignalListener(signal, () => handler(signal));
  },
  exit: (code) => Deno.exit(code),
  print: (text) => console.log(text),
});
