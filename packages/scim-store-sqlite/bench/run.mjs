// Benchmark of @scimkit/store-sqlite on the built package (run `npx tsup` first; `npm run
// bench` does). It prints figures, never asserts on them. Options (flags or environment):
//   --users=N        users to seed (BENCH_USERS, default 100000; the README's figures use 1000000)
//   --members=N      members of the big group (BENCH_MEMBERS, default min(users, 100000))
//   --samples=N      timed lookups and membership changes per case (BENCH_SAMPLES, default 2000)
//   --durability=D   full (default) or normal (BENCH_DURABILITY)
//   --dir=PATH       where the database files go (BENCH_DIR, default the OS temp directory)
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@scimkit/store-sqlite';
import Database from 'better-sqlite3';

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
    return [key, value];
  }),
);
const option = (name, fallback) => args[name] ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
const USERS = Number(option('users', 100_000));
const MEMBERS = Math.min(Number(option('members', 100_000)), USERS);
const SAMPLES = Number(option('samples', 2000));
const DURABILITY = option('durability', 'full');
const directory = mkdtempSync(join(option('dir', tmpdir()), 'scim-bench-'));
const BATCH = 1000;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CTX = { tenantId: 'bench' };

const departments = ['Sales', 'Engineering', 'Marketing', 'Finance', 'Support', 'Legal', 'Operations'];
const cities = ['Springfield', 'Zürich', 'Lyon', 'Osaka', 'Austin', 'Porto'];
const given = ['Ann', 'Bob', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Gustav', 'Hiro', 'Ingrid', 'José'];
const family = ['Lee', 'Ray', 'Müller', 'Ng', 'Okafor', 'Smith', 'Tanaka', 'Varga', 'Wójcik', 'Zhang'];

/** What Entra sends for a user (ENTRA.md): realistic attributes, mixed case, one work email. */
function user(index) {
  const first = given[index % given.length];
  const last = family[Math.floor(index / given.length) % family.length];
  const login = `${first}.${last}${index}`
    .normalize('NFKD')
    .replace(/[^\w.]/g, '')
    .toLowerCase();
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    externalId: `${login}-${(index * 2654435761) % 1e9}`,
    userName: `${login}@contoso.com`,
    active: index % 17 === 0 ? 'False' : 'True',
    displayName: `${first} ${last}`,
    title: index % 3 === 0 ? 'Engineer' : 'Account Manager',
    preferredLanguage: 'en-US',
    name: { givenName: first, familyName: last, formatted: `${first} ${last}` },
    emails: [{ type: 'work', value: `${login}@contoso.com`, primary: true }],
    phoneNumbers: [{ type: 'work', value: `+1 555 ${String(index % 10000).padStart(4, '0')}` }],
    addresses: [
      {
        type: 'work',
        locality: cities[index % cities.length],
        country: 'US',
        postalCode: String(10000 + (index % 89999)),
      },
    ],
    roles: [],
    [ENTERPRISE]: {
      employeeNumber: String(100000 + index),
      department: departments[index % departments.length],
    },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

const ms = (value) => `${value.toFixed(3)} ms`;
const rate = (count, millis) => Math.round((count / millis) * 1000);
const lines = [];
function report(line = '') {
  lines.push(line);
  console.log(line);
}

function rawDatabase(filename) {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${DURABILITY === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('wal_autocheckpoint = 10000');
  db.exec('CREATE TABLE raw (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  return db;
}

async function main() {
  report(`# @scimkit/store-sqlite benchmark`);
  report(
    `${USERS.toLocaleString('en')} users, big group of ${MEMBERS.toLocaleString('en')} members, ${SAMPLES} samples per case, durability ${DURABILITY}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  const filename = join(directory, 'store.db');
  const store = createSqliteStore({ filename, durability: DURABILITY });
  await store.createTenant({ name: 'Bench', id: 'bench' });

  // 1. Seeding: createMany batches against raw inserts of the same JSON rows, same pragmas.
  // The two alternate batch by batch, so that both grow alike and both see the same moments
  // of a shared machine's load.
  report('\n## Seeding (createMany, 1,000 users per call)');
  const raw = rawDatabase(join(directory, 'raw.db'));
  const insert = raw.prepare('INSERT INTO raw (id, doc) VALUES (?, ?)');
  let seedMs = 0;
  let rawSeedMs = 0;
  for (let offset = 0; offset < USERS; offset += BATCH) {
    const end = Math.min(USERS, offset + BATCH);
    const inputs = [];
    let started = performance.now();
    for (let index = offset; index < end; index++) inputs.push(user(index));
    await store.createMany(CTX, 'User', inputs);
    seedMs += performance.now() - started;
    started = performance.now();
    raw.transaction(() => {
      for (let index = offset; index < end; index++) {
        insert.run(crypto.randomUUID(), JSON.stringify(user(index)));
      }
    })();
    rawSeedMs += performance.now() - started;
    if (offset % 100_000 === 0 && offset > 0) process.stderr.write(`  seeded ${offset}\n`);
  }
  report(
    `store createMany: ${rate(USERS, seedMs).toLocaleString('en')} users/s (${(seedMs / 1000).toFixed(1)} s)`,
  );
  report(`raw better-sqlite3 batched insert: ${rate(USERS, rawSeedMs).toLocaleString('en')} rows/s`);
  report(`ratio store/raw (batched): ${(rawSeedMs / seedMs).toFixed(2)}`);
  const size = (file) =>
    ['', '-wal'].reduce(
      (total, suffix) => total + (existsSync(file + suffix) ? statSync(file + suffix).size : 0),
      0,
    );
  report(
    `database size: ${(size(filename) / 2 ** 20).toFixed(0)} MiB (raw table of the same JSON: ${(size(join(directory, 'raw.db')) / 2 ** 20).toFixed(0)} MiB)`,
  );

  // 2. Create throughput as a server sees it: one request per user, each its own transaction.
  // Interleaved in slices (store one at a time, raw, store with requests in flight), so that
  // the fsync latency of a shared disk, which varies from second to second, weighs on all three.
  report('\n## Creates, one request per user (on the seeded database)');
  const creates = Math.min(SAMPLES, 2000);
  const inFlight = 64;
  const slice = 128;
  let next = USERS;
  let sequentialMs = 0;
  let rawSingleMs = 0;
  let concurrentMs = 0;
  for (let done = 0; done < creates; done += slice) {
    const count = Math.min(slice, creates - done);
    let started = performance.now();
    for (let k = 0; k < count; k++) await store.create(CTX, 'User', user(next++));
    sequentialMs += performance.now() - started;
    started = performance.now();
    for (let k = 0; k < count; k++) insert.run(crypto.randomUUID(), JSON.stringify(user(next++)));
    rawSingleMs += performance.now() - started;
    started = performance.now();
    for (let wave = 0; wave < count; wave += inFlight) {
      const writes = [];
      for (let k = wave; k < Math.min(count, wave + inFlight); k++)
        writes.push(store.create(CTX, 'User', user(next++)));
      await Promise.all(writes);
    }
    concurrentMs += performance.now() - started;
  }
  report(
    `raw better-sqlite3 insert, one transaction per row: ${rate(creates, rawSingleMs).toLocaleString('en')} rows/s`,
  );
  report(
    `store.create, one at a time: ${rate(creates, sequentialMs).toLocaleString('en')}/s (ratio ${(rawSingleMs / sequentialMs).toFixed(2)})`,
  );
  report(
    `store.create, ${inFlight} requests in flight (group commit): ${rate(creates, concurrentMs).toLocaleString('en')}/s (ratio ${(rawSingleMs / concurrentMs).toFixed(2)})`,
  );
  raw.close();

  // 3. Entra's lookups: index seeks, end to end through store.query.
  report('\n## Lookups (store.query end to end, random existing users)');
  const lookups = [
    ['userName eq', (index) => `userName eq "${user(index).userName.toUpperCase()}"`],
    ['externalId eq', (index) => `externalId eq "${user(index).externalId}"`],
    [
      'emails[type eq "work"].value eq',
      (index) => `emails[type eq "work"].value eq "${user(index).emails[0].value}"`,
    ],
  ];
  for (const [label, filterOf] of lookups) {
    const plan = await store.explainQuery(CTX, 'User', { filter: filterOf(1) });
    const samples = [];
    for (let count = 0; count < SAMPLES; count++) {
      const index = Math.floor(Math.random() * USERS);
      const filter = filterOf(index);
      const before = performance.now();
      const page = await store.query(CTX, 'User', { filter });
      samples.push(performance.now() - before);
      if (page.totalResults !== 1) throw new Error(`${filter} found ${page.totalResults}`);
    }
    const { p50, p95, p99 } = summarise(samples);
    report(`${label}: p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)}`);
    report(`  plan: ${plan.join(' / ')}`);
  }

  // 4. Membership: adding one member to a big group costs what it costs in an empty one.
  report(`\n## Group membership (one member per PATCH)`);
  let cursor = '';
  const memberIds = [];
  while (memberIds.length < MEMBERS && cursor !== undefined) {
    const page = await store.query(CTX, 'User', { cursor, count: 1000 });
    memberIds.push(...page.resources.map((resource) => resource.id));
    cursor = page.nextCursor;
  }
  const big = await store.create(CTX, 'Group', { displayName: 'Everyone' });
  const empty = await store.create(CTX, 'Group', { displayName: 'Nobody' });
  let started = performance.now();
  for (let offset = 0; offset < MEMBERS; offset += 1000) {
    const value = memberIds.slice(offset, offset + 1000).map((id) => ({ value: id }));
    await store.patch(CTX, 'Group', big.id, [{ op: 'add', path: 'members', value }], {
      excludeMembers: true,
    });
  }
  report(
    `filled a group with ${MEMBERS.toLocaleString('en')} members in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const outsider = await store.create(CTX, 'User', user(next++));
  const timeChange = async (groupId) => {
    const add = [];
    const remove = [];
    for (let count = 0; count < SAMPLES / 2; count++) {
      let before = performance.now();
      await store.patch(
        CTX,
        'Group',
        groupId,
        [{ op: 'Add', path: 'members', value: [{ value: outsider.id }] }],
        {
          excludeMembers: true,
        },
      );
      add.push(performance.now() - before);
      before = performance.now();
      await store.patch(
        CTX,
        'Group',
        groupId,
        [{ op: 'Remove', path: 'members', value: [{ value: outsider.id }] }],
        {
          excludeMembers: true,
        },
      );
      remove.push(performance.now() - before);
    }
    return { add: summarise(add), remove: summarise(remove) };
  };
  // Alternate so that both groups see the same conditions (cache, checkpoints).
  const emptyFirst = await timeChange(empty.id);
  const bigTimes = await timeChange(big.id);
  const emptyTimes = await timeChange(empty.id);
  const emptyAdd = Math.min(emptyFirst.add.p50, emptyTimes.add.p50);
  const emptyRemove = Math.min(emptyFirst.remove.p50, emptyTimes.remove.p50);
  report(
    `add 1 member, empty group: p50 ${ms(emptyAdd)}; ${MEMBERS.toLocaleString('en')}-member group: p50 ${ms(bigTimes.add.p50)} (ratio ${(bigTimes.add.p50 / emptyAdd).toFixed(2)})`,
  );
  report(
    `remove 1 member, empty group: p50 ${ms(emptyRemove)}; big group: p50 ${ms(bigTimes.remove.p50)} (ratio ${(bigTimes.remove.p50 / emptyRemove).toFixed(2)})`,
  );
  const probe = `id eq "${big.id}" and members eq "${memberIds[Math.floor(MEMBERS / 2)]}"`;
  const probeSamples = [];
  for (let count = 0; count < SAMPLES / 4; count++) {
    const before = performance.now();
    await store.query(CTX, 'Group', { filter: probe, excludeMembers: true });
    probeSamples.push(performance.now() - before);
  }
  report(`membership probe (id eq … and members eq …): p50 ${ms(summarise(probeSamples).p50)}`);
  report(`  plan: ${(await store.explainQuery(CTX, 'Group', { filter: probe })).join(' / ')}`);
  const withoutMembers = [];
  for (let count = 0; count < 200; count++) {
    const before = performance.now();
    await store.get(CTX, 'Group', big.id, { excludeMembers: true });
    withoutMembers.push(performance.now() - before);
  }
  report(`read the big group with excludeMembers: p50 ${ms(summarise(withoutMembers).p50)}`);

  // 5. Paging through every user with cursors keeps memory flat.
  report('\n## Paging through all users (cursor, 1,000 per page)');
  const gc = globalThis.gc;
  const heap = [];
  let pages = 0;
  let seen = 0;
  cursor = '';
  started = performance.now();
  while (cursor !== undefined) {
    const page = await store.query(CTX, 'User', { cursor, count: 1000 });
    seen += page.resources.length;
    cursor = page.nextCursor;
    pages++;
    if (pages % 10 === 0) {
      gc?.();
      heap.push(process.memoryUsage().heapUsed);
    }
  }
  const walkMs = performance.now() - started;
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  report(
    `${seen.toLocaleString('en')} users in ${pages} pages, ${(walkMs / 1000).toFixed(1)} s (${rate(seen, walkMs).toLocaleString('en')} users/s)`,
  );
  if (heap.length > 1) {
    report(
      `heap used after GC, sampled every 10 pages: min ${mib(Math.min(...heap))} MiB, max ${mib(Math.max(...heap))} MiB, last ${mib(heap.at(-1))} MiB${gc === undefined ? ' (run with --expose-gc for exact figures)' : ''}`,
    );
  }
  report(`peak RSS: ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);

  await store.close();
  rmSync(directory, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  rmSync(directory, { recursive: true, force: true });
  process.exitCode = 1;
});
