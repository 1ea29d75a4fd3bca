import { CliError } from '../errors.ts';

/** A JSON answer: status, headers and the parsed body (`undefined` when empty or not JSON). */
export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The `fetch` the CLI uses; injectable so tests and embedders can wrap it. */
export type Fetch = typeof fetch;

/**
 * Sends one request and reads its body as JSON. Network failures become a `CliError` naming
 * the URL, never a stack trace.
 */
export async function requestJson(
  fetchImpl: Fetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal },
): Promise<JsonReply> {
  const requestInit: RequestInit = { method: init.method, headers: init.headers, redirect: 'manual' };
  if (init.body !== undefined) requestInit.body = JSON.stringify(init.body);
  if (init.signal !== undefined) requestInit.signal = init.signal;
  let response: Response;
  try {
    response = await fetchImpl(url, requestInit);
  } catch (error) {
    throw new CliError(`Could not reach ${new URL(url).origin}: ${networkReason(error)}.`, {
      hint: 'Check the URL and that the server is running.',
      cause: error,
    });
  }
  const text = await response.text();
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

/** The most useful line of a fetch failure: undici hides the errno in `cause`. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code !== undefined) return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The `detail` of a SCIM error body (or the admin API's), else the HTTP status line. */
export function errorDetail(reply: JsonReply): string {
  const body = reply.body as { detail?: unknown; message?: unknown; error?: unknown } | undefined;
  const detail = body?.detail ?? body?.message ?? body?.error;
  return typeof detail === 'string' && detail !== '' ? detail : `HTTP ${reply.status}`;
}
