import { describeProblem, isScimError, ScimError } from '@scimkit/schema';
import { ElysiaCustomStatusResponse, ValidationError } from 'elysia';

/**
 * Turns anything thrown during a request into a `ScimError` (RFC 7644 §3.12): SCIM errors
 * pass through, Elysia's parse errors unwrap to the SCIM error the body reader threw, its
 * 422 validation errors become 400 `invalidValue`, and everything unknown becomes a 500
 * whose body says nothing about the cause.
 */
export function toScimError(code: string | number, error: unknown): ScimError {
  if (isScimError(error)) return error;
  if (error instanceof ElysiaCustomStatusResponse) {
    const status = Number(error.code);
    const detail = typeof error.response === 'string' ? error.response : `HTTP ${status}`;
    return status >= 500 ? ScimError.internal(undefined, { cause: error }) : new ScimError(status, detail);
  }
  if (code === 'PARSE') {
    const cause = (error as { cause?: unknown } | null)?.cause;
    if (isScimError(cause)) return cause;
    return ScimError.invalidSyntax('The request body could not be read as JSON.', { cause: error });
  }
  if (code === 'VALIDATION' && error instanceof ValidationError) return fromValidation(error);
  if (code === 'INVALID_COOKIE_SIGNATURE') return ScimError.badRequest('Invalid cookie signature.');
  if (code === 'NOT_FOUND') return ScimError.notFound('No endpoint answers this path.');
  const status = (error as { status?: unknown } | null)?.status;
  // Elysia's own 4xx errors (e.g. a 422 file type) are client errors: a SCIM 400.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return ScimError.invalidValue(error instanceof Error ? error.message : 'The request is not valid.');
  }
  return ScimError.internal(undefined, { cause: error });
}

function fromValidation(error: ValidationError): ScimError {
  const first = error.all[0];
  const where = first?.path === undefined || first.path === '' ? '' : ` at ${first.path}`;
  const why = first?.summary ?? first?.message;
  return ScimError.invalidValue(
    describeProblem({
      failed: `The request ${error.type} is not valid${where}${why === undefined ? '' : `: ${why.charAt(0).toLowerCase()}${why.slice(1)}`}`,
    }),
    { cause: error },
  );
}
