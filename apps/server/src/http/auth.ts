import { ScimError, type ScimStore } from '@scimkit/schema';

/** The secret of an `Authorization: Bearer <secret>` header (scheme case-insensitive, RFC 6750 §2.1). */
export function bearerSecret(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

// One detail for every rejected token: unknown, expired, revoked and another tenant's token
// must be indistinguishable, or the 401 would tell which tenants exist.
const MISSING = 'Authentication required: send the Secret Token as "Authorization: Bearer <token>".';
const REJECTED = 'The bearer token is not valid for this Tenant URL.';

/** Tenant ids are URL-safe slugs; anything else cannot be a tenant and is rejected alike. */
const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Authenticates a SCIM request for `tenantId`: the bearer token must be a live token of that
 * tenant. Throws a 401 `ScimError` with `WWW-Authenticate: Bearer` otherwise.
 */
export async function authenticateTenant(
  store: ScimStore,
  tenantId: string,
  request: Request,
): Promise<void> {
  const secret = bearerSecret(request.headers.get('authorization'));
  if (secret === undefined) throw ScimError.unauthorized(MISSING);
  if (!TENANT_ID.test(tenantId) || secret.length > 512) throw ScimError.unauthorized(REJECTED);
  const token = await store.verifyToken(tenantId, secret);
  if (token === undefined) throw ScimError.unauthorized(REJECTED);
}

/**
 * A constant-time check of a candidate against the admin token: both sides are hashed first,
 * so neither the content nor the length of the secret shows in the timing.
 */
export function createSecretCheck(secret: string): (candidate: string | undefined) => Promise<boolean> {
  const expected = digest(secret);
  return async (candidate) => {
    const [want, got] = await Promise.all([expected, digest(candidate ?? '')]);
    let difference = candidate === undefined ? 1 : 0;
    for (let index = 0; index < want.length; index++) difference |= want[index]! ^ got[index]!;
    return difference === 0;
  };
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
