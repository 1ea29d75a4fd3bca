import type { Command } from 'commander';
import type { Backend } from './backends/backend.ts';
import { type DeploymentOptions, deploymentFrom, openBackend } from './backends/open.ts';
import { CliError } from './errors.ts';
import type { CliIo } from './io.ts';
import { type Colors, colorsFor } from './output/colors.ts';
import { toJsonText } from './output/format.ts';

/**
 * What every command gets: output with the right colours, JSON printing, and the backend
 * named by the global options, opened on first use and closed when the command ends.
 */
export class CommandContext {
  readonly io: CliIo;
  /** Colours for stdout and stderr, each decided by its own stream. */
  readonly colors: Colors;
  readonly errorColors: Colors;
  #backend: Promise<Backend> | undefined;

  constructor(io: CliIo) {
    this.io = io;
    this.colors = colorsFor(io.stdout, io.env);
    this.errorColors = colorsFor(io.stderr, io.env);
  }

  out(text: string): void {
    this.io.stdout.write(text);
  }

  /** Messages about the work (progress, notes): stderr, so stdout stays pipeable. */
  note(text: string): void {
    this.io.stderr.write(text);
  }

  json(value: unknown): void {
    this.io.stdout.write(toJsonText(value));
  }

  /** The deployment the global options (or environment) name. */
  backend(command: Command): Promise<Backend> {
    const flags = command.optsWithGlobals<DeploymentOptions>();
    this.#backend ??= openBackend(deploymentFrom(flags, this.io.env));
    return this.#backend;
  }

  /** The tenant `reference` names: its id, or else its exact name (case-insensitive). */
  async tenant(command: Command, reference: string): Promise<{ backend: Backend; tenantId: string }> {
    const backend = await this.backend(command);
    const byId = await backend.getTenant(reference);
    if (byId !== undefined) return { backend, tenantId: byId.id };
    const byName = (await backend.listTenants()).filter(
      (tenant) => tenant.name.toLowerCase() === reference.toLowerCase(),
    );
    if (byName.length === 1) return { backend, tenantId: byName[0]!.id };
    throw new CliError(`No tenant ${JSON.stringify(reference)} in ${backend.description}.`, {
      hint:
        byName.length > 1
          ? 'Several tenants have that name: use the id.'
          : 'List them with: scimkit tenant list',
    });
  }

  async close(): Promise<void> {
    const backend = this.#backend;
    this.#backend = undefined;
    if (backend !== undefined) await (await backend.catch(() => undefined))?.close();
  }
}
