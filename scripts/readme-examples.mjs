// Runs the first code block under "## Usage" of every library README, as a user would paste it,
// against the built packages: a README example that no longer works fails `npm test`.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = join(root, 'scripts', '.readme-examples');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });

function usageBlock(markdown) {
  const usage = markdown.indexOf('\n## Usage');
  if (usage === -1) return undefined;
  const match = /```(ts|js)\n([\s\S]*?)```/.exec(markdown.slice(usage));
  return match?.[2];
}

let passed = 0;
let failed = 0;
const silent = { log() {}, warn() {}, info() {} };
for (const folder of readdirSync(join(root, 'packages'))) {
  let markdown;
  try {
    markdown = readFileSync(join(root, 'packages', folder, 'README.md'), 'utf8');
  } catch {
    continue;
  }
  const code = usageBlock(markdown);
  if (code === undefined) continue;
  const file = join(scratch, `${folder}.mjs`);
  const cwd = process.cwd();
  const work = mkdtempSync(join(tmpdir(), `readme-${folder}-`));
  const saved = { ...console };
  try {
    // Top-level await stays legal: esbuild only strips the types.
    writeFileSync(file, (await transform(code, { loader: 'ts', format: 'esm' })).code);
    process.chdir(work); // examples may write ./data/…; keep that out of the repository
    Object.assign(console, silent);
    await import(pathToFileURL(file).href);
    Object.assign(console, saved);
    passed++;
    console.log(`ok   README example of packages/${folder}`);
  } catch (error) {
    Object.assign(console, saved);
    failed++;
    console.error(`FAIL README example of packages/${folder}`);
    console.error(error);
  } finally {
    process.chdir(cwd);
    rmSync(work, { recursive: true, force: true });
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`readme examples: ${passed} passed, ${failed} failed`);
if (failed > 0) process.exit(1);
