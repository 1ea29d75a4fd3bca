import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { parseCount, parseDuration } from '../duration.ts';
import { CliError, EXIT, usageError } from '../errors.ts';
import { createProgress } from '../output/progress.ts';

interface SimulateOptions {
  url?: string;
  token?: string;
  users: string;
  groups: string;
  dialect: string;
  concurrency: string;
  maxRequests: string;
  timeout: string;
  keep?: boolean;
  json?: boolean;
}

/** `simulate`: Entra's provisioning client against any SCIM endpoint. */
export function registerSimulateCommand(program: Command, ctx: CommandContext): void {
  program
    .command('simulate')
    .description('provision into any SCIM endpoint the way Microsoft Entra ID does, and check every answer')
    .option('--url <tenantUrl>', 'the Tenant URL, as you would paste it into Entra (env: SCIMKIT_TENANT_URL)')
    .option('--token <secret>', 'the Secret Token (env: SCIMKIT_TOKEN)')
    .option('--users <n>', 'users to provision (1–5000)', '20')
    .option('--groups <n>', 'groups to provision (0–500)', '4')
    .option('--dialect <dialect>', 'Entra PATCH dialect: default, compliant or both', 'both')
    .option('--concurrency <n>', 'requests in flight at once (1–32)', '4')
    .option('--max-requests <n>', 'stop (and fail) after this many requests', '10000')
    .option('--timeout <duration>', 'per-request timeout', '30s')
    .option('--keep', 'leave the simulated users and groups behind if the run stops early')
    .option('--json', 'print a machine-readable report')
    .addHelpText(
      'after',
      `
It sends every request shape Entra sends: Test Connection probes, lookup-then-create,
updates in both dialects, manager links, disable and re-enable, groups, membership add and
remove in both forms, renames and deletes, and checks each answer as Entra would. It only
talks to the given URL, creates users named sim-<run>-N@simulate.example, and deletes
everything it created. Exit code 0 when every check passed, 1 otherwise.

Examples:
  $ scimkit simulate --url http://localhost:8080/scim/contoso/v2 --token "$TOKEN"
  $ scimkit simulate --url https://app.example.com/scim/v2 --token "$TOKEN" --users 200 --groups 20 --concurrency 8
  $ SCIMKIT_TENANT_URL=… SCIMKIT_TOKEN=… scimkit simulate --dialect compliant --json > report.json`,
    )
    .action(async (options: SimulateOptions) => {
      const url = options.url ?? nonEmpty(ctx.io.env.SCIMKIT_TENANT_URL);
      const token = options.token ?? nonEmpty(ctx.io.env.SCIMKIT_TOKEN);
      if (url === undefined) throw usageError('simulate needs --url <Tenant URL> (or SCIMKIT_TENANT_URL).');
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
        throw usageError(
          `--url: expected an http(s) Tenant URL, found ${JSON.stringify(url)}.`,
          'Example: --url http://localhost:8080/scim/contoso/v2',
        );
      }
      if (token === undefined) throw usageError('simulate needs --token <Secret Token> (or SCIMKIT_TOKEN).');
      if (!['default', 'compliant', 'both'].includes(options.dialect)) {
        throw usageError(
          `--dialect: expected default, compliant or both, found ${JSON.stringify(options.dialect)}.`,
        );
      }
      const users = parseCount(options.users, '--users', 1, 5000);
      const groups = parseCount(options.groups, '--groups', 0, 500);
      const concurrency = parseCount(options.concurrency, '--concurrency', 1, 32);
      const maxRequests = parseCount(options.maxRequests, '--max-requests', 1, 1_000_000);
      const timeoutMs = parseDuration(options.timeout, '--timeout');
      const { estimateRequests, runSimulation } = await import('../simulate/run.ts');
      const estimate = estimateRequests(users, groups);
      if (estimate > maxRequests) {
        throw usageError(
          `--users ${users} --groups ${groups} needs up to ${estimate.toLocaleString('en-US')} requests, more than --max-requests ${maxRequests.toLocaleString('en-US')}.`,
          'Simulate fewer users or groups, or raise --max-requests.',
        );
      }
      const progress = createProgress(ctx.io.stderr, {
        quiet: options.json === true || ctx.io.stderr.isTTY !== true,
        color: ctx.errorColors.isColorSupported,
      });
      const simulationOptions: Parameters<typeof runSimulation>[0] = {
        tenantUrl: url,
        token,
        users,
        groups,
        dialect: options.dialect as 'default' | 'compliant' | 'both',
        concurrency,
        maxRequests,
        timeoutMs,
        keep: options.keep === true,
        onPhase: (name, items) => progress.stage(name, items),
        onItem: () => progress.advance(1),
      };
      if (ctx.io.signal !== undefined) simulationOptions.signal = ctx.io.signal;
      const report = await runSimulation(simulationOptions).finally(() => progress.stop());
      if (options.json === true) ctx.json(report);
      else {
        const { renderReport } = await import('../simulate/report.ts');
        ctx.out(renderReport(report, ctx.colors));
      }
      if (!report.ok) throw new CliError('', { exitCode: EXIT.failure });
    });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
