import { eventCases, isolationCases } from './events.ts';
import { groupCases } from './groups.ts';
import { registerCases, type StoreContractOptions, type TestApi } from './harness.ts';
import { cursorStabilityCases, queryCases } from './queries.ts';
import { resourceCases } from './resources.ts';
import { tenantCases, tokenCases } from './tenants.ts';

export { type CaseContext, rejectsWith, type StoreContractOptions, type TestApi } from './harness.ts';

/**
 * The `ScimStore` contract (ARCHITECTURE.md, ENTRA.md): any backend runs it with its own
 * `makeStore` under any runner that offers `describe` and `it`. Assertions use
 * `node:assert/strict`, which Node, Bun and Deno all provide.
 */
export function describeStore(name: string, options: StoreContractOptions, api: TestApi): void {
  api.describe(`ScimStore contract: ${name}`, () => {
    registerCases(api, options, 'tenants', tenantCases);
    registerCases(api, options, 'tokens', tokenCases);
    registerCases(api, options, 'resources', resourceCases);
    registerCases(api, options, 'groups and members', groupCases);
    registerCases(api, options, 'queries', queryCases);
    registerCases(api, options, 'cursor stability', cursorStabilityCases);
    registerCases(api, options, 'events', eventCases);
    registerCases(api, options, 'tenant isolation', isolationCases);
  });
}

/** Every case name, for runners that report counts. */
export const CONTRACT_CASES: readonly string[] = [
  ...tenantCases,
  ...tokenCases,
  ...resourceCases,
  ...groupCases,
  ...queryCases,
  ...cursorStabilityCases,
  ...eventCases,
  ...isolationCases,
].map(([name]) => name);
