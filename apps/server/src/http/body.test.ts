import { isScimError } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body.ts';

const limits = { maxBytes: 64, maxDepth: 4 };

function request(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/scim+json', ...headers },
  };
  if (typeof body !== 'string') init.duplex = 'half';
  return new Request('http://scim.test/x', init);
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; scimType?: string; detail: string }> {
  try {
    await promise;
  } catch (error) {
    if (isScimError(error))
      return { status: error.status, scimType: error.scimType, detail: error.detail } as never;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('readJsonBody', () => {
  it('parses SCIM and plain JSON, with or without a charset', async () => {
    expect(await readJsonBody(request('{"a":1}'), limits)).toEqual({ a: 1 });
    expect(
      await readJsonBody(request('{"a":1}', { 'content-type': 'application/json; charset=UTF-8' }), limits),
    ).toEqual({ a: 1 });
    expect(await readJsonBody(request('\uFEFF{"a":1}'), limits)).toEqual({ a: 1 });
  });

  it('returns null for an empty body', async () => {
    expect(await readJsonBody(request(''), limits)).toBeNull();
  });

  it('rejects other content types with 415', async () => {
    expect(
      await failure(
        readJsonBody(request('a=1', { 'content-type': 'application/x-www-form-urlencoded' }), limits),
      ),
    ).toMatchObject({
      status: 415,
      detail:
        'The request body has an unsupported content type: expected application/scim+json or application/json, found "application/x-www-form-urlencoded".',
    });
    expect(
      (
        await failure(
          readJsonBody(request('{}', { 'content-type': 'application/json; charset=latin1' }), limits),
        )
      ).status,
    ).toBe(415);
  });

  it('rejects a declared oversize body with 413 before reading it', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('must not be read');
      },
    });
    expect(await failure(readJsonBody(request(body, { 'content-length': '100000' }), limits))).toMatchObject({
      status: 413,
      detail: 'The request body is larger than the maximum of 64 bytes.',
    });
  });

  it('stops reading an endless chunked body shortly after it passes the limit', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode('x'.repeat(40)));
      },
    });
    expect((await failure(readJsonBody(request(body), limits))).status).toBe(413);
    // The limit is 64 bytes; at most 8 × 64 are drained so that the 413 still reaches the client.
    expect(pulls).toBeLessThan(16);
  });

  it('rejects malformed JSON and invalid UTF-8 as invalidSyntax', async () => {
    expect(await failure(readJsonBody(request('{"a":'), limits))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
    });
    const bad = new Request('http://scim.test/x', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
      headers: { 'content-type': 'application/scim+json' },
    });
    expect(await failure(readJsonBody(bad, limits))).toMatchObject({
      status: 400,
      detail: 'The request body is not valid UTF-8.',
    });
  });

  it('rejects nesting deeper than the limit', async () => {
    expect(await failure(readJsonBody(request('[[[[[1]]]]]'), limits))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
      detail: 'The request body is nested deeper than 4 levels.',
    });
    expect(await readJsonBody(request('[[[1]]]'), limits)).toEqual([[[1]]]);
  });

  it('rejects prototype keys anywhere', async () => {
    for (const body of ['{"__proto__":{"x":1}}', '{"a":[{"constructor":{}}]}', '{"b":{"prototype":1}}']) {
      expect(await failure(readJsonBody(request(body), limits))).toMatchObject({
        status: 400,
        scimType: 'invalidSyntax',
      });
    }
  });
});
