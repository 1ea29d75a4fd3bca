import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared.ts';

// The library entry plus one start script per runtime; the runtime-specific modules stay external.
export default defineConfig(
  libraryConfig(
    {
      index: 'src/index.ts',
      'main.node': 'src/main.node.ts',
      'main.bun': 'src/main.bun.ts',
      'main.deno': 'src/main.deno.ts',
    },
    { external: ['bun:sqlite', /^node:/, 'better-sqlite3', 'bun'] },
  ),
);
