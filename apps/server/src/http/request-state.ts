/** What the server learns about one request on its way through the hooks. */
export interface RequestState {
  id: string;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  /** The authenticated tenant of a `/scim/{tenant}/v2` request. */
  tenantId?: string;
  /** The status of an error answer, which Elysia's `set.status` does not always carry. */
  errorStatus?: number;
  /** Set when the request was answered by re-dispatching a cleaned-up copy (logged there). */
  redispatched?: boolean;
}

const states = new WeakMap<Request, RequestState>();

/** Attaches state to a request (once, in `onRequest`). */
export function attachState(request: Request, state: RequestState): void {
  states.set(request, state);
}

/** The state attached to `request`; a fresh one when a hook ran without `onRequest`. */
export function stateOf(request: Request): RequestState {
  let state = states.get(request);
  if (state === undefined) {
    state = { id: newRequestId(), startedAt: performance.now() };
    states.set(request, state);
  }
  return state;
}

const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The client's `X-Request-Id` when it is safe to echo and log, else a new UUID. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given !== null && SAFE_REQUEST_ID.test(given) ? given : newRequestId();
}

function newRequestId(): string {
  return crypto.randomUUID();
}
