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

/** Builds the answers of one request, each carrying the request's `X-Request-Id`. */
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
  error(error: ScimError): Response;
}

/** The responder of the request with the given id. */
export type Responders = (requestId: string) => Responder;

/**
 * The responders of `ResponseClass` (the global `Response` when absent). The request id goes
 * into the headers a response is built with: set on a built response, it would make srvx's
 * `FastResponse` turn its header object into a `Headers` just to add one.
 */
export function createResponders(ResponseClass: ResponseClass = Response): Responders {
  return (requestId) => new RequestResponder(ResponseClass, requestId);
}

class RequestResponder implements Responder {
  readonly #ResponseClass: ResponseClass;
  readonly #requestId: string;

  constructor(ResponseClass: ResponseClass, requestId: string) {
    this.#ResponseClass = ResponseClass;
    this.#requestId = requestId;
  }

  scimJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
    return new this.#ResponseClass(JSON.stringify(body), {
      status,
      headers: this.#headers(SCIM_CONTENT_TYPE, headers),
    });
  }

  plainJson(body: unknown, status = 200, headers?: Record<string, string>): Response {
    return new this.#ResponseClass(JSON.stringify(body), {
      status,
      headers: this.#headers(JSON_CONTENT_TYPE, headers),
    });
  }

  empty(status: 204 | 304, headers?: Record<string, string>): Response {
    return new this.#ResponseClass(null, { status, headers: this.#headers(SCIM_CONTENT_TYPE, headers) });
  }

  noContent(): Response {
    return new this.#ResponseClass(null, { status: 204, headers: { 'x-request-id': this.#requestId } });
  }

  text(body: string, contentType: string): Response {
    return new this.#ResponseClass(body, { headers: this.#headers(contentType, undefined) });
  }

  error(error: ScimError): Response {
    return new this.#ResponseClass(JSON.stringify(error.toJSON()), {
      status: error.status,
      headers: this.#headers(SCIM_CONTENT_TYPE, error.headers),
    });
  }

  #headers(contentType: string, headers: Record<string, string> | undefined): Record<string, string> {
    // The common case as a plain literal: a spread in the middle of one is much slower.
    if (headers === undefined) return { 'content-type': contentType, 'x-request-id': this.#requestId };
    return { 'content-type': contentType, ...headers, 'x-request-id': this.#requestId };
  }
}
