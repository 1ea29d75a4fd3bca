import type { RequestContext, ScimStore } from '@scimkit/schema';

/**
 * The slice of a test runner the contract needs: vitest, `bun:test` and `node:test` (which
 * `deno test` runs) all provide it.
 */
export interface TestApi {
  describe: (name: string, fn: () => void) => unknown;
  it: (name: string, fn: () => Promise<void>) => unknown;
}

/** How a backend takes part in the contract. */
export interface StoreContractOptions {
  /** A fresh, empty store; each case gets its own and closes it. */
  makeStore: () => ScimStore | Promise<ScimStore>;
  /**
   * Cases this backend cannot run, by exact name, with the reason (reported as a passing
   * case named "skipped: …" so the reason shows in every runner's output).
   */
  skip?: Record<string, string>;
}

/** What each case receives: its store, and two tenants already created in it. */
export interface CaseContext {
  store: ScimStore;
  /** `acme`: the tenant most cases work in. */
  acme: RequestContext;
  /** `globex`: a second tenant that must never see `acme`'s data. */
  globex: RequestContext;
}

/** A case: a name that reads as a sentence, and its body. */
export type Case = [name: string, body: (context: CaseContext) => Promise<void>];

/** Registers `cases` under `title`, each on a fresh store. */
export function registerCases(
  api: TestApi,
  options: StoreContractOptions,
  title: string,
  cases: Case[],
): void {
  api.describe(title, () => {
    for (const [name, body] of cases) {
      const reason = options.skip?.[name];
      if (reason !== undefined) {
        api.it(`skipped: ${name} (${reason})`, async () => {});
        continue;
      }
      api.it(name, async () => {
        const store = await options.makeStore();
        try {
          await store.createTenant({ name: 'Acme', id: 'acme' });
          await store.createTenant({ name: 'Globex', id: 'globex' });
          await body({
            store,
            acme: { tenantId: 'acme', requestId: 'req-acme' },
            globex: { tenantId: 'globex', requestId: 'req-globex' },
          });
        } finally {
          await store.close();
        }
      });
    }
  });
}

/** Asserts that `promise` rejects with a SCIM error of this status (and scimType). */
export async function rejectsWith(
  promise: Promise<unknown>,
  status: number,
  scimType?: string,
): Promise<{ status: number; scimType?: string; detail: string }> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new Error(`expected a ${status} ScimError, but the call succeeded`);
  const scim = error as { status?: unknown; scimType?: unknown; detail?: unknown; message?: unknown };
  if (scim.status !== status || (scimType !== undefined && scim.scimType !== scimType)) {
    throw new Error(
      `expected a ${status}${scimType === undefined ? '' : ` ${scimType}`} ScimError, got ${String(scim.status)} ${String(scim.scimType)}: ${String(scim.message)}`,
      { cause: error },
    );
  }
  return error as { status: number; scimType?: string; detail: string };
}
