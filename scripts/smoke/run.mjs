// Runs every package smoke on the current runtime (Node, Bun or Deno) against the built dists.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const runtime =
  typeof globalThis.Deno !== 'undefined' ? 'deno' : typeof globalThis.Bun !== 'undefined' ? 'bun' : 'node';
let failed = 0;
let passed = 0;
for (const file of readdirSync(here)
  .filter((name) => name !== 'run.mjs' && name.endsWith('.mjs'))
  .sort()) {
  const name = file.replace(/\.mjs$/, '');
  try {
    const { default: smoke } = await import(`./${file}`);
    await smoke({ runtime });
    passed++;
    console.log(`ok   ${runtime} ${name}`);
  } catch (error) {
    failed++;
    console.error(`FAIL ${runtime} ${name}`);
    console.error(error);
  }
}
console.log(`${runtime}: ${passed} passed, ${failed} failed`);
if (failed > 0) process.exit(1);
