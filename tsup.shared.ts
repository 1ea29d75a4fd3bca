import type { Options } from 'tsup';

/**
 * The one build configuration every published package uses: ESM with declarations,
 * runtime-specific modules kept external. Kept small so it can move to tsdown unchanged.
 */
export function libraryConfig(entry: Record<string, string> | string[], extra: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
    external: ['bun:sqlite', /^node:/, 'better-sqlite3'],
    ...extra,
  };
}
