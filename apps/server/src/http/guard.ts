import type { Responder } from './respond.ts';

/**
 * Runs a route with the responder of its request and turns anything it throws into the
 * server's one error answer (an RFC 7644 §3.12 body). See `createApp` for why routes do not
 * leave this to Elysia's onError.
 */
export type Guard = (request: Request, run: (respond: Responder) => Promise<Response>) => Promise<Response>;
