import type { ScimStore } from '@scimkit/schema';

/** The tenant `npm start` creates on a fresh database. */
export const DEMO_TENANT = 'demo';

/** What `bootstrap` found or created. */
export interface BootstrapResult {
  tenantId: string;
  tenantUrl: string;
  /** Only on the first start: the Secret Token, shown once. */
  secret?: string;
  /** The lines to print. */
  banner: string[];
}

/**
 * First start (no tenant at all): creates the `demo` tenant with a token and returns the
 * Tenant URL and Secret Token exactly as an admin pastes them into Entra. Later starts
 * return the Tenant URL and how to issue a new token: secrets are stored hashed and are
 * never shown twice.
 */
export async function bootstrap(
  store: ScimStore,
  options: { publicUrl: string; adminApi: boolean },
): Promise<BootstrapResult> {
  const tenants = await store.listTenants();
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const urlOf = (tenantId: string) => `${publicUrl}/scim/${tenantId}/v2`;
  if (tenants.length === 0) {
    const tenant = await store.createTenant({ id: DEMO_TENANT, name: 'Demo' });
    const { secret } = await store.issueToken(tenant.id, { description: 'created on first start' });
    const tenantUrl = urlOf(tenant.id);
    return {
      tenantId: tenant.id,
      tenantUrl,
      secret,
      banner: [
        'Created the tenant "demo". In Microsoft Entra ID open Enterprise applications → your app →',
        'Provisioning → Admin Credentials and paste:',
        '',
        `  Tenant URL:   ${tenantUrl}`,
        `  Secret Token: ${secret}`,
        '',
        'The Secret Token is shown only this once (it is stored hashed). Then click "Test Connection".',
      ],
    };
  }
  const tenant = tenants.find((candidate) => candidate.id === DEMO_TENANT) ?? tenants[0]!;
  const tenantUrl = urlOf(tenant.id);
  const others =
    tenants.length > 1
      ? [`  (${tenants.length} tenants in this database; GET /admin/tenants lists them)`]
      : [];
  const issue = options.adminApi
    ? [
        'To issue a new Secret Token:',
        `  curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" ${publicUrl}/admin/tenants/${tenant.id}/tokens`,
      ]
    : [
        'To issue a new Secret Token, restart with ADMIN_TOKEN set (at least 16 characters) and run:',
        `  curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" ${publicUrl}/admin/tenants/${tenant.id}/tokens`,
      ];
  return {
    tenantId: tenant.id,
    tenantUrl,
    banner: [
      `  Tenant URL:   ${tenantUrl}`,
      ...others,
      '  Secret Token: not shown again (stored hashed).',
      '',
      ...issue,
    ],
  };
}
