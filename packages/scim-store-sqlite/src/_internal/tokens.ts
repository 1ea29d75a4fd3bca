import { createHash } from 'node:crypto';
import { describeProblem, describeValue, type IssuedToken, ScimError, type TokenInfo } from '@scimkit/schema';
import type { Db } from './db.ts';
import type { TenantRow } from './tenants.ts';

interface TokenRow {
  id: string;
  tenant: number;
  tenant_id: string;
  hash: string;
  description: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

// scimkit_<token id, 32 hex>_<256 random bits, base64url>: the id makes the lookup a seek,
// the random part is what is secret.
const SECRET = /^scimkit_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const SELECT_TOKEN =
  'SELECT tokens.*, tenants.id AS tenant_id FROM tokens JOIN tenants ON tenants.pk = tokens.tenant';

function toInfo(row: TokenRow): TokenInfo {
  const info: TokenInfo = { id: row.id, tenantId: row.tenant_id, createdAt: row.created_at };
  if (row.description !== null) info.description = row.description;
  if (row.expires_at !== null) info.expiresAt = row.expires_at;
  if (row.last_used_at !== null) info.lastUsedAt = row.last_used_at;
  if (row.revoked_at !== null) info.revokedAt = row.revoked_at;
  return info;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** SHA-256 of the secret. The secret has 256 random bits, so no salt or slow hash is needed. */
export function hashSecret(secret: string): string {
  // Synchronous on purpose: every authenticated request hashes its token, and WebCrypto's
  // async digest costs a thread-pool round trip each time. node:crypto exists on Node, Bun and Deno.
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The hashes of secrets that verified, so that a client sending its token with every request
 * pays for SHA-256 once (about a twentieth of a lookup's CPU on Node). Only verified secrets are
 * kept, and at most `limit` of them: random tokens neither fill nor flush it.
 */
export class SecretHashes {
  readonly #hashes = new Map<string, string>();
  readonly #limit: number;

  constructor(limit = 1024) {
    this.#limit = limit;
  }

  get(secret: string): string | undefined {
    return this.#hashes.get(secret);
  }

  remember(secret: string, hash: string): void {
    if (this.#hashes.has(secret)) return;
    if (this.#hashes.size >= this.#limit) this.#hashes.clear();
    this.#hashes.set(secret, hash);
  }
}

/** Compares two equal-length hex digests without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0);
  }
  return difference === 0;
}

/** A fresh secret and its token id. */
export function newSecret(): { id: string; secret: string } {
  const idBytes = crypto.getRandomValues(new Uint8Array(16));
  const secretBytes = crypto.getRandomValues(new Uint8Array(32));
  const hexId = toHex(idBytes);
  const id = `${hexId.slice(0, 8)}-${hexId.slice(8, 12)}-${hexId.slice(12, 16)}-${hexId.slice(16, 20)}-${hexId.slice(20)}`;
  return { id, secret: `scimkit_${hexId}_${toBase64Url(secretBytes)}` };
}

function checkExpiry(expiresAt: Date | undefined): string | null {
  if (expiresAt === undefined) return null;
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'The token expiry is not valid',
        expected: 'a valid Date',
        found: describeValue(expiresAt),
      }),
    );
  }
  return expiresAt.toISOString();
}

export function insertToken(
  db: Db,
  tenant: TenantRow,
  issued: { id: string; secret: string; hash: string },
  options: { description?: string; expiresAt?: Date },
  now: string,
): IssuedToken {
  const expiresAt = checkExpiry(options.expiresAt);
  const description = options.description ?? null;
  db.run(
    'INSERT INTO tokens (id, tenant, hash, description, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    issued.id,
    tenant.pk,
    issued.hash,
    description,
    now,
    expiresAt,
  );
  const token: TokenInfo = { id: issued.id, tenantId: tenant.id, createdAt: now };
  if (description !== null) token.description = description;
  if (expiresAt !== null) token.expiresAt = expiresAt;
  return { token, secret: issued.secret };
}

export function listTokens(db: Db, tenant: TenantRow): TokenInfo[] {
  return db
    .all<TokenRow>(`${SELECT_TOKEN} WHERE tokens.tenant = ? ORDER BY tokens.created_at, tokens.id`, tenant.pk)
    .map(toInfo);
}

export function revokeToken(db: Db, tenant: TenantRow, tokenId: string, now: string): boolean {
  return (
    db.run(
      'UPDATE tokens SET revoked_at = ? WHERE id = ? AND tenant = ? AND revoked_at IS NULL',
      now,
      tokenId,
      tenant.pk,
    ) > 0
  );
}

export function expireToken(db: Db, tenant: TenantRow, tokenId: string, expiresAt: Date): boolean {
  const at = checkExpiry(expiresAt);
  return db.run('UPDATE tokens SET expires_at = ? WHERE id = ? AND tenant = ?', at, tokenId, tenant.pk) > 0;
}

/** The token id a secret names, or `undefined` when it is not a scimkit secret at all. */
export function tokenIdOf(secret: string): string | undefined {
  const match = typeof secret === 'string' ? SECRET.exec(secret) : null;
  if (match === null) return undefined;
  const hex = match[1]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Compared against when the token does not exist, so a miss costs what a hit costs.
const DUMMY_HASH = '0'.repeat(64);

// The token with its tenant's row, which the request's next reads then need not fetch again.
const SELECT_TOKEN_AND_TENANT = `SELECT tokens.*, tenants.id AS tenant_id, tenants.name AS tenant_name,
  tenants.created_at AS tenant_created_at, tenants.schema_version AS tenant_schema_version
  FROM tokens JOIN tenants ON tenants.pk = tokens.tenant WHERE tokens.id = ? AND tenants.id = ?`;

interface TokenAndTenantRow extends TokenRow {
  tenant_name: string;
  tenant_created_at: string;
  tenant_schema_version: number;
}

/**
 * The live token of the tenant whose secret hashes to `hash`, with the tenant's row. Every
 * path compares one digest in constant time; `last_used_at` is written at most once per
 * `resolutionMs`, so verification does not turn every request into a write.
 */
export function verifyToken(
  db: Db,
  tenantId: string,
  tokenId: string | undefined,
  hash: string,
  now: Date,
  resolutionMs: number,
): { token: TokenInfo; tenant: TenantRow } | undefined {
  const row =
    tokenId === undefined ? undefined : db.get<TokenAndTenantRow>(SELECT_TOKEN_AND_TENANT, tokenId, tenantId);
  const matches = constantTimeEqual(row?.hash ?? DUMMY_HASH, hash);
  if (row === undefined || !matches) return undefined;
  if (row.revoked_at !== null) return undefined;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return undefined;
  const lastUsed = row.last_used_at === null ? Number.NEGATIVE_INFINITY : Date.parse(row.last_used_at);
  if (now.getTime() - lastUsed >= resolutionMs) {
    row.last_used_at = now.toISOString();
    db.write(() => db.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', row.last_used_at, row.id));
  }
  const tenant: TenantRow = {
    pk: row.tenant,
    id: row.tenant_id,
    name: row.tenant_name,
    created_at: row.tenant_created_at,
    schema_version: row.tenant_schema_version,
  };
  return { token: toInfo(row), tenant };
}
