import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ScimStore } from '@scimkit/schema';
import { createApp } from '@scimkit/server';
import { createSqliteStore } from '@scimkit/store-sqlite';

/** A scimkit server listening on 127.0.0.1 for a test file. */
export interface TestServer {
  url: string;
  adminToken: string;
  store: ScimStore;
  close(): Promise<void>;
}

type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Starts our server's app (in-process, on a fresh database) behind a plain
 * node:http listener on a random port of 127.0.0.1. The app is a fetch handler, so the
 * listener only translates requests and responses.
 */
export async function startTestServer(directory: string): Promise<TestServer> {
  const adminToken = 'test-admin-token-0123456789';
  const store = createSqliteStore({ filename: join(directory, 'server.db') });
  const app = createApp({ store, adminToken });
  const server = await listen((request) => app.handle(request));
  return {
    url: server.url,
    adminToken,
    store,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** Serves a fetch handler on 127.0.0.1 with a random port. */
export async function listen(handler: FetchHandler): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    void bridge(handler, incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function bridge(
  handler: FetchHandler,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    const init: RequestInit = { method: incoming.method ?? 'GET', headers };
    if (chunks.length > 0) init.body = Buffer.concat(chunks);
    const response = await handler(new Request(`http://${incoming.headers.host}${incoming.url}`, init));
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    outgoing.writeHead(500, { 'content-type': 'text/plain' });
    outgoing.end(String(error));
  }
}
