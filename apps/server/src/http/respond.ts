import type { ScimError } from '@scimkit/schema';

/** The content type of every SCIM response (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** The content type of admin, health and OpenAPI responses. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A `Response` constructor: the global one, or one that behaves like it, such as srvx's
 * `FastResponse` on Node, which keeps a string body as it is and writes it with a
 * `Content-Length`, where Node's own `Response` wraps every body in a ReadableStream that is
 * then sent chunked.
 */
export type ResponseClass = new (
  body?: ConstructorParameters<typeof Response>[0],
  init?: ResponseInit,
) => Response;

/** Builds every answer of the app with one `Response` class. */
export interface Responder {
  /** A SCIM JSON response. */
  scimJson(body: unknown, status?: number, headers?: Record<string, string>): Response;
  /** A plain JSON response (admin API, health, OpenAPI). */
  plainJson(body: unknown, status?: number, headers?: Record<string, string>): Response;
  /** A response without a body (204, 304), still typed as SCIM for clients that check. */
  empty(status: 204 | 304, headers?: Record<string, string>): Response;
  /** A response without a body and without a content type (the admin API's 204). */
  noContent(): Response;
  /** A prepared text body of the given content type. */
  text(body: string, contentType: string): Response;
  /** The RFC 7644 §3.12 answer of an error, as `ScimError.toResponse` builds it. */
  error(error: ScimError, headers?: Record<string, string>): Response;
}

/** The responder of `ResponseClass` (the global `Response` when absent). */
export function createResponder(ResponseClass: ResponseClass = Response): Responder {
  return {
    scimJson: (body, status = 200, headers) =>
      new ResponseClass(JSON.stringify(body), {
        status,
        headers:
          headers === undefined
            ? { 'content-type': SCIM_CONTENT_TYPE }
            : { 'content-type': SCIM_CONTENT_TYPE, ...headers },
      }),
    plainJson: (body, status = 200, headers) =>
      new ResponseClass(JSON.stringify(body), {
        status,
        headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
      }),
    empty: (status, headers) =>
      new ResponseClass(null, { status, headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers } }),
    noContent: () => new ResponseClass(null, { status: 204 }),
    text: (body, contentType) => new ResponseClass(body, { headers: { 'content-type': contentType } }),
    error: (error, headers) =>
      new ResponseClass(JSON.stringify(error.toJSON()), {
        status: error.status,
        headers: { 'content-type': SCIM_CONTENT_TYPE, ...error.headers, ...headers },
      }),
  };
}
