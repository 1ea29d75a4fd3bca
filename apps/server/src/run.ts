import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ScimStore } from '@scimkit/schema';
import type { AnyElysia, ElysiaAdapter } from 'elysia';
import { type AppOptions, createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig, type ServerConfig } from './config.ts';
import type { ResponseClass } from './http/respond.ts';
import { createLogger, describeError } from './logger.ts';
import { createHealthState } from './ops-routes.ts';
import { createOverloadMonitor } from './overload.ts';
import type { DatabaseOptions } from './store.ts';

/** A listening server, as one runtime reports it. */
export interface Listening {
  /** Where the server really listens (the port resolved when PORT=0). */
  url: string;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  stop(): Promise<void>;
}

/** What a runtime entry point (`main.node.ts`, `main.bun.ts`, `main.deno.ts`) provides. */
export interface RuntimeEntry {
  runtime: 'node' | 'bun' | 'deno';
  env: Readonly<Record<string, string | undefined>>;
  adapter?: ElysiaAdapter;
  /** The `Response` class the app answers with (srvx's `FastResponse` on Node). */
  responseClass?: ResponseClass;
  /** A cheaper source of request body bytes than `request.body` (see `AppOptions.bodySource`). */
  bodySource?: AppOptions['bodySource'];
  openStore(options: DatabaseOptions): Promise<ScimStore>;
  listen(app: AnyElysia, address: { port: number; host: string }): Promise<Listening>;
  /** Registers the SIGTERM/SIGINT handler. */
  onShutdownSignal(handler: (signal: string) => void): void;
  exit(code: number): void;
  /** Human-readable output (the banner); logs are JSON lines through the logger. */
  print(text: string): void;
}

/**
 * The start sequence every runtime shares: validate the environment, open the database,
 * create the demo tenant on first start, listen, print the Tenant URL, and on SIGTERM/SIGINT
 * stop accepting, let in-flight requests finish, close the database and exit.
 */
export async function startServer(entry: RuntimeEntry): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(entry.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    entry.exit(1);
    return;
  }
  const logger = createLogger({ level: config.logLevel });
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  const store = await entry.openStore({
    path: config.databasePath,
    durability: config.databaseDurability,
    defaultPageSize: config.limits.defaultPageSize,
    maxPageSize: config.limits.maxPageSize,
  });
  const health = createHealthState();
  const overload =
    config.maxEventLoopDelayMs === 0
      ? undefined
      : createOverloadMonitor({
          maxDelayMs: config.maxEventLoopDelayMs,
          onChange: (overloaded, delayMs) =>
            overloaded
              ? logger.warn('overloaded: answering SCIM requests with 429', { eventLoopDelayMs: delayMs })
              : logger.info('no longer overloaded', { eventLoopDelayMs: delayMs }),
        });
  const app = createApp({
    store,
    publicUrl: config.publicUrl,
    ...(config.adminToken === undefined ? {} : { adminToken: config.adminToken }),
    limits: config.limits,
    ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }),
    ...(overload === undefined ? {} : { overload }),
    logger,
    health,
    ...(entry.adapter === undefined ? {} : { adapter: entry.adapter }),
    ...(entry.responseClass === undefined ? {} : { responseClass: entry.responseClass }),
    ...(entry.bodySource === undefined ? {} : { bodySource: entry.bodySource }),
  });
  const started = await bootstrap(store, {
    publicUrl: config.publicUrl,
    adminApi: config.adminToken !== undefined,
  });
  const listening = await entry.listen(app, { port: config.port, host: config.host });
  logger.info('listening', { runtime: entry.runtime, url: listening.url, database: config.databasePath });
  entry.print(
    [
      '',
      `scimkit SCIM server (${entry.runtime}) listening on ${listening.url}`,
      ...started.banner,
      '',
      `API docs: ${config.publicUrl}/docs`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  entry.onShutdownSignal(async (signal) => {
    if (stopping) return;
    stopping = true;
    health.shuttingDown = true;
    logger.info('shutting down', { signal });
    try {
      const timedOut = await Promise.race([
        listening.stop().then(() => false),
        new Promise<boolean>((resolve) =>
          setTimeout(() => resolve(true), config.shutdownTimeoutMs).unref?.(),
        ),
      ]);
      if (timedOut)
        logger.warn('in-flight requests did not finish in time', { timeoutMs: config.shutdownTimeoutMs });
      overload?.stop();
      await store.close();
      logger.info('stopped');
      entry.exit(0);
    } catch (error) {
      logger.error('shutdown failed', describeError(error));
      entry.exit(1);
    }
  });
}
