import { type EventEmitter, once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { formatCount } from '../output/format.ts';
import { createProgress } from '../output/progress.ts';

/** `export` and `import`: a tenant as NDJSON. */
export function registerTransferCommands(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('write a tenant’s users, groups and memberships as NDJSON (backup, moving deployments)')
    .argument('<tenant>', 'tenant id (or exact name)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
One JSON object per line: a header, then users, groups and memberships. Ids are the
source tenant's; import maps them to new ones.

Examples:
  $ scimkit --db ./data/scim.db export contoso > contoso.ndjson
  $ scimkit --server https://scim.example.com --admin-token "$ADMIN_TOKEN" export contoso -o contoso.ndjson`,
    )
    .action(async (reference: string, options: { output?: string }, command: Command) => {
      const { backend, tenantId } = await ctx.tenant(command, reference);
      const tenant = (await backend.getTenant(tenantId))!;
      const { exportTenant } = await import('../transfer/export.ts');
      const directory = await backend.openDirectory(tenantId);
      const file = options.output === undefined ? undefined : createWriteStream(options.output);
      const sink: Pick<Writable, 'write'> | typeof ctx.io.stdout = file ?? ctx.io.stdout;
      try {
        const counts = await exportTenant(tenant, directory, async (record) => {
          const ok = sink.write(`${JSON.stringify(record)}\n`);
          // Respect backpressure on files and pipes so a large tenant never piles up in memory.
          if (ok === false && typeof (sink as Partial<EventEmitter>).once === 'function') {
            await once(sink as unknown as EventEmitter, 'drain');
          }
        });
        if (file !== undefined) {
          file.end();
          await once(file, 'finish');
        }
        ctx.note(
          `${ctx.errorColors.green('✔')} Exported ${formatCount(counts.users)} users, ${formatCount(counts.groups)} groups and ` +
            `${formatCount(counts.memberships)} memberships of tenant ${tenantId}${options.output === undefined ? '' : ` to ${options.output}`}.\n`,
        );
      } finally {
        file?.destroy();
        await directory.close();
      }
    });

  program
    .command('import')
    .description('import an NDJSON export into a tenant (idempotent: existing users and groups are kept)')
    .argument('<tenant>', 'tenant id (or exact name)')
    .argument('[file]', 'the export to read (default: stdin)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Users are matched by userName and groups by displayName: those that exist are kept as
they are, the rest are created with new ids; manager links and memberships are remapped.
Running the same import twice changes nothing the second time.

Examples:
  $ scimkit --db ./data/scim.db tenant create "Contoso (copy)" --id contoso-copy
  $ scimkit --db ./data/scim.db import contoso-copy contoso.ndjson
  $ scimkit --db ./old.db export contoso | scimkit --db ./new.db import contoso`,
    )
    .action(
      async (reference: string, file: string | undefined, options: { json?: boolean }, command: Command) => {
        const { backend, tenantId } = await ctx.tenant(command, reference);
        const { parseExport, importTenant } = await import('../transfer/import.ts');
        const input = file === undefined || file === '-' ? ctx.io.stdin : openFile(file);
        if (input === ctx.io.stdin && ctx.io.stdin.isTTY === true) {
          throw new CliError('import reads an export from a file or stdin, and stdin is a terminal.', {
            hint: `Example: scimkit import ${tenantId} contoso.ndjson`,
          });
        }
        const data = parseExport(await readLines(input, file));
        const directory = await backend.openDirectory(tenantId);
        const progress = createProgress(ctx.io.stderr, {
          quiet: options.json === true,
          color: ctx.errorColors.isColorSupported,
        });
        try {
          const result = await importTenant(directory, data, progress);
          if (options.json === true) ctx.json({ tenant: tenantId, ...result });
          else {
            ctx.out(
              `${ctx.colors.green('✔')} Imported into tenant ${tenantId}: ` +
                `${formatCount(result.usersCreated)} users created (${formatCount(result.usersExisting)} already there), ` +
                `${formatCount(result.groupsCreated)} groups created (${formatCount(result.groupsExisting)} already there), ` +
                `${formatCount(result.memberships)} memberships.\n`,
            );
          }
        } finally {
          progress.stop();
          await directory.close();
        }
      },
    );
}

function openFile(path: string): Readable {
  return createReadStream(path, { encoding: 'utf8' });
}

async function readLines(input: Readable, file: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }))
      lines.push(line);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(`Could not read ${file ?? 'stdin'}${code === undefined ? '' : ` (${code})`}.`, {
      cause: error,
    });
  }
  return lines;
}
