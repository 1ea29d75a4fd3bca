import Table from 'cli-table3';
import type { Colors } from './colors.ts';

/** Column alignment for `renderTable`. */
export type Align = 'left' | 'right';

/**
 * A boxed table. Headers are bold only when colour is on: cli-table3 colours headers red by
 * default, which must never reach a pipe or a `NO_COLOR` terminal.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  colors: Colors,
  align: readonly Align[] = [],
): string {
  const table = new Table({
    head: headers.map((header) => colors.bold(header)),
    style: { head: [], border: [], compact: false },
    colAligns: headers.map((_, index) => align[index] ?? 'left'),
  });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}
