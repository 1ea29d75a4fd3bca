import { describeProblem, describeValue, isPlainObject, ScimError, type ScimStore } from '@scimkit/schema';
import { type AnyElysia, Elysia, t } from 'elysia';
import type { Guard } from '../http/guard.ts';

/** What the admin API needs. */
export interface AdminDeps {
  store: ScimStore;
  /** Hands each route its request's responder and answers whatever a route throws. */
  guard: Guard;
  /** The parse hook of the admin routes: reads a JSON body (size-limited). */
  parseBody: (request: Request) => Promise<unknown>;
  /** Builds the Tenant URL printed next to a new token. */
  tenantUrl: (request: Request, tenantId: string) => string;
}

const TENANT_ID = '^[a-z0-9][a-z0-9-]{0,62}$';

/**
 * The admin API under `/admin` (bearer `ADMIN_TOKEN`, checked in onRequest): tenants,
 * their tokens and their provisioning events. The CLI drives it; every answer is JSON.
 */
export function adminRoutes(deps: AdminDeps): AnyElysia {
  const { store, guard } = deps;
  const requireTenant = async (tenantId: string) => {
    const tenant = await store.getTenant(tenantId);
    if (tenant === undefined)
      throw ScimError.notFound(`Tenant ${JSON.stringify(tenantId.slice(0, 100))} not found.`);
    return tenant;
  };
  return new Elysia({ name: 'scimkit/admin' })
    .onParse(({ request }) => deps.parseBody(request))
    .get('/admin/tenants', ({ request }) =>
      guard(request, async (respond) => respond.plainJson({ tenants: await store.listTenants() })),
    )
    .post(
      '/admin/tenants',
      ({ request, body }) =>
        guard(request, async (respond) => {
          const tenant = await store.createTenant(
            body.id === undefined ? { name: body.name } : { name: body.name, id: body.id },
          );
          const answer: Record<string, unknown> = { tenant, tenantUrl: deps.tenantUrl(request, tenant.id) };
          if (body.issueToken === true) {
            const issued = await store.issueToken(tenant.id, { description: 'issued with the tenant' });
            answer.token = issued.token;
            answer.secret = issued.secret;
          }
          return respond.plainJson(answer, 201);
        }),
      {
        body: t.Object({
          name: t.String({ minLength: 1, maxLength: 200 }),
          id: t.Optional(t.String({ pattern: TENANT_ID })),
          issueToken: t.Optional(t.Boolean()),
        }),
      },
    )
    .get('/admin/tenants/:tenant', ({ request, params }) =>
      guard(request, async (respond) => {
        const tenant = await requireTenant(params.tenant);
        return respond.plainJson({ tenant, tenantUrl: deps.tenantUrl(request, tenant.id) });
      }),
    )
    .delete('/admin/tenants/:tenant', ({ request, params }) =>
      guard(request, async (respond) => {
        if (!(await store.deleteTenant(params.tenant))) await requireTenant(params.tenant);
        return respond.noContent();
      }),
    )
    .get('/admin/tenants/:tenant/tokens', ({ request, params }) =>
      guard(request, async (respond) => {
        await requireTenant(params.tenant);
        return respond.plainJson({ tokens: await store.listTokens(params.tenant) });
      }),
    )
    .post('/admin/tenants/:tenant/tokens', ({ request, params, body }) =>
      guard(request, async (respond) => {
        const tenant = await requireTenant(params.tenant);
        const options = tokenOptions(body);
        const issued = await store.issueToken(tenant.id, options);
        return respond.plainJson(
          { token: issued.token, secret: issued.secret, tenantUrl: deps.tenantUrl(request, tenant.id) },
          201,
        );
      }),
    )
    .patch('/admin/tenants/:tenant/tokens/:token', ({ request, params, body }) =>
      guard(request, async (respond) => {
        await requireTenant(params.tenant);
        const { expiresAt } = tokenOptions(body);
        if (expiresAt === undefined)
          throw ScimError.invalidValue('Send {"expiresAt": "<ISO 8601 date-time>"}.');
        if (!(await store.expireToken(params.tenant, params.token, expiresAt))) {
          throw ScimError.notFound(`Token ${JSON.stringify(params.token.slice(0, 100))} not found.`);
        }
        const token = (await store.listTokens(params.tenant)).find((info) => info.id === params.token);
        return respond.plainJson({ token });
      }),
    )
    .delete('/admin/tenants/:tenant/tokens/:token', ({ request, params }) =>
      guard(request, async (respond) => {
        await requireTenant(params.tenant);
        if (!(await store.revokeToken(params.tenant, params.token))) {
          throw ScimError.notFound(`Token ${JSON.stringify(params.token.slice(0, 100))} not found.`);
        }
        return respond.noContent();
      }),
    )
    .get('/admin/tenants/:tenant/events', ({ request, params }) =>
      guard(request, async (respond) => {
        await requireTenant(params.tenant);
        const url = new URL(request.url);
        const since = nonNegative(url.searchParams.get('since'), 'since') ?? 0;
        const limit = Math.min(1000, nonNegative(url.searchParams.get('limit'), 'limit') ?? 100);
        const events = await store.events(params.tenant, { since, limit });
        const last = events.at(-1);
        return respond.plainJson({ events, next: last === undefined ? since : last.sequence });
      }),
    );
}

function tokenOptions(body: unknown): { description?: string; expiresAt?: Date } {
  if (body === null || body === undefined) return {};
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The token request is not valid',
        expected: 'a JSON object',
        found: describeValue(body),
      }),
    );
  }
  const options: { description?: string; expiresAt?: Date } = {};
  if (body.description !== undefined) {
    if (typeof body.description !== 'string' || body.description.length > 200) {
      throw ScimError.invalidValue(
        describeProblem({
          failed: 'description is not valid',
          expected: 'a string of at most 200 characters',
          found: describeValue(body.description),
        }),
      );
    }
    options.description = body.description;
  }
  if (body.expiresAt !== undefined && body.expiresAt !== null) {
    const date = typeof body.expiresAt === 'string' ? new Date(body.expiresAt) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) {
      throw ScimError.invalidValue(
        describeProblem({
          failed: 'expiresAt is not valid',
          expected: 'an ISO 8601 date-time',
          found: describeValue(body.expiresAt),
          example: '"2030-01-01T00:00:00Z"',
        }),
      );
    }
    options.expiresAt = date;
  }
  return options;
}

function nonNegative(text: string | null, name: string): number | undefined {
  if (text === null || text === '') return undefined;
  if (!/^\d{1,15}$/.test(text)) {
    throw ScimError.invalidValue(
      describeProblem({
        failed: `${name} is not valid`,
        expected: 'an integer of 0 or more',
        found: describeValue(text),
      }),
    );
  }
  return Number(text);
}
