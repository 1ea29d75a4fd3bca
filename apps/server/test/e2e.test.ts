/**
 * End to end: the real entry points (`main.node.ts`, `main.bun.ts`, `main.deno.ts`) start a
 * listening server on 127.0.0.1 with a SQLite file, and the whole Entra cycle runs over HTTP
 * against each of them. Also: the first-start banner, logs, restart and graceful shutdown.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEntraCycle } from './support/entra-cycle.ts';
import { call, expectScim, expectScimError, type Handler } from './support/http.ts';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
const PUBLIC_URL = 'https://scim.example.com';
const app = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
// Inside the package, so the bundle resolves its dependencies from node_modules as dist would.
const nodeBundle = join(app, 'node_modules/.cache/scimkit-e2e');

const COMMANDS: Record<string, () => string[]> = {
  node: () => [process.execPath, join(nodeBundle, 'main.node.js')],
  bun: () => [bin('bun'), join(app, 'src/main.bun.ts')],
  deno: () => [
    bin('deno'),
    'run',
    '--allow-env',
    '--allow-net=127.0.0.1',
    '--allow-read',
    '--allow-write',
    '--allow-sys',
    join(app, 'src/main.deno.ts'),
  ],
};

interface LiveServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(runtime: string, databasePath: string): Promise<LiveServer> {
  const [command, ...args] = COMMANDS[runtime]!();
  const child = spawn(command!, args, {
    cwd: app,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL,
      DATABASE_PATH: databasePath,
      ADMIN_TOKEN,
      LOG_LEVEL: 'info',
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const check = () => {
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening !== null && /Tenant URL:/.test(output)) {
        clearInterval(timer);
        resolve({ child, url: listening[1]!, output: () => output, exited });
      }
    };
    const timer = setInterval(check, 25);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`${runtime} server exited with ${code} before listening:\n${output}`));
    });
  });
}

async function stopServer(server: LiveServer): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  server.child.kill('SIGTERM');
  return server.exited;
}

/** Sends in-process `Request`s to a live server. */
function liveHandler(server: () => LiveServer): Handler {
  return {
    async handle(request) {
      const url = new URL(request.url);
      const body = request.body === null ? undefined : await request.arrayBuffer();
      const init: RequestInit = { method: request.method, headers: request.headers };
      if (body !== undefined) init.body = body;
      return fetch(`${server().url}${url.pathname}${url.search}`, init);
    },
  };
}

beforeAll(async () => {
  await build({
    entry: { 'main.node': join(app, 'src/main.node.ts') },
    outDir: nodeBundle,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    external: [/^[^./]/],
    silent: true,
    clean: true,
  });
}, 120_000);

describe.each(Object.keys(COMMANDS))('%s', (runtime) => {
  const dir = mkdtempSync(join(tmpdir(), `scimkit-e2e-${runtime}-`));
  const databasePath = join(dir, 'data', 'scim.db');
  let server: LiveServer;
  let demoToken: string;
  const handler = liveHandler(() => server);

  beforeAll(async () => {
    server = await startServer(runtime, databasePath);
  }, 60_000);

  afterAll(async () => {
    if (server !== undefined) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the Tenant URL and Secret Token on first start, as they are pasted into Entra', () => {
    const output = server.output();
    expect(output).toContain(`Tenant URL:   ${PUBLIC_URL}/scim/demo/v2`);
    const secret = /Secret Token: (\S+)/.exec(output);
    expect(secret).not.toBeNull();
    demoToken = secret![1]!;
    expect(demoToken.length).toBeGreaterThanOrEqual(20);
  });

  it('passes Entra’s Test Connection with the printed values', async () => {
    const answer = await call(handler, 'GET', '/scim/demo/v2/Users?filter=userName+eq+%22probe%22', {
      token: demoToken,
    });
    expectScim(answer, 200);
    expect(answer.body.totalResults).toBe(0);
  });

  it('speaks HTTP details over a real socket', async () => {
    expectScimError(await call(handler, 'GET', '/scim/demo/v2/Users'), 401);
    expectScim(await call(handler, 'GET', '/scim/demo/v2//Groups/', { token: demoToken }), 200);
    const huge = await call(handler, 'POST', '/scim/demo/v2/Users', {
      token: demoToken,
      raw: `{"userName":"${'x'.repeat(2_000_000)}"}`,
    });
    expectScimError(huge, 413);
    expect((await call(handler, 'GET', '/healthz')).status).toBe(200);
    expect((await call(handler, 'GET', '/readyz')).status).toBe(200);
  });

  it('writes JSON request logs with the request id and never the token', async () => {
    await call(handler, 'GET', '/scim/demo/v2/Users', {
      token: demoToken,
      headers: { 'x-request-id': `e2e-${runtime}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(lines.find((line) => line.requestId === `e2e-${runtime}`)).toMatchObject({
      level: 'info',
      msg: 'request',
      tenant: 'demo',
      method: 'GET',
      route: '/scim/:tenant/v2/:resourceType',
      status: 200,
    });
    expect(server.output().split(demoToken).length).toBe(2);
  });

  describeEntraCycle(runtime, async (dialect) => {
    const id = `contoso-${dialect}`;
    const created = await call(handler, 'POST', '/admin/tenants', {
      token: ADMIN_TOKEN,
      contentType: 'application/json',
      body: { name: `Contoso ${dialect}`, id, issueToken: true },
    });
    expect(created.status, created.text).toBe(201);
    return {
      handler,
      tenant: { id, token: created.body.secret, base: `/scim/${id}/v2` },
      tenantUrl: created.body.tenantUrl,
    };
  });

  it('shuts down gracefully on SIGTERM and, restarted, prints the Tenant URL but never the secret again', async () => {
    expect(await stopServer(server)).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    server = await startServer(runtime, databasePath);
    const output = server.output();
    expect(output).toContain(`Tenant URL:   ${PUBLIC_URL}/scim/demo/v2`);
    expect(output).not.toContain(demoToken);
    expect(output).toContain(`/admin/tenants/demo/tokens`);
    expectScim(await call(handler, 'GET', '/scim/demo/v2/Users', { token: demoToken }), 200);
  }, 60_000);
});
