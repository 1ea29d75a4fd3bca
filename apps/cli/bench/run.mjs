// `npm run bench -w @scimkit/cli`: seeding throughput of `scimkit seed` on a database file,
// against the store's raw `createMany` of the very same 100k user documents.
// Target (issue 7): seeding within 2x of the raw create throughput.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@scimkit/store-sqlite';
import { generateOrganization } from '../dist/index.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const BATCH = 1000;
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scimkit-cli-bench-'));
const rate = (count, ms) => Math.round(count / (ms / 1000));
const fmt = (value) => value.toLocaleString('en-US');

try {
  // 1. The store alone: createMany of the generated users, batches of 1,000, no manager links.
  const organization = generateOrganization({ users: USERS, groups: 0, seed: 1 });
  const store = createSqliteStore({ filename: join(dir, 'raw.db') });
  await store.createTenant({ id: 'raw', name: 'Raw' });
  const resources = organization.users.map((user) => user.resource);
  let started = performance.now();
  for (let start = 0; start < resources.length; start += BATCH) {
    await store.createMany({ tenantId: 'raw' }, 'User', resources.slice(start, start + BATCH));
  }
  const rawMs = performance.now() - started;
  await store.close();

  // 2. The CLI, end to end in its own process: generation, manager links, batched writes.
  const seed = (name, groups) => {
    const db = join(dir, `${name}.db`);
    const setup = spawnSync(process.execPath, [bin, '--db', db, 'tenant', 'create', name], {
      encoding: 'utf8',
    });
    if (setup.status !== 0) throw new Error(setup.stderr);
    started = performance.now();
    const result = spawnSync(
      process.execPath,
      [bin, '--db', db, 'seed', name, '--users', String(USERS), '--groups', String(groups), '--json'],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    const wallMs = performance.now() - started;
    if (result.status !== 0) throw new Error(result.stderr);
    return { ...JSON.parse(result.stdout), wallMs };
  };
  const usersOnly = seed('seed', 0);
  const withGroups = seed('full', 100);

  const rawRate = rate(USERS, rawMs);
  const seedRate = rate(USERS, usersOnly.wallMs);
  const ratio = rawRate / seedRate;
  console.log(`users: ${fmt(USERS)}`);
  console.log(
    `store createMany (raw, batches of ${BATCH}):       ${fmt(rawRate)} users/s (${fmt(Math.round(rawMs))} ms)`,
  );
  console.log(
    `scimkit seed --groups 0 (process, end to end):     ${fmt(seedRate)} users/s (${fmt(Math.round(usersOnly.wallMs))} ms: ` +
      `generate ${fmt(usersOnly.generateMs)} ms, write ${fmt(usersOnly.writeMs)} ms, ${fmt(usersOnly.managerLinks)} manager links)`,
  );
  console.log(
    `scimkit seed --groups 100 (with memberships):      ${fmt(rate(USERS, withGroups.wallMs))} users/s (${fmt(Math.round(withGroups.wallMs))} ms, ` +
      `${fmt(withGroups.memberships)} memberships)`,
  );
  console.log(`seed vs raw: ${ratio.toFixed(2)}x slower (target: within 2x) ${ratio <= 2 ? 'OK' : 'MISSED'}`);
  if (ratio > 2) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
