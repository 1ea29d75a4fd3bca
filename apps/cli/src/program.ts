import { Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { registerEventsCommand } from './commands/events.ts';
import { registerSeedCommand } from './commands/seed.ts';
import { registerSimulateCommand } from './commands/simulate.ts';
import { registerTenantCommands } from './commands/tenant.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerTransferCommands } from './commands/transfer.ts';
import type { CommandContext } from './context.ts';

// Bundled at build time, so `--version` can never disagree with the published package.
const VERSION: string = packageJson.version;

/** Builds the `scimkit` command tree. A fresh tree per run: commander keeps parse state on it. */
export function createProgram(ctx: CommandContext): Command {
  const program = new Command('scimkit')
    .description(
      'Operate scimkit deployments and test SCIM endpoints the way Microsoft Entra ID provisions them.',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(new Option('--db <path>', 'work directly on this SQLite database file (env: SCIMKIT_DB)'))
    .addOption(new Option('--server <url>', 'work through this server’s admin API (env: SCIMKIT_SERVER)'))
    .addOption(
      new Option(
        '--admin-token <token>',
        'the server’s ADMIN_TOKEN, with --server (env: SCIMKIT_ADMIN_TOKEN)',
      ),
    )
    .addOption(
      new Option(
        '--public-url <url>',
        'with --db: the base URL Tenant URLs are built on (env: SCIMKIT_PUBLIC_URL, PUBLIC_URL)',
      ).default(undefined, 'http://localhost:8080'),
    )
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      // Commander would ask the process's streams; the injected ones (and NO_COLOR) decide.
      getOutHasColors: () => ctx.colors.isColorSupported,
      getErrHasColors: () => ctx.errorColors.isColorSupported,
      outputError: (text, write) => write(ctx.errorColors.red(text)),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Two ways to reach a deployment, same commands:
  --db ./data/scim.db                          the database file (the server may be running)
  --server URL --admin-token TOKEN             a running server's admin API

Examples:
  $ scimkit --db ./data/scim.db tenant create "Contoso"
  $ scimkit --db ./data/scim.db seed contoso --users 500 --groups 25
  $ scimkit --db ./data/scim.db events contoso --follow
  $ scimkit simulate --url http://localhost:8080/scim/contoso/v2 --token "$TOKEN"

Exit codes: 0 success, 1 failure (or a failed simulation check), 2 usage error.
Colours only on a terminal, never with NO_COLOR. SCIMKIT_DEBUG=1 shows stack traces.`,
    );
  registerTenantCommands(program, ctx);
  registerTokenCommands(program, ctx);
  registerSeedCommand(program, ctx);
  registerEventsCommand(program, ctx);
  registerSimulateCommand(program, ctx);
  registerTransferCommands(program, ctx);
  return program;
}
