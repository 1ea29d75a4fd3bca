/** The content type of every SCIM response (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** The content type of admin, health and OpenAPI responses. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A SCIM JSON response. */
export function scimJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers:
      headers === undefined
        ? { 'content-type': SCIM_CONTENT_TYPE }
        : { 'content-type': SCIM_CONTENT_TYPE, ...headers },
  });
}

/** A plain JSON response (admin API, health, OpenAPI). */
export function plainJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
  });
}

/** A response without a body (204, 304), still typed as SCIM for clients that check. */
export function emptyResponse(status: 204 | 304, headers?: Record<string, string>): Response {
  return new Response(null, { status, headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers } });
}
