import type { ScimEvent } from '@scimkit/schema';
import type { Command } from 'commander';
import type { Backend } from '../backends/backend.ts';
import type { CommandContext } from '../context.ts';
import { parseCount, parseDuration } from '../duration.ts';
import { formatTime } from '../output/format.ts';
import { renderTable } from '../output/table.ts';

interface EventsOptions {
  since: string;
  limit: string;
  follow?: boolean;
  interval: string;
  json?: boolean;
}

const PAGE = 1000;

/** `events`: a tenant's provisioning activity. */
export function registerEventsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('events')
    .description('show a tenant’s provisioning activity (creates, updates, deletes), oldest first')
    .argument('<tenant>', 'tenant id (or exact name)')
    .option('--since <sequence>', 'only events after this sequence number', '0')
    .option('--limit <n>', 'at most this many events (without --follow)', '100')
    .option('-f, --follow', 'keep watching and print new events as they happen (Ctrl-C to stop)')
    .option('--interval <duration>', 'how often --follow polls', '2s')
    .option('--json', 'print a JSON array (with --follow: one JSON object per line)')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db events contoso
  $ scimkit --db ./data/scim.db events contoso --since 1200 --limit 50 --json
  $ scimkit --server http://127.0.0.1:8080 --admin-token "$ADMIN_TOKEN" events contoso --follow`,
    )
    .action(async (reference: string, options: EventsOptions, command: Command) => {
      const since = parseCount(options.since, '--since', 0, Number.MAX_SAFE_INTEGER);
      const limit = parseCount(options.limit, '--limit', 1, 1_000_000);
      const intervalMs = parseDuration(options.interval, '--interval');
      const { backend, tenantId } = await ctx.tenant(command, reference);
      if (options.follow === true) {
        await follow(ctx, backend, tenantId, since, intervalMs, options.json === true);
        return;
      }
      const events: ScimEvent[] = [];
      let cursor = since;
      while (events.length < limit) {
        const page = await backend.events(tenantId, {
          since: cursor,
          limit: Math.min(PAGE, limit - events.length),
        });
        events.push(...page);
        if (page.length === 0) break;
        cursor = page.at(-1)!.sequence;
      }
      if (options.json === true) {
        ctx.json(events);
        return;
      }
      if (events.length === 0) {
        ctx.out(`No events in tenant ${tenantId}${since > 0 ? ` after sequence ${since}` : ''}.\n`);
        return;
      }
      ctx.out(
        renderTable(
          ['Seq', 'Time', 'Operation', 'Type', 'Resource', 'Changed', 'Request'],
          events.map(row),
          ctx.colors,
          ['right'],
        ),
      );
      const more = await backend.events(tenantId, { since: cursor, limit: 1 });
      if (more.length > 0)
        ctx.out(ctx.colors.dim(`More events follow: scimkit events ${tenantId} --since ${cursor}\n`));
    });
}

function row(event: ScimEvent): string[] {
  return [
    String(event.sequence),
    formatTime(event.time),
    event.operation,
    event.resourceType,
    event.resourceId,
    summarizeChanged(event.changed),
    event.requestId ?? '',
  ];
}

function summarizeChanged(changed: readonly string[]): string {
  const text = changed.join(', ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

async function follow(
  ctx: CommandContext,
  backend: Backend,
  tenantId: string,
  since: number,
  intervalMs: number,
  json: boolean,
): Promise<void> {
  const signal = ctx.io.signal;
  if (!json)
    ctx.note(ctx.errorColors.dim(`Following tenant ${tenantId} from sequence ${since} (Ctrl-C to stop)…\n`));
  let cursor = since;
  while (signal?.aborted !== true) {
    const page = await backend.events(tenantId, { since: cursor, limit: PAGE });
    for (const event of page) {
      if (json) ctx.out(`${JSON.stringify(event)}\n`);
      else {
        const [sequence, time, operation, type, id, changed] = row(event);
        ctx.out(
          `${ctx.colors.dim(`#${sequence}`)} ${time} ${ctx.colors.bold(operation!.padEnd(7))} ${type} ${id}${changed === '' ? '' : ` ${ctx.colors.dim(changed!)}`}\n`,
        );
      }
    }
    if (page.length > 0) cursor = page.at(-1)!.sequence;
    // A full page means more is waiting: read on without sleeping.
    if (page.length < PAGE) await sleep(intervalMs, signal);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
