import { describeProblem, ScimError } from '@scimkit/schema';

/** Limits applied while reading one body. */
export interface BodyLimits {
  maxBytes: number;
  maxDepth: number;
}

/** Where a body's bytes come from: a web stream, or a runtime's own stream of them. */
export type BodyBytes = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Keys that would reach `Object.prototype` through careless merging downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a request body as SCIM JSON: `application/scim+json` or `application/json` (any
 * charset parameter must be UTF-8), at most `maxBytes` (413 before anything is parsed),
 * parsed with exactly one `JSON.parse`, then checked for depth and prototype keys.
 * Returns `null` for an empty body. The bytes come from `body`: `request.body`, or the same
 * bytes from a source the runtime reads more cheaply (see `AppOptions.bodySource`).
 */
export async function readJsonBody(
  request: Request,
  limits: BodyLimits,
  body: BodyBytes | null = request.body,
): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  checkContentType(contentType);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limits.maxBytes) {
    await drain(
      body === null ? undefined : chunksOf(body),
      Number(declared) <= drainBudget(limits.maxBytes) ? Number.POSITIVE_INFINITY : 0,
    );
    throw tooLarge(limits.maxBytes);
  }
  const bytes = body === null ? new Uint8Array(0) : await readLimited(chunksOf(body), limits.maxBytes);
  if (bytes.byteLength === 0) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw ScimError.invalidSyntax('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The request body is not valid JSON',
        found: error instanceof Error ? error.message : 'a parse error',
      }),
      { cause: error },
    );
  }
  checkShape(value, limits.maxDepth);
  return value;
}

function checkContentType(header: string | null): void {
  // A body without a content type is read as JSON: some clients omit it, none mean otherwise.
  if (header === null || header.trim() === '') return;
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/scim+json' && mediaType !== 'application/json') {
    throw new ScimError(
      415,
      describeProblem({
        failed: 'The request body has an unsupported content type',
        expected: 'application/scim+json or application/json',
        found: JSON.stringify(header.slice(0, 100)),
      }),
    );
  }
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=').map((part) => part.trim().replace(/^"|"$/g, ''));
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') {
      throw new ScimError(
        415,
        describeProblem({
          failed: 'The request body has an unsupported charset',
          expected: 'utf-8',
          found: JSON.stringify(value.slice(0, 40)),
        }),
      );
    }
  }
}

function tooLarge(maxBytes: number): ScimError {
  return ScimError.payloadTooLarge(`The request body is larger than the maximum of ${maxBytes} bytes.`);
}

/**
 * How much of an oversize body is still read (and dropped) so the 413 reaches the client: a
 * server that closes a socket with unread request bytes makes the peer's TCP stack reset the
 * connection, and the client sees ECONNRESET instead of the answer. Beyond this, reset it.
 */
function drainBudget(maxBytes: number): number {
  return maxBytes * 8;
}

/** A body chunk by chunk; `stop` gives up on the rest (cancels a web stream, destroys a Node one). */
interface Chunks {
  next(): Promise<{ done: false; value: Uint8Array } | { done: true; value?: Uint8Array | undefined }>;
  stop(): Promise<unknown>;
}

function chunksOf(body: BodyBytes): Chunks {
  // A web stream's reader costs less per body than its async iterator, on every runtime.
  if ('getReader' in body) {
    const reader = body.getReader();
    return { next: () => reader.read(), stop: () => reader.cancel() };
  }
  const iterator = body[Symbol.asyncIterator]();
  return {
    // An async iterator's results have the shape of a reader's.
    next: () => iterator.next() as ReturnType<Chunks['next']>,
    stop: async () => iterator.return?.(),
  };
}

/** Reads and drops the rest of a body, or stops reading it once `budget` bytes have gone by. */
async function drain(chunks: Chunks | undefined, budget: number): Promise<void> {
  if (chunks === undefined) return;
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await chunks.next();
      if (done) return;
      seen += value.byteLength;
      if (seen > budget) break;
    }
    await chunks.stop();
  } catch {
    // The client went away: nothing left to drain.
  }
}

async function readLimited(body: Chunks, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await body.next();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Never buffer the rest of a huge body: drop it (up to a budget), then answer 413.
      await drain(body, drainBudget(maxBytes) - total);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** One iterative walk: a deep body cannot overflow the stack here or in later recursive code. */
function checkShape(root: unknown, maxDepth: number): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) {
      throw ScimError.invalidSyntax(`The request body is nested deeper than ${maxDepth} levels.`);
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw ScimError.invalidSyntax(`The request body contains the forbidden key ${JSON.stringify(key)}.`);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
}
