import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { parseDuration } from '../duration.ts';
import { CliError } from '../errors.ts';
import { confirmDestructive } from '../output/confirm.ts';
import { formatTime } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import { printCredentials } from './credentials.ts';

interface CreateOptions {
  id?: string;
  expires?: string;
  json?: boolean;
}

/** `tenant create | list | delete`. */
export function registerTenantCommands(program: Command, ctx: CommandContext): void {
  const tenant = program
    .command('tenant')
    .description('create, list and delete tenants (one customer directory, one Tenant URL each)')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db tenant create "Contoso"
  $ scimkit --server https://scim.example.com --admin-token "$ADMIN_TOKEN" tenant list
  $ scimkit --db ./data/scim.db tenant delete contoso --yes`,
    );

  tenant
    .command('create')
    .description('create a tenant and print its Tenant URL and Secret Token for Entra')
    .argument('<name>', 'display name, e.g. "Contoso Ltd"')
    .option('--id <id>', 'URL-safe tenant id (default: derived from the name)')
    .option('--expires <duration>', 'token lifetime, e.g. 90d, 12h (default: never expires)')
    .option('--json', 'print {tenant, tenantUrl, secretToken, token} as JSON')
    .addHelpText(
      'after',
      `
The Secret Token is shown once: the deployment keeps only its hash.

Examples:
  $ scimkit --db ./data/scim.db tenant create "Contoso Ltd"
  $ scimkit --db ./data/scim.db --public-url https://scim.example.com tenant create Contoso --id contoso --expires 365d
  $ scimkit --server http://127.0.0.1:8080 --admin-token "$ADMIN_TOKEN" tenant create Fabrikam --json`,
    )
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const expiresAt =
        options.expires === undefined
          ? undefined
          : new Date(Date.now() + parseDuration(options.expires, '--expires'));
      const backend = await ctx.backend(command);
      const input: { name: string; id?: string } = { name };
      if (options.id !== undefined) input.id = options.id;
      const created = await backend.createTenant(input);
      const tokenOptions: { description: string; expiresAt?: Date } = { description: 'Entra provisioning' };
      if (expiresAt !== undefined) tokenOptions.expiresAt = expiresAt;
      const issued = await backend.issueToken(created.id, tokenOptions);
      if (options.json === true) {
        const { tenantUrl, ...record } = created;
        ctx.json({ tenant: record, tenantUrl, secretToken: issued.secret, token: issued.token });
        return;
      }
      ctx.out(
        `${ctx.colors.green('✔')} Tenant ${ctx.colors.bold(created.name)} created (id ${created.id}) in ${backend.description}.\n\n`,
      );
      printCredentials(ctx, created.tenantUrl, issued, backend.tenantUrlNote);
    });

  tenant
    .command('list')
    .description('list tenants with their Tenant URLs')
    .option('--json', 'print the tenants as a JSON array')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db tenant list
  $ SCIMKIT_SERVER=http://127.0.0.1:8080 SCIMKIT_ADMIN_TOKEN=… scimkit tenant list --json`,
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const tenants = await (await ctx.backend(command)).listTenants();
      if (options.json === true) {
        ctx.json(tenants);
        return;
      }
      if (tenants.length === 0) {
        ctx.out('No tenants yet. Create one with: scimkit tenant create <name>\n');
        return;
      }
      ctx.out(
        renderTable(
          ['Id', 'Name', 'Created', 'Tenant URL'],
          tenants.map((record) => [record.id, record.name, formatTime(record.createdAt), record.tenantUrl]),
          ctx.colors,
        ),
      );
    });

  tenant
    .command('delete')
    .description('delete a tenant with all its users, groups, tokens and events')
    .argument('<tenant>', 'tenant id (or exact name)')
    .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db tenant delete contoso
  $ scimkit --db ./data/scim.db tenant delete contoso --yes`,
    )
    .action(async (reference: string, options: { yes?: boolean }, command: Command) => {
      const { backend, tenantId } = await ctx.tenant(command, reference);
      const confirmed = await confirmDestructive(
        ctx.io,
        `Delete tenant ${tenantId} and all its users, groups, tokens and events?`,
        options.yes === true,
      );
      if (!confirmed) throw new CliError('Cancelled: nothing was deleted.');
      if (!(await backend.deleteTenant(tenantId)))
        throw new CliError(`No tenant ${JSON.stringify(tenantId)} in ${backend.description}.`);
      ctx.out(`${ctx.colors.green('✔')} Tenant ${tenantId} deleted.\n`);
    });
}
