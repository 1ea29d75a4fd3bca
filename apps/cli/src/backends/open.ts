import { CliError, usageError } from '../errors.ts';
import type { Backend } from './backend.ts';

/** Where the deployment is, from flags or environment. */
export interface DeploymentOptions {
  db?: string;
  server?: string;
  adminToken?: string;
  publicUrl?: string;
}

/** Flags win over the environment: `SCIMKIT_DB`, `SCIMKIT_SERVER`, `SCIMKIT_ADMIN_TOKEN`, `SCIMKIT_PUBLIC_URL`. */
export function deploymentFrom(
  flags: DeploymentOptions,
  env: Readonly<Record<string, string | undefined>>,
): DeploymentOptions {
  const pick = (flag: string | undefined, ...names: string[]): string | undefined => {
    if (flag !== undefined && flag !== '') return flag;
    for (const name of names) {
      const value = env[name]?.trim();
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const options: DeploymentOptions = {};
  // A mode chosen by flag ignores the environment's mode, so `--db x` works with SCIMKIT_SERVER set.
  const byFlag = nonEmpty(flags.db) !== undefined || nonEmpty(flags.server) !== undefined;
  const db = byFlag ? nonEmpty(flags.db) : pick(undefined, 'SCIMKIT_DB');
  const server = byFlag ? nonEmpty(flags.server) : pick(undefined, 'SCIMKIT_SERVER');
  const adminToken = pick(flags.adminToken, 'SCIMKIT_ADMIN_TOKEN');
  const publicUrl = pick(flags.publicUrl, 'SCIMKIT_PUBLIC_URL', 'PUBLIC_URL');
  if (db !== undefined) options.db = db;
  if (server !== undefined) options.server = server;
  if (adminToken !== undefined) options.adminToken = adminToken;
  if (publicUrl !== undefined) options.publicUrl = publicUrl;
  return options;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

const CHOOSE_HINT =
  'Use --db ./data/scim.db to work on a database file, or --server https://scim.example.com --admin-token … to go through a running server (or set SCIMKIT_DB, or SCIMKIT_SERVER and SCIMKIT_ADMIN_TOKEN).';

/** Opens the backend the options name: a database file or a server's admin API. */
export async function openBackend(options: DeploymentOptions): Promise<Backend> {
  if (options.db !== undefined && options.server !== undefined) {
    throw usageError('Choose one deployment: --db and --server were both given.', CHOOSE_HINT);
  }
  if (options.server !== undefined) {
    if (!URL.canParse(options.server) || !/^https?:$/.test(new URL(options.server).protocol)) {
      throw usageError(
        `--server: expected an http(s) URL, found ${JSON.stringify(options.server)}.`,
        'Example: --server http://127.0.0.1:8080',
      );
    }
    if (options.adminToken === undefined) {
      throw usageError(
        '--server needs the admin token.',
        'Pass --admin-token or set SCIMKIT_ADMIN_TOKEN to the server’s ADMIN_TOKEN.',
      );
    }
    const { AdminApiBackend } = await import('./admin-api.ts');
    return new AdminApiBackend({ serverUrl: options.server, adminToken: options.adminToken });
  }
  if (options.db !== undefined) {
    const publicUrl = options.publicUrl;
    if (publicUrl !== undefined && !URL.canParse(publicUrl)) {
      throw usageError(
        `--public-url: expected an absolute URL, found ${JSON.stringify(publicUrl)}.`,
        'Example: --public-url https://scim.example.com',
      );
    }
    const [{ DatabaseBackend }, { openStoreAt }] = await Promise.all([
      import('./database.ts'),
      import('./open-store.ts'),
    ]);
    const store = await openStoreAt(options.db);
    return new DatabaseBackend(
      store,
      publicUrl === undefined ? { path: options.db } : { path: options.db, publicUrl },
    );
  }
  throw new CliError('No deployment given.', { exitCode: 2, hint: CHOOSE_HINT });
}
