import type { Colors } from '../output/colors.ts';
import { formatCount, formatMs } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import type { SimulationReport } from './run.ts';

/** The report as a table, the failures spelled out under it, and a one-line verdict. */
export function renderReport(report: SimulationReport, colors: Colors): string {
  const rows = report.shapes.map((shape) => [
    shape.failures > 0 ? colors.red(shape.shape) : shape.shape,
    formatCount(shape.count),
    shape.failures > 0 ? colors.red(formatCount(shape.failures)) : colors.dim('0'),
    formatMs(shape.p50Ms),
    formatMs(shape.p99Ms),
  ]);
  let text = renderTable(['Request shape', 'Count', 'Failures', 'p50', 'p99'], rows, colors, [
    'left',
    'right',
    'right',
    'right',
    'right',
  ]);
  const failing = report.shapes.filter((shape) => shape.failures > 0);
  if (failing.length > 0) {
    text += `\n${colors.bold('Failures')}\n`;
    for (const shape of failing) {
      text += `  ${colors.red('✖')} ${shape.shape}\n`;
      for (const problem of shape.problems) text += `      ${problem}\n`;
      if (shape.failures > shape.problems.length) {
        text += colors.dim(`      … and ${shape.failures - shape.problems.length} more\n`);
      }
    }
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  const throttled = report.throttled > 0 ? `, ${report.throttled} throttled (429) and retried` : '';
  text += '\n';
  if (report.aborted !== undefined) {
    text += `${colors.red('✖')} Stopped early: ${report.aborted}.\n`;
  }
  if (report.ok) {
    text += `${colors.green('✔')} ${formatCount(report.requests)} requests in ${seconds} s${throttled}: every answer is what Entra needs.\n`;
  } else {
    text += `${colors.red('✖')} ${formatCount(report.failures)} failed check${report.failures === 1 ? '' : 's'} in ${failing.length} request shape${failing.length === 1 ? '' : 's'} (${formatCount(report.requests)} requests in ${seconds} s${throttled}).\n`;
  }
  return text;
}
