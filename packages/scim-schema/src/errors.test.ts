import { describe, expect, it } from 'vitest';
import { describeProblem, isScimError, ScimError } from './errors.ts';

describe('ScimError', () => {
  it('serialises to the RFC 7644 §3.12 body with status as a string', () => {
    const error = ScimError.uniqueness('userName "a" is already taken.');
    expect(error.toJSON()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'userName "a" is already taken.',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.toJSON());
  });

  it.each([
    ['invalidFilter', 400],
    ['tooMany', 400],
    ['uniqueness', 409],
    ['mutability', 400],
    ['invalidSyntax', 400],
    ['invalidPath', 400],
    ['noTarget', 400],
    ['invalidValue', 400],
    ['invalidVers', 400],
    ['sensitive', 400],
    ['invalidCursor', 400],
    ['expiredCursor', 400],
    ['invalidCount', 400],
  ] as const)('has a factory for %s answering %i', (scimType, status) => {
    const error = ScimError[scimType]('detail');
    expect(error.status).toBe(status);
    expect(error.scimType).toBe(scimType);
    expect(error.toJSON().scimType).toBe(scimType);
  });

  it('keeps the detail of a 501 or 503, which explains itself', () => {
    expect(ScimError.notImplemented('/Me is not supported.').toJSON().detail).toBe('/Me is not supported.');
    expect(new ScimError(503, 'Shutting down.').toJSON().detail).toBe('Shutting down.');
  });

  it('hides the detail of a 500', () => {
    const error = ScimError.internal('SQLITE_CORRUPT at /var/data/scim.db', { cause: new Error('boom') });
    expect(error.toJSON()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '500',
      detail: 'Internal server error.',
    });
  });

  it('carries headers for 401 and 429', () => {
    expect(ScimError.unauthorized().headers).toEqual({ 'www-authenticate': 'Bearer' });
    expect(ScimError.tooManyRequests('slow down', 1.2).headers).toEqual({ 'retry-after': '2' });
  });

  it('builds a SCIM response', async () => {
    const response = ScimError.notFound('No User with id "x".').toResponse();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(await response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: 'No User with id "x".',
    });
  });

  it('is recognised by brand across copies, not by instanceof', () => {
    const foreign = Object.create(null) as Record<symbol, unknown>;
    foreign[Symbol.for('scimkit.ScimError')] = true;
    expect(isScimError(foreign)).toBe(true);
    expect(isScimError(ScimError.badRequest('x'))).toBe(true);
    expect(isScimError(new Error('x'))).toBe(false);
    expect(isScimError({ status: 400, scimType: 'invalidValue' })).toBe(false);
    expect(isScimError(null)).toBe(false);
  });

  it('keeps the position of a parse error', () => {
    expect(ScimError.invalidFilter('bad', { position: 7 }).position).toBe(7);
  });
});

describe('describeProblem', () => {
  it('says what failed, what was expected and what was found', () => {
    expect(
      describeProblem({ failed: 'The filter is not valid', expected: 'a value', found: 'end of input' }),
    ).toBe('The filter is not valid: expected a value, found end of input.');
    expect(describeProblem({ failed: 'Bad thing.', example: 'userName eq "a"' })).toBe(
      'Bad thing. Example: userName eq "a"',
    );
  });
});
