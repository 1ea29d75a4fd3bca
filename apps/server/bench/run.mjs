// `npm run bench -w @scimkit/server`: an Entra-like provisioning cycle against the real server
// (embedded SQLite, a fresh database) at concurrency 8, compared in the same run with a bare
// Elysia server on the same runtime that answers a fixed ListResponse (the HTTP ceiling).
// The ceiling is measured right before every phase, so that background load on a shared
// machine moves both sides of each ratio alike.
//
//   node bench/run.mjs [--runtime node|bun|deno] [--users 1000] [--concurrency 8]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    runtime: { type: 'string', default: process.env.BENCH_RUNTIME ?? 'node' },
    users: { type: 'string', default: process.env.BENCH_USERS ?? '1000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const USERS = Number(args.users);
const CONCURRENCY = Number(args.concurrency);
const GROUPS = Math.max(1, Math.round(USERS / 100));
const BATCH = 50;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const here = fileURLToPath(new URL('.', import.meta.url));
const app = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));

const commands = {
  node: {
    server: [process.execPath, join(app, 'dist/main.node.js')],
    bare: [process.execPath, join(here, 'bare.mjs')],
  },
  bun: { server: [bin('bun'), join(app, 'src/main.bun.ts')], bare: [bin('bun'), join(here, 'bare.mjs')] },
  deno: {
    server: [bin('deno'), 'run', '-A', join(app, 'src/main.deno.ts')],
    bare: [bin('deno'), 'run', '-A', join(here, 'bare.mjs')],
  },
};
const runtime = commands[args.runtime];
if (runtime === undefined) throw new Error(`--runtime must be node, bun or deno, not ${args.runtime}`);

/** Starts a server process and resolves with its URL (and the banner's Tenant URL and token). */
function start([command, ...rest], env) {
  const child = spawn(command, rest, {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening === null) return;
      if (env !== undefined && !/Secret Token: (\S+)/.test(output)) return;
      resolve({
        child,
        url: listening[1],
        tenantUrl: /Tenant URL: +(\S+)/.exec(output)?.[1],
        token: /Secret Token: +(\S+)/.exec(output)?.[1],
      });
    });
  });
}

// node:http with keep-alive costs the client far less per request than fetch, so that the load
// generator is not what limits the ceiling.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One request; resolves with the status and the body text. */
function send(url, init = {}) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers, agent },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode, text }));
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

/** Runs `count` requests made by `make(i)` with CONCURRENCY workers; latencies in ms. */
async function measure(name, count, make) {
  const latencies = new Array(count);
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const { url, init, expect } = make(i);
      const t0 = performance.now();
      const response = await send(url, init);
      latencies[i] = performance.now() - t0;
      if (response.status !== expect) {
        failures++;
        if (failures <= 3)
          console.error(`${name}: ${init?.method ?? 'GET'} ${url} → ${response.status}, expected ${expect}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(count - 1, Math.floor(q * count))];
  return { name, count, rps: count / seconds, p50: at(0.5), p99: at(0.99), failures };
}

const json = (method, body, token) => {
  const text = JSON.stringify(body);
  return {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/scim+json',
      'content-length': Buffer.byteLength(text),
    },
    body: text,
  };
};
const patch = (operations) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
});

const dir = mkdtempSync(join(tmpdir(), 'scimkit-bench-'));
const servers = [];
try {
  const bare = await start(runtime.bare);
  servers.push(bare.child);
  const real = await start(runtime.server, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'bench.db'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_RPS: '0',
    NODE_ENV: 'production',
  });
  servers.push(real.child);
  const base = real.tenantUrl.replace(/^http:\/\/[^/]+/, real.url);
  const token = real.token;
  const auth = { headers: { authorization: `Bearer ${token}` } };
  const lookup = (i) =>
    `${base}/Users?filter=${encodeURIComponent(`userName eq "user${i}@contoso.com"`).replace(/%20/g, '+')}`;
  const ceiling = (count) =>
    measure('ceiling', count, (i) => ({
      url: `${bare.url}/scim/demo/v2/Users?filter=userName+eq+%22u${i}%22`,
      expect: 200,
    }));

  // Warm both servers (JIT, SQLite page cache) before measuring.
  await ceiling(1000);
  await measure('warm-up', 1000, (i) => ({ url: lookup(i + 1_000_000), init: auth, expect: 200 }));

  const rows = [];
  /** A phase of the cycle, with a ceiling run of the same size just before it. */
  const phase = async (name, count, make) => {
    const limit = await ceiling(count);
    const row = await measure(name, count, make);
    rows.push({ ...row, ceiling: limit.rps });
    return row;
  };

  const ids = new Array(USERS);
  const groupIds = new Array(GROUPS);
  await phase('lookup (miss)', USERS, (i) => ({ url: lookup(i), init: auth, expect: 200 }));
  await phase('create user', USERS, (i) => ({
    url: `${base}/Users`,
    init: json(
      'POST',
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        userName: `user${i}@contoso.com`,
        externalId: `user${i}`,
        active: 'True',
        displayName: `User ${i}`,
        name: { givenName: 'User', familyName: String(i) },
        emails: [{ type: 'work', value: `user${i}@contoso.com`, primary: true }],
        [ENTERPRISE]: { employeeNumber: String(i), department: 'Sales' },
      },
      token,
    ),
    expect: 201,
  }));
  // The ids, as Entra keeps them from the create answers, for the calls by id below.
  for (let i = 0; i < USERS; i++) ids[i] = JSON.parse((await send(lookup(i), auth)).text).Resources[0]?.id;
  await phase('lookup (hit)', USERS, (i) => ({ url: lookup(i), init: auth, expect: 200 }));
  await phase('create group', GROUPS, (g) => ({
    url: `${base}/Groups`,
    init: json(
      'POST',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Group ${g}` },
      token,
    ),
    expect: 201,
  }));
  const groups = JSON.parse(
    (await send(`${base}/Groups?count=${GROUPS}&excludedAttributes=members`, auth)).text,
  );
  groups.Resources.forEach((group, g) => {
    groupIds[g] = group.id;
  });
  await phase(`add members (${BATCH}/PATCH)`, Math.ceil(USERS / BATCH), (b) => ({
    url: `${base}/Groups/${groupIds[b % GROUPS]}`,
    init: json(
      'PATCH',
      patch([
        {
          op: 'Add',
          path: 'members',
          value: ids.slice(b * BATCH, (b + 1) * BATCH).map((value) => ({ value })),
        },
      ]),
      token,
    ),
    expect: 204,
  }));
  await phase('PATCH default dialect', USERS, (i) => ({
    url: `${base}/Users/${ids[i]}`,
    init: json(
      'PATCH',
      patch([
        { op: 'Replace', path: 'emails[type eq "work"].value', value: `u${i}@contoso.com` },
        { op: 'Replace', path: 'name.familyName', value: `F${i}` },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Marketing' },
      ]),
      token,
    ),
    expect: 200,
  }));
  await phase('PATCH compliant dialect', USERS, (i) => ({
    url: `${base}/Users/${ids[i]}`,
    init: json(
      'PATCH',
      patch([
        {
          op: 'replace',
          value: { displayName: `U ${i}`, 'name.givenName': 'G', [`${ENTERPRISE}:employeeNumber`]: `E${i}` },
        },
      ]),
      token,
    ),
    expect: 200,
  }));
  await phase('disable', USERS, (i) => ({
    url: `${base}/Users/${ids[i]}`,
    init: json('PATCH', patch([{ op: 'Replace', path: 'active', value: 'False' }]), token),
    expect: 200,
  }));
  await phase('delete', USERS, (i) => ({
    url: `${base}/Users/${ids[i]}`,
    init: { method: 'DELETE', headers: auth.headers },
    expect: 204,
  }));

  const targets = {
    'lookup (miss)': 0.6,
    'lookup (hit)': 0.6,
    'create user': 0.4,
    'PATCH default dialect': 0.4,
    'PATCH compliant dialect': 0.4,
    disable: 0.4,
  };
  const fmt = (n, digits = 1) => n.toFixed(digits).padStart(9);
  console.log(
    `\n@scimkit/server on ${args.runtime}: ${USERS} users, ${GROUPS} groups, concurrency ${CONCURRENCY}, LOG_LEVEL=warn`,
  );
  console.log(
    `${'phase'.padEnd(26)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'ceiling'.padStart(9)}${'ratio'.padStart(9)}  target (ratio, p99 < 20 ms)`,
  );
  for (const row of rows) {
    const ratio = row.rps / row.ceiling;
    const target = targets[row.name];
    const verdict =
      target === undefined
        ? ''
        : `≥ ${target * 100}%: ${ratio >= target ? 'met' : 'missed'}, p99 ${row.p99 < 20 ? 'met' : 'missed'}`;
    console.log(
      `${row.name.padEnd(26)}${fmt(row.rps, 0)}${fmt(row.p50, 2)}${fmt(row.p99, 2)}${fmt(row.ceiling, 0)}${fmt(ratio * 100, 0)}%  ${verdict}${row.failures > 0 ? `  (${row.failures} failed)` : ''}`,
    );
  }
  if (rows.some((row) => row.failures > 0)) process.exitCode = 1;
} finally {
  agent.destroy();
  for (const child of servers) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(dir, { recursive: true, force: true });
}
