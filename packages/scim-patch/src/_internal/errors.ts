import {
  describeProblem,
  isScimError,
  type ProblemParts,
  ScimError,
  type ScimErrorOptions,
} from '@scimkit/schema';

type OperationErrorType = 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'mutability' | 'noTarget';

const PREFIX = /^Operations\[\d+\]/;

/** The one builder of PATCH error details: "Operations[i]: <what failed>: expected …, found …". */
export function operationError(index: number, scimType: OperationErrorType, parts: ProblemParts): ScimError {
  return new ScimError(400, `Operations[${index}]: ${describeProblem(parts)}`, scimType);
}

/**
 * Names the operation in a `ScimError` raised by a lower layer (schema normaliser, path
 * parser), so the client can tell which of its operations failed. Other values pass through.
 */
export function inOperation(index: number, error: unknown): unknown {
  if (!isScimError(error) || PREFIX.test(error.detail)) return error;
  const options: ScimErrorOptions = { cause: error };
  if (error.position !== undefined) options.position = error.position;
  if (error.headers !== undefined) options.headers = error.headers;
  return new ScimError(error.status, `Operations[${index}]: ${error.detail}`, error.scimType, options);
}

/** Quotes a path or name for a message, shortening very long input. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}
