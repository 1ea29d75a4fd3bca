import type { TokenInfo } from '@scimkit/schema';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { parseDuration } from '../duration.ts';
import { CliError } from '../errors.ts';
import { formatTime } from '../output/format.ts';
import { renderTable } from '../output/table.ts';
import { printCredentials } from './credentials.ts';

/** A token's state at `now`. */
export function tokenStatus(token: TokenInfo, now: Date = new Date()): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt !== undefined) return 'revoked';
  if (token.expiresAt !== undefined && new Date(token.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** `token issue | list | revoke | rotate`. */
export function registerTokenCommands(program: Command, ctx: CommandContext): void {
  const token = program
    .command('token')
    .description('issue, list, revoke and rotate a tenant’s Secret Tokens')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db token issue contoso --expires 90d
  $ scimkit --db ./data/scim.db token list contoso
  $ scimkit --db ./data/scim.db token rotate contoso --grace 7d`,
    );

  token
    .command('issue')
    .description('issue a new Secret Token (shown once)')
    .argument('<tenant>', 'tenant id (or exact name)')
    .option('--expires <duration>', 'lifetime, e.g. 90d, 12h, 2w (default: never expires)')
    .option('--description <text>', 'what the token is for', 'Entra provisioning')
    .option('--json', 'print {tenantUrl, secretToken, token} as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db token issue contoso
  $ scimkit --db ./data/scim.db token issue contoso --expires 90d --description "Entra (staging)"
  $ scimkit --server http://127.0.0.1:8080 --admin-token "$ADMIN_TOKEN" token issue contoso --json`,
    )
    .action(
      async (
        reference: string,
        options: { expires?: string; description: string; json?: boolean },
        command: Command,
      ) => {
        const expiresAt =
          options.expires === undefined
            ? undefined
            : new Date(Date.now() + parseDuration(options.expires, '--expires'));
        const { backend, tenantId } = await ctx.tenant(command, reference);
        const tokenOptions: { description: string; expiresAt?: Date } = { description: options.description };
        if (expiresAt !== undefined) tokenOptions.expiresAt = expiresAt;
        const issued = await backend.issueToken(tenantId, tokenOptions);
        const tenantUrl = (await backend.getTenant(tenantId))?.tenantUrl ?? '';
        if (options.json === true) {
          ctx.json({ tenantUrl, secretToken: issued.secret, token: issued.token });
          return;
        }
        printCredentials(ctx, tenantUrl, issued, backend.tenantUrlNote);
      },
    );

  token
    .command('list')
    .description('list a tenant’s tokens (never their secrets): created, expires, last used')
    .argument('<tenant>', 'tenant id (or exact name)')
    .option('--json', 'print the tokens as a JSON array (each with its status)')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db token list contoso
  $ scimkit --db ./data/scim.db token list contoso --json`,
    )
    .action(async (reference: string, options: { json?: boolean }, command: Command) => {
      const { backend, tenantId } = await ctx.tenant(command, reference);
      const tokens = await backend.listTokens(tenantId);
      const now = new Date();
      if (options.json === true) {
        ctx.json(tokens.map((info) => ({ ...info, status: tokenStatus(info, now) })));
        return;
      }
      if (tokens.length === 0) {
        ctx.out(`Tenant ${tenantId} has no tokens. Issue one with: scimkit token issue ${tenantId}\n`);
        return;
      }
      const paint = (status: ReturnType<typeof tokenStatus>): string =>
        status === 'active' ? ctx.colors.green(status) : ctx.colors.dim(status);
      ctx.out(
        renderTable(
          ['Id', 'Description', 'Created', 'Expires', 'Last used', 'Status'],
          tokens.map((info) => [
            info.id,
            info.description ?? '',
            formatTime(info.createdAt),
            info.expiresAt === undefined ? 'never' : formatTime(info.expiresAt),
            info.lastUsedAt === undefined ? 'never' : formatTime(info.lastUsedAt),
            paint(tokenStatus(info, now)),
          ]),
          ctx.colors,
        ),
      );
    });

  token
    .command('revoke')
    .description('revoke a token at once: Entra using it gets 401 from the next request on')
    .argument('<tenant>', 'tenant id (or exact name)')
    .argument('<tokenId>', 'the token’s id (see token list)')
    .addHelpText(
      'after',
      `
Examples:
  $ scimkit --db ./data/scim.db token revoke contoso 3f1c…`,
    )
    .action(async (reference: string, tokenId: string, _options: unknown, command: Command) => {
      const { backend, tenantId } = await ctx.tenant(command, reference);
      if (!(await backend.revokeToken(tenantId, tokenId))) {
        throw new CliError(`Tenant ${tenantId} has no token ${JSON.stringify(tokenId)}.`, {
          hint: `List them with: scimkit token list ${tenantId}`,
        });
      }
      ctx.out(`${ctx.colors.green('✔')} Token ${tokenId} of tenant ${tenantId} revoked.\n`);
    });

  token
    .command('rotate')
    .description('issue a new token; the old one(s) stay valid for a grace period, then expire')
    .argument('<tenant>', 'tenant id (or exact name)')
    .argument('[tokenId]', 'the token to retire (default: every active token)')
    .option('--grace <duration>', 'how long the old token keeps working', '7d')
    .option('--expires <duration>', 'lifetime of the new token (default: never expires)')
    .option('--json', 'print {tenantUrl, secretToken, token, retired} as JSON')
    .addHelpText(
      'after',
      `
Paste the new Secret Token into Entra during the grace period; the old one stops working after it.

Examples:
  $ scimkit --db ./data/scim.db token rotate contoso
  $ scimkit --db ./data/scim.db token rotate contoso 3f1c… --grace 24h --expires 90d`,
    )
    .action(
      async (
        reference: string,
        tokenId: string | undefined,
        options: { grace: string; expires?: string; json?: boolean },
        command: Command,
      ) => {
        const graceMs = parseDuration(options.grace, '--grace');
        const expiresAt =
          options.expires === undefined
            ? undefined
            : new Date(Date.now() + parseDuration(options.expires, '--expires'));
        const { backend, tenantId } = await ctx.tenant(command, reference);
        const now = new Date();
        const existing = (await backend.listTokens(tenantId)).filter(
          (info) => tokenStatus(info, now) === 'active',
        );
        const retiring = tokenId === undefined ? existing : existing.filter((info) => info.id === tokenId);
        if (tokenId !== undefined && retiring.length === 0) {
          throw new CliError(`Tenant ${tenantId} has no active token ${JSON.stringify(tokenId)}.`, {
            hint: `List them with: scimkit token list ${tenantId}`,
          });
        }
        const tokenOptions: { description: string; expiresAt?: Date } = {
          description: 'Entra provisioning (rotated)',
        };
        if (expiresAt !== undefined) tokenOptions.expiresAt = expiresAt;
        const issued = await backend.issueToken(tenantId, tokenOptions);
        const graceEnd = new Date(now.getTime() + graceMs);
        const retired: { id: string; expiresAt: string }[] = [];
        for (const info of retiring) {
          // Never extend a token that would expire sooner anyway.
          const current = info.expiresAt === undefined ? undefined : new Date(info.expiresAt);
          const until = current !== undefined && current < graceEnd ? current : graceEnd;
          await backend.expireToken(tenantId, info.id, until);
          retired.push({ id: info.id, expiresAt: until.toISOString() });
        }
        const tenantUrl = (await backend.getTenant(tenantId))?.tenantUrl ?? '';
        if (options.json === true) {
          ctx.json({ tenantUrl, secretToken: issued.secret, token: issued.token, retired });
          return;
        }
        printCredentials(ctx, tenantUrl, issued, backend.tenantUrlNote);
        for (const old of retired)
          ctx.out(`Old token ${old.id} keeps working until ${formatTime(old.expiresAt)}.\n`);
        if (retired.length === 0) ctx.out('There was no active token to retire.\n');
      },
    );
}
