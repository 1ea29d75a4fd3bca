/**
 * `npm run bench -w @scimkit/patch`: times @scimkit/patch (the built dist) against the npm
 * package `scim-patch` on the scenarios of ./scenarios.mjs, prints a table, and writes it into
 * the README between the bench markers. Both engines get the same input and must not mutate
 * it (`scim-patch` with `mutateDocument: false`, which clones; its default mutates in place).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { createRegistry } from '@scimkit/schema';
import { scimPatch } from 'scim-patch';
import { Bench } from 'tinybench';
import { applyPatch } from '../dist/index.js';
import { group, largeGroup, scenarios } from './scenarios.mjs';

const registry = createRegistry();
const time = Number(process.env.BENCH_TIME_MS ?? 60);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const competitor = (resource, operations) =>
  scimPatch(resource, operations, { mutateDocument: false, treatMissingAsAdd: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Median latency (ms) of each task over several short rounds that alternate the order of the
 * tasks, and the median of the per-round ratios to the first task: on a shared machine the load
 * drifts, and a ratio taken within one round is fair to both engines.
 */
async function measure(tasks) {
  const samples = new Map(tasks.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: round === 0 ? 100 : 20 });
    for (const [name, fn] of round % 2 === 0 ? tasks : [...tasks].reverse()) bench.add(name, fn);
    await bench.run();
    for (const task of bench.tasks) samples.get(task.name).push(task.result.latency.p50);
  }
  const [first] = tasks[0];
  const result = new Map();
  for (const [name, values] of samples) {
    const ratios = values.map((value, round) => value / samples.get(first)[round]);
    result.set(name, { latency: median(values), ratio: median(ratios) });
  }
  return result;
}

/** Whether scim-patch returns what @scimkit/patch returns. */
function sameResult(resource, operations) {
  let theirs;
  try {
    theirs = competitor(structuredClone(resource), operations);
  } catch (error) {
    return `throws ${error.name ?? 'an error'}`;
  }
  return isDeepStrictEqual(theirs, applyPatch(resource, operations, registry).resource) ? 'yes' : 'no';
}

const rows = [];
for (const scenario of scenarios) {
  const { resource, operations } = scenario;
  const agreement = sameResult(resource, operations);
  const runsCompetitor = !agreement.startsWith('throws');
  const tasks = [
    ['ours', () => applyPatch(resource, operations, registry)],
    [
      'ours, whole resource validated',
      () => applyPatch(resource, operations, registry, { validate: 'resource' }),
    ],
  ];
  if (runsCompetitor) tasks.push(['scim-patch', () => competitor(resource, operations)]);
  const measured = await measure(tasks);
  const theirs = measured.get('scim-patch');
  const validated = measured.get('ours, whole resource validated');
  rows.push({
    ...scenario,
    ours: measured.get('ours').latency,
    validated: validated.latency,
    theirs: theirs?.latency,
    ratio: theirs === undefined ? undefined : theirs.ratio,
    validatedRatio: theirs === undefined ? undefined : theirs.ratio / validated.ratio,
    agreement,
  });
}

// 50k members: the delta without the member list, against both engines with the list.
const big = group(largeGroup.size);
const { members: _members, ...bigWithoutMembers } = big;
const bigRows = [];
for (const [label, operations] of [
  ['add 1 member', largeGroup.add],
  ['remove 1 member by filter', largeGroup.remove],
]) {
  const delta = applyPatch(bigWithoutMembers, operations, registry, { membersLoaded: false });
  if (delta.resource.members !== undefined) throw new Error('the delta path must not produce a member list');
  const loaded = applyPatch(big, [{ op: 'replace', path: 'displayName', value: 'Guides' }], registry);
  if (loaded.resource.members !== big.members)
    throw new Error('an untouched member list must be shared, not copied');
  const medians = await measure([
    ['without list', () => applyPatch(bigWithoutMembers, operations, registry, { membersLoaded: false })],
    ['with list', () => applyPatch(big, operations, registry)],
    ['scim-patch', () => competitor(big, operations)],
  ]);
  bigRows.push({
    label,
    delta: delta.members,
    withoutList: medians.get('without list').latency,
    withList: medians.get('with list').latency,
    theirs: medians.get('scim-patch').latency,
  });
}

const compared = rows.filter((row) => row.ratio !== undefined);
const geometric = (values) =>
  Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
const ratios = compared.map((row) => row.ratio);
const geometricMean = geometric(ratios);
const slowest = Math.min(...ratios);
const validatedMean = geometric(compared.map((row) => row.validatedRatio));

const times = (ratio) => (ratio === undefined ? '–' : `${ratio.toFixed(1)}×`);
const micro = (ms) =>
  ms === undefined ? '–' : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.version} (${process.platform}/${process.arch}): median latency per PATCH over ${rounds} tinybench rounds of ${time} ms per task; the ratio is the median of the per-round ratios.`,
  '',
  `**@scimkit/patch is ${geometricMean.toFixed(1)}× faster than scim-patch 0.8.3** (geometric mean over ${ratios.length} scenarios; slowest scenario ${slowest.toFixed(1)}×). With \`validate: 'resource'\` (\`validateResource\` over the whole result as well) the geometric mean is ${validatedMean.toFixed(1)}×.`,
  '',
  "| Scenario | @scimkit/patch | scim-patch | Ratio | with `validate: 'resource'` | scim-patch gives the same result |",
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(
    (row) =>
      `| ${row.group}: ${row.name} | ${micro(row.ours)} | ${micro(row.theirs)} | ${times(row.ratio)} | ${micro(row.validated)} (${times(row.validatedRatio)}) | ${row.agreement} |`,
  ),
  '',
  `A ${largeGroup.size.toLocaleString('en-US')}-member group (\`membersLoaded: false\` computes the delta without the member list; a rename with the list loaded shares it, never copies it):`,
  '',
  '| Operation | delta (`membersLoaded: false`) | @scimkit/patch, list loaded | scim-patch | Delta |',
  '| --- | ---: | ---: | ---: | --- |',
  ...bigRows.map(
    (row) =>
      `| ${row.label} | ${micro(row.withoutList)} | ${micro(row.withList)} | ${micro(row.theirs)} | \`${JSON.stringify(row.delta)}\` |`,
  ),
];
const table = lines.join('\n');
console.log(table);

const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
if (readme.includes(start) && readme.includes(end)) {
  const updated = `${readme.slice(0, readme.indexOf(start) + start.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`;
  writeFileSync(readmeUrl, updated);
  console.log('\nREADME.md updated.');
}
