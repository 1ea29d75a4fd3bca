import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URN } from '@scimkit/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capture, json, type RunOptions, type RunResult, temporaryDirectory } from './helpers.ts';

/** One way of reaching a deployment, as a suite needs it. */
export interface Deployment {
  /** Runs `scimkit` against this deployment. */
  cli(args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Whether `secret` authenticates for `tenantId` on this deployment. */
  tokenWorks(tenantId: string, secret: string): Promise<boolean>;
  close(): Promise<void>;
}

interface Created {
  tenant: { id: string; name: string };
  tenantUrl: string;
  secretToken: string;
  token: { id: string; expiresAt?: string };
}

interface TokenRow {
  id: string;
  status: string;
  expiresAt?: string;
  secret?: unknown;
}

/** A tenant export reduced to what must survive a move: no ids, links by userName. */
export function normalizeExport(ndjson: string): unknown {
  const records = ndjson
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          type: string;
          id?: string;
          resource?: Record<string, unknown>;
          group?: string;
          member?: string;
        },
    );
  const userNames = new Map(
    records.filter((r) => r.type === 'user').map((r) => [r.id, r.resource!.userName as string]),
  );
  const users = records
    .filter((record) => record.type === 'user')
    .map((record) => {
      const resource = structuredClone(record.resource!);
      const enterprise = resource[URN.EnterpriseUser] as
        | { manager?: { value?: string; $ref?: string; displayName?: string } }
        | undefined;
      if (enterprise?.manager !== undefined)
        enterprise.manager = { value: userNames.get(enterprise.manager.value) ?? '?' };
      return resource;
    })
    .sort((a, b) => String(a.userName).localeCompare(String(b.userName)));
  const members = new Map<string, string[]>();
  for (const record of records.filter((r) => r.type === 'membership')) {
    members.set(record.group!, [...(members.get(record.group!) ?? []), userNames.get(record.member!) ?? '?']);
  }
  const groups = records
    .filter((record) => record.type === 'group')
    .map(
      (record): Record<string, unknown> => ({
        ...record.resource,
        members: (members.get(record.id!) ?? []).sort(),
      }),
    )
    .sort((a, b) => String(a.displayName).localeCompare(String(b.displayName)));
  return { users, groups };
}

/** Every command of the CLI against one kind of deployment. */
export function describeCommands(label: string, open: (directory: string) => Promise<Deployment>): void {
  describe(`commands against ${label}`, () => {
    let directory: ReturnType<typeof temporaryDirectory>;
    let deployment: Deployment;
    const cli = (...args: string[]) => deployment.cli(args);

    beforeAll(async () => {
      directory = temporaryDirectory();
      deployment = await open(directory.path);
    });

    afterAll(async () => {
      await deployment?.close();
      directory?.remove();
    });

    describe('tenant', () => {
      it('creates a tenant and prints the Tenant URL and Secret Token as Entra labels them', async () => {
        const result = await cli('tenant', 'create', 'Contoso Ltd', '--id', 'contoso');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^ {2}Tenant URL {4}https?:\/\/\S+\/scim\/contoso\/v2$/m);
        const secret = /^ {2}Secret Token {2}(\S+)$/m.exec(result.stdout)?.[1];
        expect(secret).toBeDefined();
        expect(result.stdout).toContain('The Secret Token is shown only this once.');
        expect(await deployment.tokenWorks('contoso', secret!)).toBe(true);
      });

      it('creates with --json and an expiring token', async () => {
        const created = json<Created>(
          await cli('tenant', 'create', 'Fabrikam', '--expires', '30d', '--json'),
        );
        expect(created.tenant).toMatchObject({ id: 'fabrikam', name: 'Fabrikam' });
        expect(created.tenantUrl).toMatch(/\/scim\/fabrikam\/v2$/);
        const days = (Date.parse(created.token.expiresAt!) - Date.now()) / 86_400_000;
        expect(days).toBeGreaterThan(29.9);
        expect(days).toBeLessThanOrEqual(30);
        expect(await deployment.tokenWorks('fabrikam', created.secretToken)).toBe(true);
      });

      it('refuses a duplicate tenant id with a clear error and no stack trace', async () => {
        const result = await cli('tenant', 'create', 'Again', '--id', 'contoso');
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^error: .*contoso/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      });

      it('lists tenants as a table and as JSON', async () => {
        const table = await cli('tenant', 'list');
        expect(table.stdout).toMatch(
          /│ contoso\s+│ Contoso Ltd\s+│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ │ https?:\S+\/scim\/contoso\/v2\s+│/,
        );
        const tenants = json<{ id: string; tenantUrl: string }[]>(await cli('tenant', 'list', '--json'));
        expect(tenants.map((tenant) => tenant.id).sort()).toEqual(['contoso', 'fabrikam']);
        expect(tenants.every((tenant) => tenant.tenantUrl.endsWith(`/scim/${tenant.id}/v2`))).toBe(true);
      });

      it('asks before deleting, refuses without --yes off a terminal, deletes with --yes', async () => {
        await cli('tenant', 'create', 'Doomed');
        const refused = await cli('tenant', 'delete', 'doomed');
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('pass --yes to confirm');
        expect(json<{ id: string }[]>(await cli('tenant', 'list', '--json')).map((t) => t.id)).toContain(
          'doomed',
        );
        const deleted = await cli('tenant', 'delete', 'Doomed', '--yes');
        expect(deleted.code).toBe(0);
        expect(deleted.stdout).toContain('Tenant doomed deleted.');
        expect(json<{ id: string }[]>(await cli('tenant', 'list', '--json')).map((t) => t.id)).not.toContain(
          'doomed',
        );
        const missing = await cli('tenant', 'delete', 'doomed', '--yes');
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain('error: No tenant "doomed"');
      });
    });

    describe('token', () => {
      it('issues, lists without secrets, rotates with a grace period and revokes', async () => {
        const issued = json<Created>(
          await cli('token', 'issue', 'contoso', '--expires', '90d', '--description', 'staging', '--json'),
        );
        expect(issued.tenantUrl).toMatch(/\/scim\/contoso\/v2$/);
        expect(await deployment.tokenWorks('contoso', issued.secretToken)).toBe(true);

        const listed = json<TokenRow[]>(await cli('token', 'list', 'contoso', '--json'));
        expect(listed.find((token) => token.id === issued.token.id)).toMatchObject({
          status: 'active',
          description: 'staging',
        });
        expect(JSON.stringify(listed)).not.toContain(issued.secretToken);
        const table = await cli('token', 'list', 'contoso');
        expect(table.stdout).toMatch(/Id\s+│ Description\s+│ Created\s+│ Expires\s+│ Last used\s+│ Status/);

        const rotated = json<Created & { retired: { id: string; expiresAt: string }[] }>(
          await cli('token', 'rotate', 'contoso', issued.token.id, '--grace', '2d', '--json'),
        );
        expect(rotated.retired).toHaveLength(1);
        const graceDays = (Date.parse(rotated.retired[0]!.expiresAt) - Date.now()) / 86_400_000;
        expect(graceDays).toBeGreaterThan(1.9);
        expect(graceDays).toBeLessThanOrEqual(2);
        // Both work during the grace period.
        expect(await deployment.tokenWorks('contoso', rotated.secretToken)).toBe(true);
        expect(await deployment.tokenWorks('contoso', issued.secretToken)).toBe(true);

        const revoked = await cli('token', 'revoke', 'contoso', issued.token.id);
        expect(revoked.code).toBe(0);
        expect(await deployment.tokenWorks('contoso', issued.secretToken)).toBe(false);
        const after = json<TokenRow[]>(await cli('token', 'list', 'contoso', '--json'));
        expect(after.find((token) => token.id === issued.token.id)?.status).toBe('revoked');

        const unknown = await cli('token', 'revoke', 'contoso', 'no-such-token');
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain('error: Tenant contoso has no token "no-such-token".');
      });

      it('rejects a malformed duration as a usage error', async () => {
        const result = await cli('token', 'issue', 'contoso', '--expires', 'ninety days');
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('--expires: expected a positive duration like 90d');
      });
    });

    describe('seed, events, export and import', () => {
      let seeded: string;

      beforeAll(async () => {
        await cli('tenant', 'create', 'Demo', '--id', 'demo');
        await cli('tenant', 'create', 'Twin', '--id', 'twin');
        await cli('tenant', 'create', 'Copy', '--id', 'copy');
      });

      it('seeds a believable organisation with progress lines off a terminal', async () => {
        const result = await cli('seed', 'demo', '--users', '60', '--groups', '8', '--seed', '3');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(
          /✔ Seeded tenant demo with .+ \(@[a-z0-9-]+\.example\):\n {2}60 users \(\d+ inactive\), 59 manager links, 8 groups, \d+ memberships/,
        );
        expect(result.stderr).toMatch(/^users: 0\/60 0%$/m);
        expect(result.stderr).toMatch(/^users: 60\/60 100% \([\d,]+\/s\)$/m);
        expect(result.stderr).not.toContain('\u001b[');
      });

      it('seeds the same organisation for the same seed', async () => {
        const summary = json<{ users: number; groups: number }>(
          await cli('seed', 'twin', '--users', '60', '--groups', '8', '--seed', '3', '--json'),
        );
        expect(summary).toMatchObject({ users: 60, groups: 8, managerLinks: 59 });
        const demo = await cli('export', 'demo');
        seeded = demo.stdout;
        expect(normalizeExport((await cli('export', 'twin')).stdout)).toEqual(normalizeExport(seeded));
      });

      it('exports users with manager links, groups and memberships as NDJSON', () => {
        const records = seeded
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { type: string; resource?: Record<string, unknown> });
        expect(records[0]).toMatchObject({
          type: 'scimkit-export',
          version: 1,
          tenant: { id: 'demo', name: 'Demo' },
        });
        const users = records.filter((record) => record.type === 'user');
        expect(users).toHaveLength(60);
        const managed = users.filter(
          (user) => (user.resource![URN.EnterpriseUser] as { manager?: unknown }).manager !== undefined,
        );
        expect(managed).toHaveLength(59);
        expect(
          users.every((user) => user.resource!.id === undefined && user.resource!.meta === undefined),
        ).toBe(true);
        expect(records.filter((record) => record.type === 'group')).toHaveLength(8);
        expect(records.filter((record) => record.type === 'membership').length).toBeGreaterThan(60);
      });

      it('explains a seed that collides with what the tenant holds', async () => {
        const result = await cli('seed', 'demo', '--users', '5', '--groups', '0', '--seed', '3');
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^error: Tenant demo already holds part of this organisation: .*already taken/m,
        );
        expect(result.stderr).toContain('Seed an empty tenant, or pick another --seed or --domain.');
        expect(result.stderr).not.toMatch(/\n\s+at /);
      });

      it('imports an export into a new tenant, reproducing it, and is idempotent', async () => {
        const file = join(directory.path, 'demo.ndjson');
        const exported = await cli('export', 'demo', '-o', file);
        expect(exported.code).toBe(0);
        expect(exported.stderr).toMatch(/Exported 60 users, 8 groups and \d+ memberships of tenant demo to /);
        const first = json<{ usersCreated: number; groupsCreated: number; memberships: number }>(
          await cli('import', 'copy', file, '--json'),
        );
        expect(first).toMatchObject({
          usersCreated: 60,
          usersExisting: 0,
          groupsCreated: 8,
          groupsExisting: 0,
        });
        expect(normalizeExport((await cli('export', 'copy')).stdout)).toEqual(
          normalizeExport(readFileSync(file, 'utf8')),
        );

        const again = await deployment.cli(['import', 'copy'], { stdin: readFileSync(file, 'utf8') });
        expect(again.code).toBe(0);
        expect(again.stdout).toContain(
          '0 users created (60 already there), 0 groups created (8 already there)',
        );
        expect(normalizeExport((await cli('export', 'copy')).stdout)).toEqual(
          normalizeExport(readFileSync(file, 'utf8')),
        );
      });

      it('links an imported user to a manager that already exists in the target', async () => {
        const header = JSON.stringify({
          type: 'scimkit-export',
          version: 1,
          tenant: { id: 'x', name: 'X' },
          exportedAt: '',
        });
        const boss = JSON.stringify({
          type: 'user',
          id: 'old-boss',
          resource: { schemas: [URN.User], userName: 'boss@link.example' },
        });
        const report = JSON.stringify({
          type: 'user',
          id: 'old-report',
          resource: {
            schemas: [URN.User, URN.EnterpriseUser],
            userName: 'report@link.example',
            [URN.EnterpriseUser]: { manager: { value: 'old-boss' } },
          },
        });
        await cli('tenant', 'create', 'Link', '--id', 'link');
        expect((await deployment.cli(['import', 'link', '-'], { stdin: `${header}\n${boss}\n` })).code).toBe(
          0,
        );
        const second = await deployment.cli(['import', 'link', '--json'], {
          stdin: `${header}\n${boss}\n${report}\n`,
        });
        expect(json(second)).toMatchObject({ usersCreated: 1, usersExisting: 1 });
        const exported = normalizeExport((await cli('export', 'link')).stdout) as {
          users: Record<string, unknown>[];
        };
        expect(exported.users.find((user) => user.userName === 'report@link.example')).toMatchObject({
          [URN.EnterpriseUser]: { manager: { value: 'boss@link.example' } },
        });
      });

      it('rejects input that is not an export, naming the line', async () => {
        const result = await deployment.cli(['import', 'copy'], { stdin: '{"type":"user"}\n' });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('error: Line 1: expected the scimkit-export header first');
      });

      it('shows events as a table or JSON, from a sequence on', async () => {
        const events = json<{ sequence: number; operation: string; resourceType: string }[]>(
          await cli('events', 'demo', '--limit', '5', '--json'),
        );
        expect(events).toHaveLength(5);
        expect(events.map((event) => event.sequence)).toEqual(
          [...events.map((event) => event.sequence)].sort((a, b) => a - b),
        );
        expect(events[0]).toMatchObject({ operation: 'create', resourceType: 'User' });
        const later = json<{ sequence: number }[]>(
          await cli('events', 'demo', '--since', String(events[2]!.sequence), '--limit', '2', '--json'),
        );
        expect(later.map((event) => event.sequence)).toEqual([events[3]!.sequence, events[4]!.sequence]);
        const table = await cli('events', 'demo', '--limit', '3');
        expect(table.stdout).toMatch(
          /Seq\s+│ Time\s+│ Operation\s+│ Type\s+│ Resource\s+│ Changed\s+│ Request/,
        );
        expect(table.stdout).toContain(
          `More events follow: scimkit events demo --since ${events[2]!.sequence}`,
        );
      });

      it('follows new events until interrupted', async () => {
        const all = json<{ sequence: number }[]>(await cli('events', 'demo', '--limit', '100000', '--json'));
        const last = all.at(-1)!.sequence;
        const controller = new AbortController();
        const stdout = new Capture();
        const following = deployment.cli(
          ['events', 'demo', '--follow', '--json', '--since', String(last), '--interval', '1s'],
          {
            signal: controller.signal,
            stdout,
          },
        );
        const created = await cli(
          'seed',
          'demo',
          '--users',
          '1',
          '--groups',
          '0',
          '--seed',
          '99',
          '--domain',
          'follow.example',
        );
        expect(created.code).toBe(0);
        await expect
          .poll(() => stdout.text, { timeout: 20_000, interval: 100 })
          .toContain('"operation":"create"');
        controller.abort();
        expect((await following).code).toBe(0);
        const lines = stdout.text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { sequence: number });
        expect(lines[0]!.sequence).toBe(last + 1);
      });
    });

    describe('manners', () => {
      it('names the unknown tenant and how to list them', async () => {
        const result = await cli('token', 'list', 'nope');
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^error: No tenant "nope" in (database|server) \S+\.\nList them with: scimkit tenant list\n$/,
        );
      });

      it('colours only on a terminal and never with NO_COLOR', async () => {
        const plain = await cli('tenant', 'list');
        expect(plain.stdout).not.toContain('\u001b[');
        const tty = await deployment.cli(['tenant', 'list'], { tty: true });
        expect(tty.stdout).toContain('\u001b[');
        const noColor = await deployment.cli(['tenant', 'list'], { tty: true, env: { NO_COLOR: '1' } });
        expect(noColor.stdout).not.toContain('\u001b[');
      });
    });
  });
}
