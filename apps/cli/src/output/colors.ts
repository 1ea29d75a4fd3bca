import { createColors } from 'picocolors';
import type { OutputStream } from '../io.ts';

/** The colour functions the CLI uses; identity functions when colour is off. */
export type Colors = ReturnType<typeof createColors>;

/**
 * Colour only on a terminal, never when `NO_COLOR` is set (https://no-color.org: any
 * non-empty value) or `TERM=dumb`. `FORCE_COLOR` is deliberately not honoured: piped output
 * must stay clean for scripts.
 */
export function colorsFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): Colors {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return createColors(stream.isTTY === true && !noColor && env.TERM !== 'dumb');
}
