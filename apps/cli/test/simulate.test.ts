import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateRequests, runSimulation, type SimulationReport } from '../src/simulate/run.ts';
import { SHAPE_ORDER, SHAPES } from '../src/simulate/shapes.ts';
import { startBrokenEndpoint } from './broken-endpoint.ts';
import { json, run, temporaryDirectory } from './helpers.ts';
import { startTestServer, type TestServer } from './server.ts';

let directory: ReturnType<typeof temporaryDirectory>;
let server: TestServer;
let tenantUrl: string;
let token: string;

beforeAll(async () => {
  directory = temporaryDirectory();
  server = await startTestServer(directory.path);
  await server.store.createTenant({ id: 'sim', name: 'Simulation' });
  token = (await server.store.issueToken('sim')).secret;
  tenantUrl = `${server.url}/scim/sim/v2`;
});

afterAll(async () => {
  await server?.close();
  directory?.remove();
});

const failing = (report: SimulationReport): string[] =>
  report.shapes
    .filter((shape) => shape.failures > 0)
    .map((shape) => shape.shape)
    .sort();

async function usersLeft(): Promise<number> {
  return (await server.store.query({ tenantId: 'sim' }, 'User', { count: 1 })).totalResults;
}

describe('simulate against our server', () => {
  it('passes every check of every request shape, in both dialects, and cleans up', async () => {
    const result = await run(['simulate', '--url', tenantUrl, '--token', token, '--json']);
    const report = json<SimulationReport>(result);
    expect(result.stderr).toBe('');
    expect(failing(report)).toEqual([]);
    expect(result.code).toBe(0);
    expect(report).toMatchObject({ ok: true, failures: 0, users: 20, groups: 4, dialect: 'both' });
    // Every shape of ENTRA.md was sent, and nothing else.
    expect(report.shapes.map((shape) => shape.shape)).toEqual(SHAPE_ORDER);
    for (const shape of report.shapes) {
      expect(shape.count).toBeGreaterThan(0);
      expect(shape.p99Ms).toBeGreaterThanOrEqual(shape.p50Ms);
    }
    expect(report.requests).toBe(report.shapes.reduce((sum, shape) => sum + shape.count, 0));
    expect(report.requests).toBeLessThanOrEqual(estimateRequests(20, 4));
    expect(await usersLeft()).toBe(0);
  });

  it('prints a table of shapes, counts, failures and latencies without colour off a terminal', async () => {
    const result = await run([
      'simulate',
      '--url',
      tenantUrl,
      '--token',
      token,
      '--users',
      '6',
      '--groups',
      '2',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Request shape\s+│\s+Count\s+│\s+Failures\s+│\s+p50\s+│\s+p99/);
    expect(result.stdout).toContain(SHAPES.probeUsers);
    expect(result.stdout).toMatch(/✔ \d+ requests in [\d.]+ s: every answer is what Entra needs\./);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('sends only the default dialect when asked to', async () => {
    const report = json<SimulationReport>(
      await run([
        'simulate',
        '--url',
        tenantUrl,
        '--token',
        token,
        '--users',
        '6',
        '--groups',
        '2',
        '--dialect',
        'default',
        '--json',
      ]),
    );
    expect(report.ok).toBe(true);
    const names = report.shapes.map((shape) => shape.shape);
    expect(names).toContain(SHAPES.updateUser('default'));
    expect(names.filter((name) => name.includes('[compliant]'))).toEqual([]);
  });

  it('stops at the request budget, reports it as a failure and still cleans up', async () => {
    const report = await runSimulation({
      tenantUrl,
      token,
      users: 5,
      groups: 1,
      dialect: 'both',
      concurrency: 2,
      maxRequests: 25,
      timeoutMs: 30_000,
    });
    expect(report).toMatchObject({ ok: false, requests: 25, aborted: 'stopped after --max-requests 25' });
    expect(await usersLeft()).toBe(0);
  });
});

describe('simulate against deliberately broken endpoints', () => {
  it('fails exactly the lookups that expect no result when empty results are a 404', async () => {
    const broken = await startBrokenEndpoint(server.url, 'empty-lookup-404');
    try {
      const result = await run([
        'simulate',
        '--url',
        `${broken.url}/scim/sim/v2`,
        '--token',
        token,
        '--users',
        '8',
        '--groups',
        '2',
        '--concurrency',
        '3',
        '--json',
      ]);
      const report = json<SimulationReport>(result);
      expect(result.code).toBe(1);
      expect(failing(report)).toEqual(
        [
          SHAPES.probeUsers,
          SHAPES.probeGroups,
          SHAPES.probeTrailingSlash,
          SHAPES.probeUnknownParameter,
          SHAPES.lookupUserName,
          SHAPES.lookupExternalId,
          SHAPES.lookupExternalIdUnquoted,
          SHAPES.managerPrecheck,
          SHAPES.lookupGroup,
          SHAPES.membershipProbe,
          SHAPES.lookupDeletedUser,
        ].sort(),
      );
      const probe = report.shapes.find((shape) => shape.shape === SHAPES.probeUsers)!;
      expect(probe.problems[0]).toBe('expected 200, got 404 (Not found)');
      // It only ever talked to the Tenant URL it was given, never more than 3 requests at once.
      expect(broken.paths.every((path) => path.startsWith('/scim/sim/v2/'))).toBe(true);
      expect(broken.maxInFlight()).toBeLessThanOrEqual(3);
      expect(broken.maxInFlight()).toBeGreaterThan(1);
      expect(await usersLeft()).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('fails exactly the default-dialect member removal when a Remove with a value wipes all members', async () => {
    const broken = await startBrokenEndpoint(server.url, 'remove-wipes-members');
    try {
      const result = await run([
        'simulate',
        '--url',
        `${broken.url}/scim/sim/v2`,
        '--token',
        token,
        '--users',
        '8',
        '--groups',
        '2',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('✖ remove members by value [default]');
      expect(result.stdout).toMatch(/group 0: user \d+ should be a member, the membership probe found 0/);
      expect(result.stdout).toMatch(/✖ 1 failed check in 1 request shape/);
    } finally {
      await broken.close();
    }
  });

  it('reports an endpoint that does not answer, without a stack trace', async () => {
    const closed = await startBrokenEndpoint(server.url, 'empty-lookup-404');
    await closed.close();
    const result = await run([
      'simulate',
      '--url',
      `${closed.url}/scim/sim/v2`,
      '--token',
      token,
      '--users',
      '1',
      '--groups',
      '0',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no answer (ECONNREFUSED)');
    expect(result.stderr).toBe('');
  });
});

describe('simulate usage errors', () => {
  it('refuses a run bigger than --max-requests before sending anything', async () => {
    const result = await run([
      'simulate',
      '--url',
      tenantUrl,
      '--token',
      token,
      '--users',
      '500',
      '--max-requests',
      '1000',
    ]);
    expect(result.code).toBe(2);
    const estimate = estimateRequests(500, 4).toLocaleString('en-US');
    expect(result.stderr).toContain(
      `--users 500 --groups 4 needs up to ${estimate} requests, more than --max-requests 1,000.`,
    );
  });

  it('needs a URL and a token, from flags or environment', async () => {
    expect((await run(['simulate', '--token', 'x'])).stderr).toContain('simulate needs --url');
    expect((await run(['simulate', '--url', tenantUrl])).stderr).toContain('simulate needs --token');
    const fromEnv = await run(['simulate', '--users', '2', '--groups', '0', '--json'], {
      env: { SCIMKIT_TENANT_URL: tenantUrl, SCIMKIT_TOKEN: token },
    });
    expect(fromEnv.code).toBe(0);
  });
});
