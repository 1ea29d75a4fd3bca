import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/entries/node.ts';

/**
 * Tests that need real processes: two writers racing on one file, and a writer killed with
 * SIGKILL. The children import the built package (`npm test` builds before running vitest),
 * so they also prove that each runtime's export condition picks its driver.
 */

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bin = (name: string): string => join(packageRoot, '../../node_modules/.bin', name);
let directory: string;

beforeAll(() => {
  if (!existsSync(join(packageRoot, 'dist/entries/node.js'))) {
    throw new Error(
      'These tests run child processes on the built package: run `npx tsup` first (npm test does).',
    );
  }
  directory = mkdtempSync(join(tmpdir(), 'scim-store-sqlite-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function run(
  command: string,
  args: string[],
): { child: ChildProcess; lines: string[]; done: Promise<number | null> } {
  const child = spawn(command, args, { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`${command} exited with ${code}: ${errors}`));
      else resolve(code);
    });
  });
  return { child, lines, done };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function race(runtimes: [string, string[]][], count: number): Promise<void> {
  const filename = join(directory, `race-${runtimes.map(([name]) => name).join('-')}.db`);
  const setup = createSqliteStore({ filename });
  await setup.createTenant({ name: 'race', id: 'race' });
  await setup.close();
  const signal = `${filename}.go`;
  const children = runtimes.map(([command, prefix], index) =>
    run(command, [
      ...prefix,
      fixture('race-child.mjs'),
      filename,
      signal,
      String(count),
      index === 0 ? 'a' : 'b',
    ]),
  );
  await until(() => children.every(({ lines }) => lines.includes('ready')));
  writeFileSync(signal, '');
  await Promise.all(children.map(({ done }) => done));
  const reports = children.map(
    ({ lines }) => JSON.parse(lines.at(-1)!) as { outcomes: Record<string, string> },
  );
  for (const [name, first] of Object.entries(reports[0]!.outcomes)) {
    const second = reports[1]!.outcomes[name];
    // Exactly one process wins each userName; the other is told 409 uniqueness.
    expect([first, second].sort(), name).toEqual(['conflict', 'created']);
  }
  // Both really competed: each won some names and lost others.
  for (const { outcomes } of reports) {
    expect(Object.values(outcomes)).toContain('created');
    expect(Object.values(outcomes)).toContain('conflict');
  }
  const check = createSqliteStore({ filename });
  const all = await check.query({ tenantId: 'race' }, 'User', { count: 1000 });
  expect(all.totalResults).toBe(count);
  expect((await check.events('race', { limit: 10_000 })).length).toBe(count);
  await check.close();
}

describe('two processes on one database file', () => {
  it('let exactly one of two Node processes create each userName', async () => {
    await race(
      [
        [process.execPath, []],
        [process.execPath, []],
      ],
      150,
    );
  }, 60_000);

  it('let exactly one of a Bun and a Deno process create each userName', async () => {
    await race(
      [
        [bin('bun'), []],
        [bin('deno'), ['run', '--allow-read', '--allow-write', '--allow-env']],
      ],
      100,
    );
  }, 60_000);
});

describe('crash durability', () => {
  for (const durability of ['full', 'normal'] as const) {
    it(`loses no acknowledged write when the writer is killed with SIGKILL (durability ${durability})`, async () => {
      const filename = join(directory, `crash-${durability}.db`);
      const setup = createSqliteStore({ filename });
      await setup.createTenant({ name: 'crash', id: 'crash' });
      await setup.close();
      const writer = run(process.execPath, [fixture('crash-child.mjs'), filename, durability]);
      await until(() => writer.lines.length >= 60);
      writer.child.kill('SIGKILL');
      await writer.done;
      const acknowledged = writer.lines.flatMap((line) => line.split(' ')).filter((id) => id !== '');
      const store = createSqliteStore({ filename });
      for (const id of acknowledged) {
        const found =
          (await store.get({ tenantId: 'crash' }, 'User', id)) ??
          (await store.get({ tenantId: 'crash' }, 'Group', id));
        expect(found, id).toBeDefined();
      }
      // The database is consistent after the crash: what is there can be read and written.
      const page = await store.query({ tenantId: 'crash' }, 'User', {
        filter: 'emails[type eq "work"].value sw "crash"',
      });
      expect(page.totalResults).toBeGreaterThanOrEqual(writer.lines.length);
      await store.create({ tenantId: 'crash' }, 'User', { userName: 'after@contoso.com' });
      await store.close();
    }, 60_000);
  }
});
