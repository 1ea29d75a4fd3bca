import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared.ts';

// One entry per runtime condition of ".", and one per driver subpath.
export default defineConfig(
  libraryConfig({
    'entries/node': 'src/entries/node.ts',
    'entries/bun': 'src/entries/bun.ts',
    'entries/deno': 'src/entries/deno.ts',
    'entries/default': 'src/entries/default.ts',
    'drivers/better-sqlite3': 'src/drivers/better-sqlite3.ts',
    'drivers/bun-sqlite': 'src/drivers/bun-sqlite.ts',
    'drivers/node-sqlite': 'src/drivers/node-sqlite.ts',
  }),
);
