import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared.ts';

// A Node CLI: `bin` keeps the hashbang of src/bin.ts; every dependency stays external (tsup's default).
export default defineConfig(
  libraryConfig(
    { index: 'src/index.ts', bin: 'src/bin.ts' },
    { platform: 'node', dts: { entry: 'src/index.ts' } },
  ),
);
