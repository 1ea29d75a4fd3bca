import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandContext } from '../src/context.ts';
import { createProgram } from '../src/program.ts';
import { Capture, run, temporaryDirectory } from './helpers.ts';

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [
    [...prefix, sub.name()],
    ...commandPaths(sub, [...prefix, sub.name()]),
  ]);
}

const program = createProgram(
  new CommandContext({ stdout: new Capture(), stderr: new Capture(), stdin: process.stdin, env: {} }),
);

describe('help', () => {
  it.each(commandPaths(program).map((path) => [path.join(' '), path]))(
    'shows examples for `scimkit %s --help`',
    async (_, path) => {
      const result = await run([...path, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: scimkit ${path.join(' ')}`);
      expect(result.stdout).toMatch(/Examples:\n {2}\$ (\S+=\S+ )*scimkit /);
    },
  );

  it('shows the two deployment modes and exit codes at the top level', async () => {
    const result = await run(['--help']);
    expect(result.stdout).toContain('--db <path>');
    expect(result.stdout).toContain('--server <url>');
    expect(result.stdout).toContain(
      'Exit codes: 0 success, 1 failure (or a failed simulation check), 2 usage error.',
    );
  });

  it('prints the version', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('usage errors', () => {
  it('exits 2 for an unknown command, with a suggestion', async () => {
    const result = await run(['tenants', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown command 'tenants'");
    expect(result.stderr).toContain('(Did you mean tenant?)');
  });

  it('exits 2 when no deployment is named, explaining both ways', async () => {
    const result = await run(['tenant', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: No deployment given.');
    expect(result.stderr).toContain('--db ./data/scim.db');
    expect(result.stderr).toContain('SCIMKIT_SERVER and SCIMKIT_ADMIN_TOKEN');
  });

  it('exits 2 for two deployments at once, or a server without its admin token', async () => {
    expect(
      (await run(['--db', 'x.db', '--server', 'http://127.0.0.1:1', 'tenant', 'list'])).stderr,
    ).toContain('error: Choose one deployment: --db and --server were both given.');
    const noToken = await run(['--server', 'http://127.0.0.1:1', 'tenant', 'list']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('error: --server needs the admin token.');
  });

  it('lets a --db flag win over SCIMKIT_SERVER in the environment', async () => {
    const directory = temporaryDirectory();
    try {
      const result = await run(['--db', join(directory.path, 'scim.db'), 'tenant', 'list', '--json'], {
        env: { SCIMKIT_SERVER: 'http://127.0.0.1:1', SCIMKIT_ADMIN_TOKEN: 'x' },
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('[]\n');
    } finally {
      directory.remove();
    }
  });

  it('reports an unreachable server as one line, without a stack trace', async () => {
    const url = await closedPortUrl();
    const result = await run(['--server', url, '--admin-token', 'x', 'tenant', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: Could not reach ${url}: ECONNREFUSED.\nCheck the URL and that the server is running.\n`,
    );
  });

  it('rejects out-of-range counts before touching the deployment', async () => {
    const users = await run(['--db', '/nonexistent/x.db', 'seed', 'demo', '--users', '0']);
    expect(users.code).toBe(2);
    expect(users.stderr).toContain('--users: expected an integer from 1 to 1,000,000, found "0".');
  });
});

describe('on a database file', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  let db: string;
  beforeAll(async () => {
    directory = temporaryDirectory();
    db = join(directory.path, 'scim.db');
    await run(['--db', db, 'tenant', 'create', 'Bar']);
  });
  afterAll(() => directory.remove());

  it('draws a bar with rate and ETA on a terminal', async () => {
    const result = await run(['--db', db, 'seed', 'bar', '--users', '40', '--groups', '3'], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/users\s+#+ 100% \| 40\/40 \| [\d,]+\/s \| ETA \d+s/);
    expect(result.stderr).not.toMatch(/^users: /m);
  });

  it('says when Tenant URLs are built on the default base URL', async () => {
    const result = await run(['--db', db, 'tenant', 'create', 'Local']);
    expect(result.stdout).toContain('  Tenant URL    http://localhost:8080/scim/local/v2\n');
    expect(result.stderr).toContain('Tenant URLs are built on http://localhost:8080: pass --public-url');
    const configured = await run(['--db', db, 'token', 'issue', 'local'], {
      env: { PUBLIC_URL: 'https://scim.example.com/' },
    });
    expect(configured.stdout).toContain('  Tenant URL    https://scim.example.com/scim/local/v2\n');
    expect(configured.stderr).toBe('');
  });

  it('rejects an unknown locale with the choices', async () => {
    const result = await run(['--db', db, 'seed', 'bar', '--locale', 'klingon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --locale: expected a faker locale, found "klingon".');
    expect(result.stderr).toContain('Some choices: en_US, en_GB, de');
  });
});

/** A URL on 127.0.0.1 where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
