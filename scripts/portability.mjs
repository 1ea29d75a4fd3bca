// The portability smoke of `npm test`: the built packages, imported and exercised under Node,
// Bun and Deno (both installed from npm as devDependencies).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const runs = [
  ['node', [process.execPath, 'scripts/smoke/run.mjs']],
  ['bun', [bin('bun'), 'scripts/smoke/run.mjs']],
  [
    'deno',
    [
      bin('deno'),
      'run',
      '--allow-read',
      '--allow-env',
      '--allow-write',
      '--allow-ffi',
      '--allow-net=127.0.0.1',
      '--allow-sys',
      'scripts/smoke/run.mjs',
    ],
  ],
];
let failures = 0;
for (const [runtime, [command, ...args]] of runs) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
  });
  if (result.status !== 0) {
    failures++;
    console.error(`portability: ${runtime} failed (${result.error?.message ?? `exit ${result.status}`})`);
  }
}
if (failures > 0) process.exit(1);
console.log('portability: node, bun and deno passed');
