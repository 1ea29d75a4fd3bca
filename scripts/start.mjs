// `npm start`: build what the server needs (turbo caches it), then run the server on Node with
// its embedded SQLite database. Everything after `--` is passed to the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const turbo = fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url));
const entry = fileURLToPath(new URL('../apps/server/dist/main.node.js', import.meta.url));

const build = spawnSync(turbo, ['run', 'build', '--filter=@scimkit/server...', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
if (build.status !== 0) {
  console.error('npm start: the build failed; see above.');
  process.exit(build.status ?? 1);
}
if (!existsSync(entry)) {
  console.error(`npm start: ${entry} was not built.`);
  process.exit(1);
}
const server = spawn(process.execPath, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Forward signals so the server shuts down gracefully (finishes requests, closes the database).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
