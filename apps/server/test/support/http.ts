import type { ScimStore } from '@scimkit/schema';
import type { AnyElysia } from 'elysia';
import { expect } from 'vitest';
import { type AppOptions, createApp } from '../../src/index.ts';

/** The origin test requests use; Elysia's router needs a real-looking host. */
export const ORIGIN = 'http://scim.test';

/** One request's answer, with the body parsed when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  body: any;
  text: string;
}

/** Options of `call`. */
export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: RequestInit['body'];
  headers?: Record<string, string>;
  contentType?: string | null;
}

/** Anything that answers a `Request`: an Elysia app (`app.handle`) or a live server. */
export interface Handler {
  handle(request: Request): Promise<Response>;
}

/** Sends one request through `handler.handle` and reads the answer. */
export async function call(
  app: Handler,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  let body: RequestInit['body'] | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && options.contentType !== null) {
    headers.set('content-type', options.contentType ?? 'application/scim+json');
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (body !== undefined) {
    init.body = body;
    if (body instanceof ReadableStream) init.duplex = 'half';
  }
  const response = await app.handle(new Request(`${ORIGIN}${path}`, init));
  const text = await response.text();
  let parsed: unknown;
  if (text !== '' && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Asserts a SCIM error answer: status, content type, RFC 7644 §3.12 body. */
export function expectScimError(answer: Answer, status: number, scimType?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  expect(answer.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(answer.body.status).toBe(String(status));
  if (scimType === undefined) expect(answer.body.scimType).toBeUndefined();
  else expect(answer.body.scimType).toBe(scimType);
  expect(typeof answer.body.detail).toBe('string');
}

/** Asserts a successful SCIM JSON answer. */
export function expectScim(answer: Answer, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
}

/** A tenant with a token, for tests. */
export interface TestTenant {
  id: string;
  token: string;
  base: string;
}

/** Creates tenants and an app on `store`. */
export async function setup(
  store: ScimStore,
  tenants: readonly string[] = ['acme'],
  options: Omit<AppOptions, 'store'> = {},
): Promise<{ app: AnyElysia; tenants: TestTenant[] }> {
  const created: TestTenant[] = [];
  for (const id of tenants) {
    await store.createTenant({ id, name: id });
    const { secret } = await store.issueToken(id);
    created.push({ id, token: secret, base: `/scim/${id}/v2` });
  }
  return { app: createApp({ store, ...options }), tenants: created };
}
