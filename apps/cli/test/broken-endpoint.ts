import { listen } from './server.ts';

/** How the proxy breaks an otherwise good SCIM endpoint. */
export type Breakage =
  /** Answers 404 instead of an empty ListResponse: fails Test Connection and quarantines jobs. */
  | 'empty-lookup-404'
  /** Treats `{"op":"Remove","path":"members","value":[…]}` as "remove every member". */
  | 'remove-wipes-members';

/**
 * A deliberately broken SCIM endpoint: a proxy in front of a good one that breaks exactly one
 * behaviour, and records every path it was asked for.
 */
export async function startBrokenEndpoint(
  target: string,
  breakage: Breakage,
): Promise<{ url: string; paths: string[]; maxInFlight: () => number; close: () => Promise<void> }> {
  const paths: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await listen(async (request) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await forward(request);
    } finally {
      inFlight--;
    }
  });
  const forward = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    paths.push(url.pathname);
    let body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await request.text();
    if (
      breakage === 'remove-wipes-members' &&
      request.method === 'PATCH' &&
      /\/Groups\//.test(url.pathname) &&
      body
    ) {
      const patch = JSON.parse(body) as { Operations: { op: string; path?: string; value?: unknown }[] };
      for (const operation of patch.Operations) {
        if (
          operation.op.toLowerCase() === 'remove' &&
          operation.path === 'members' &&
          operation.value !== undefined
        ) {
          delete operation.value;
        }
      }
      body = JSON.stringify(patch);
    }
    const headers = new Headers(request.headers);
    // The body may have been rewritten: let fetch compute its length.
    headers.delete('content-length');
    const init: RequestInit = { method: request.method, headers };
    if (body !== undefined) init.body = body;
    const response = await fetch(`${target}${url.pathname}${url.search}`, init);
    const text = await response.text();
    if (
      breakage === 'empty-lookup-404' &&
      request.method === 'GET' &&
      response.status === 200 &&
      url.searchParams.has('filter')
    ) {
      const parsed = JSON.parse(text) as { totalResults?: number };
      if (parsed.totalResults === 0) {
        return new Response(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '404',
            detail: 'Not found',
          }),
          { status: 404, headers: { 'content-type': 'application/scim+json' } },
        );
      }
    }
    return new Response(text === '' ? null : text, { status: response.status, headers: response.headers });
  };
  return { ...server, paths, maxInFlight: () => maxInFlight };
}
