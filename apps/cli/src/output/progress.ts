import cliProgress from 'cli-progress';
import type { OutputStream } from '../io.ts';
import { formatCount } from './format.ts';

/** Progress of a long write, reported per stage (`users`, `groups`, `memberships`). */
export interface Progress {
  /** Starts a stage of `total` units. */
  stage(name: string, total: number): void;
  /** `count` more units of the current stage are done. */
  advance(count: number): void;
  /** Ends the last stage and releases the terminal. */
  stop(): void;
}

/**
 * A real bar with rate and ETA on a terminal; on a pipe or in CI, one plain line per stage
 * and per tenth of it, so logs stay readable. `quiet` reports nothing.
 */
export function createProgress(
  stream: OutputStream,
  options: { quiet?: boolean; color?: boolean } = {},
): Progress {
  if (options.quiet === true) return { stage() {}, advance() {}, stop() {} };
  return stream.isTTY === true ? barProgress(stream, options.color === true) : lineProgress(stream);
}

function barProgress(stream: OutputStream, color: boolean): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let done = 0;
  const finish = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    stage(name, total) {
      finish();
      started = performance.now();
      done = 0;
      bar = new cliProgress.SingleBar(
        {
          stream: stream as unknown as NodeJS.WritableStream,
          format: `${name.padEnd(12)} {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
          barsize: 30,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
          barCompleteChar: color ? '█' : '#',
          barIncompleteChar: color ? '░' : '-',
          formatValue: (value, _options, type) =>
            type === 'value' || type === 'total' ? formatCount(value) : String(value),
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { rate: '0' });
    },
    advance(count) {
      done += count;
      const seconds = (performance.now() - started) / 1000;
      bar?.increment(count, { rate: formatCount(seconds > 0 ? done / seconds : 0) });
    },
    stop: finish,
  };
}

function lineProgress(stream: OutputStream): Progress {
  let name = '';
  let total = 0;
  let done = 0;
  let started = 0;
  let nextReport = 0;
  const report = (): void => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? ` (${formatCount(done / seconds)}/s)` : '';
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    stream.write(`${name}: ${formatCount(done)}/${formatCount(total)} ${percent}%${done > 0 ? rate : ''}\n`);
  };
  return {
    stage(stageName, stageTotal) {
      name = stageName;
      total = stageTotal;
      done = 0;
      started = performance.now();
      nextReport = Math.max(1, Math.ceil(stageTotal / 10));
      report();
    },
    advance(count) {
      done += count;
      if (done >= nextReport || done === total) {
        report();
        while (nextReport <= done) nextReport += Math.max(1, Math.ceil(total / 10));
      }
    },
    stop() {},
  };
}
