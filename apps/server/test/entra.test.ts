import { describeEntraCycle } from './support/entra-cycle.ts';
import { setup } from './support/http.ts';
import { makeStore } from './support/store.ts';

describeEntraCycle('in-process', async () => {
  const made = await setup(await makeStore(), ['contoso'], { publicUrl: 'https://scim.example.com' });
  const tenant = made.tenants[0]!;
  return { handler: made.app, tenant, tenantUrl: `https://scim.example.com${tenant.base}` };
});
