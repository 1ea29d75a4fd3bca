import { isScimError } from '@scimkit/schema';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { parseCount } from '../duration.ts';
import { CliError } from '../errors.ts';
import { formatCount } from '../output/format.ts';
import { createProgress } from '../output/progress.ts';

interface SeedOptions {
  users: string;
  groups: string;
  seed: string;
  locale: string;
  domain?: string;
  json?: boolean;
}

/** `seed`: a believable organisation in a tenant. */
export function registerSeedCommand(program: Command, ctx: CommandContext): void {
  program
    .command('seed')
    .description('fill a tenant with a believable organisation (deterministic for a given --seed)')
    .argument('<tenant>', 'tenant id (or exact name)')
    .option('--users <n>', 'number of users', '100')
    .option('--groups <n>', 'number of groups (departments, then offices, then projects)', '10')
    .option('--seed <n>', 'random seed: the same seed gives the same organisation', '1')
    .option(
      '--locale <locale>',
      'faker locale for names, addresses and phones (en_US, en_GB, de, fr, ja, …)',
      'en_US',
    )
    .option('--domain <domain>', 'mail domain of userNames and work emails (default: from the company name)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Every user but the CEO has a manager in the tenant; userNames are work emails; a few
accounts are inactive. On a database file users are written in batched transactions;
through a server they go through the tenant's SCIM endpoint (/Bulk when offered).

Examples:
  $ scimkit --db ./data/scim.db seed contoso --users 500 --groups 25
  $ scimkit --db ./data/scim.db seed contoso --users 100000 --groups 200 --seed 7 --locale de
  $ scimkit --server http://127.0.0.1:8080 --admin-token "$ADMIN_TOKEN" seed fabrikam --users 50 --json`,
    )
    .action(async (reference: string, options: SeedOptions, command: Command) => {
      const users = parseCount(options.users, '--users', 1, 1_000_000);
      const groups = parseCount(options.groups, '--groups', 0, 100_000);
      const seed = parseCount(options.seed, '--seed', 0, Number.MAX_SAFE_INTEGER);
      const { backend, tenantId } = await ctx.tenant(command, reference);
      const { generateOrganization } = await import('../seed/organization.ts');
      const { writeOrganization } = await import('../seed/write.ts');
      const generateStarted = performance.now();
      const organizationOptions: Parameters<typeof generateOrganization>[0] = {
        users,
        groups,
        seed,
        locale: options.locale,
      };
      if (options.domain !== undefined) organizationOptions.domain = options.domain;
      const organization = generateOrganization(organizationOptions);
      const generateMs = performance.now() - generateStarted;

      const directory = await backend.openDirectory(tenantId);
      const progress = createProgress(ctx.io.stderr, { color: ctx.errorColors.isColorSupported });
      let result: Awaited<ReturnType<typeof writeOrganization>>;
      try {
        result = await writeOrganization(directory, organization, progress);
      } catch (error) {
        progress.stop();
        if (isScimError(error) && error.status === 409) {
          throw new CliError(`Tenant ${tenantId} already holds part of this organisation: ${error.detail}`, {
            hint: 'Seed an empty tenant, or pick another --seed or --domain.',
          });
        }
        throw error;
      } finally {
        await directory.close();
      }
      const summary = {
        tenant: tenantId,
        company: organization.company,
        domain: organization.domain,
        seed,
        locale: options.locale,
        ...result,
        generateMs: Math.round(generateMs),
        writeMs: Math.round(result.writeMs),
      };
      if (options.json === true) {
        ctx.json(summary);
        return;
      }
      const seconds = (generateMs + result.writeMs) / 1000;
      ctx.out(
        `${ctx.colors.green('✔')} Seeded tenant ${tenantId} with ${ctx.colors.bold(organization.company)} (@${organization.domain}):\n` +
          `  ${formatCount(result.users)} users (${formatCount(result.inactiveUsers)} inactive), ` +
          `${formatCount(result.managerLinks)} manager links, ${formatCount(result.groups)} groups, ` +
          `${formatCount(result.memberships)} memberships\n` +
          `  in ${seconds.toFixed(1)} s (${formatCount(result.users / Math.max(seconds, 0.001))} users/s)\n`,
      );
    });
}
