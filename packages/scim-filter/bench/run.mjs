/**
 * Parse and evaluate throughput of the built package against scim2-parse-filter and
 * scim-query-filter-parser, on the same corpus in the same process. Run with
 * `npm run bench -w @scimkit/filter` (after a build). Each task runs BENCH_ROUNDS times
 * (default 8), interleaved with the others, for BENCH_TIME ms (default 250) each; the best
 * round counts, so that a burst of load from other processes does not decide a ratio.
 */
import { createRegistry } from '@scimkit/schema';
import sqfp from 'scim-query-filter-parser';
import * as scim2 from 'scim2-parse-filter';
import { Bench } from 'tinybench';
import { compileFilter, parseFilter } from '../dist/index.js';
import { ALL_FILTERS, users } from './corpus.mjs';

const TIME = Number(process.env.BENCH_TIME ?? 250);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const OURS = '@scimkit/filter';
const registry = createRegistry();
const USERS = users(200);

const libraries = {
  [OURS]: {
    parse: (text) => parseFilter(text),
    compile: (text) => compileFilter(parseFilter(text), { registry, resourceType: 'User' }),
  },
  'scim2-parse-filter': {
    parse: (text) => scim2.parse(text),
    compile: (text) => scim2.filter(scim2.parse(text)),
  },
  // It has no separate parse step: compileFilter parses and compiles.
  'scim-query-filter-parser': {
    parse: (text) => sqfp.compileFilter(text),
    compile: (text) => sqfp.compileFilter(text),
  },
};

function accepts(library, text) {
  try {
    library.compile(text);
    return true;
  } catch {
    return false;
  }
}

// Ratios are measured on the filters every library accepts.
const COMMON = ALL_FILTERS.filter((text) =>
  Object.values(libraries).every((library) => accepts(library, text)),
);

// Results go here so that no engine can drop the work as dead code.
let sink = 0;

async function measure(title, unitsPerOp, tasks) {
  const best = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: TIME });
    for (const [name, run] of Object.entries(tasks)) bench.add(name, run);
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
      const row = {
        name: task.name,
        perSecond: (unitsPerOp * 1000) / task.result.period,
        rme: task.result.latency.rme,
      };
      if (!(best.get(task.name)?.perSecond >= row.perSecond)) best.set(task.name, row);
    }
  }
  const rows = [...best.values()];
  console.log(`\n${title}`);
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(34)} ${Math.round(row.perSecond).toLocaleString('en-US').padStart(14)} /s  ±${row.rme.toFixed(1)}%`,
    );
  }
  return rows;
}

function ratio(rows) {
  const ours = rows.find((row) => row.name === OURS);
  const rivals = rows.filter((row) => !row.name.startsWith(OURS));
  const fastest = rivals.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return { factor: ours.perSecond / fastest.perSecond, fastest: fastest.name };
}

console.log(`Runtime: ${typeof Bun !== 'undefined' ? `Bun ${Bun.version}` : `Node ${process.version}`}`);
console.log(
  `Corpus: ${ALL_FILTERS.length} filters; ${COMMON.length} accepted by every library; ${USERS.length} users.`,
);
console.log(`Best of ${ROUNDS} rounds of ${TIME} ms per task.`);
for (const [name, library] of Object.entries(libraries)) {
  const rejected = ALL_FILTERS.filter((text) => !accepts(library, text));
  if (rejected.length > 0) console.log(`  ${name} rejects ${rejected.length}: ${rejected.join(' | ')}`);
}

// One loop function per library, written out: engines profile and optimise a function once,
// so a loop shared by all libraries would run each library with the others' type feedback.
const compiled = {
  [OURS]: COMMON.map((text) => libraries[OURS].compile(text)),
  'scim2-parse-filter': COMMON.map((text) => libraries['scim2-parse-filter'].compile(text)),
  'scim-query-filter-parser': COMMON.map((text) => libraries['scim-query-filter-parser'].compile(text)),
  [`${OURS} (no schema)`]: COMMON.map((text) => compileFilter(parseFilter(text))),
};

const parseRows = await measure(
  `Parse: filters per second (${COMMON.length}-filter common corpus)`,
  COMMON.length,
  {
    [OURS]: () => {
      for (const text of COMMON) sink += parseFilter(text) === undefined ? 0 : 1;
    },
    'scim2-parse-filter': () => {
      for (const text of COMMON) sink += scim2.parse(text) === undefined ? 0 : 1;
    },
    'scim-query-filter-parser': () => {
      for (const text of COMMON) sink += sqfp.compileFilter(text) === undefined ? 0 : 1;
    },
  },
);

console.log(
  '\nMatches per filter on the common corpus (semantics differ: case, types, multi-valued attributes):',
);
for (const [name, predicates] of Object.entries(compiled)) {
  const matches = predicates.map((match) => USERS.filter((user) => match(user)).length);
  console.log(`  ${name.padEnd(34)} ${matches.join(' ')}`);
}

const evaluateRows = await measure(
  `Evaluate: filter × resource tests per second (${COMMON.length} compiled filters × ${USERS.length} users)`,
  COMMON.length * USERS.length,
  {
    [OURS]: () => {
      for (const match of compiled[OURS]) for (const user of USERS) if (match(user)) sink++;
    },
    'scim2-parse-filter': () => {
      for (const match of compiled['scim2-parse-filter']) for (const user of USERS) if (match(user)) sink++;
    },
    'scim-query-filter-parser': () => {
      for (const match of compiled['scim-query-filter-parser'])
        for (const user of USERS) if (match(user)) sink++;
    },
    [`${OURS} (no schema)`]: () => {
      for (const match of compiled[`${OURS} (no schema)`]) for (const user of USERS) if (match(user)) sink++;
    },
  },
);

await measure(`${OURS} on the whole corpus (${ALL_FILTERS.length} filters)`, ALL_FILTERS.length, {
  [`${OURS} parse`]: () => {
    for (const text of ALL_FILTERS) sink += parseFilter(text) === undefined ? 0 : 1;
  },
  [`${OURS} parse + compile`]: () => {
    for (const text of ALL_FILTERS) sink += libraries[OURS].compile(text) === undefined ? 0 : 1;
  },
});

const parse = ratio(parseRows);
const evaluate = ratio(evaluateRows);
console.log('\nRatio of @scimkit/filter to the fastest other library (target ≥ 3×):');
console.log(`  parse:    ${parse.factor.toFixed(1)}× ${parse.fastest}`);
console.log(`  evaluate: ${evaluate.factor.toFixed(1)}× ${evaluate.fastest}`);
if (sink < 0) console.log(sink);
