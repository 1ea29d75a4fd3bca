/**
 * The `scimType` keywords a 400 (or 409) error may carry: RFC 7644 §3.12, and RFC 9865 §2.3's
 * cursor errors.
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

/** The RFC 7644 §3.12 error response body. `status` is a string, as the RFC's examples show. */
export interface ScimErrorBody {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

/** Options accepted by every `ScimError` factory. */
export interface ScimErrorOptions {
  cause?: unknown;
  /** Zero-based character offset in a filter or path where parsing failed. */
  position?: number;
  /** Extra response headers the HTTP layer should send (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/** RFC 7644 §3.12 error message URN. */
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error' as const;

const BRAND = Symbol.for('scimkit.ScimError');

/**
 * A SCIM protocol error (RFC 7644 §3.12): an HTTP status, an optional `scimType` and a
 * human-readable `detail`. Every package of scimkit throws only these for bad input.
 */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  readonly position: number | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, detail: string, scimType?: ScimType, options: ScimErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.position = options.position;
    this.headers = options.headers;
    // A Symbol.for brand, not instanceof: two installed copies must recognise each other.
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The RFC 7644 §3.12 body. A 500 never carries the detail of what went wrong inside. */
  toJSON(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(this.status) };
    if (this.scimType !== undefined) body.scimType = this.scimType;
    body.detail = this.status === 500 ? 'Internal server error.' : this.detail;
    return body;
  }

  /** A fetch `Response` carrying the error body as `application/scim+json`. */
  toResponse(init: { headers?: Record<string, string> } = {}): Response {
    return new Response(JSON.stringify(this.toJSON()), {
      status: this.status,
      headers: { 'content-type': 'application/scim+json; charset=utf-8', ...this.headers, ...init.headers },
    });
  }

  /** 400 `invalidFilter`: the filter syntax is invalid or names something that cannot be filtered. */
  static invalidFilter(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidFilter', options);
  }
  /** 400 `tooMany`: the query would return more results than the server allows. */
  static tooMany(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'tooMany', options);
  }
  /** 409 `uniqueness`: a value that must be unique is already taken. */
  static uniqueness(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(409, detail, 'uniqueness', options);
  }
  /** 400 `mutability`: the request tries to change a readOnly or immutable attribute. */
  static mutability(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'mutability', options);
  }
  /** 400 `invalidSyntax`: the request body is not a valid SCIM message. */
  static invalidSyntax(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidSyntax', options);
  }
  /** 400 `invalidPath`: a PATCH path is malformed or names nothing. */
  static invalidPath(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidPath', options);
  }
  /** 400 `noTarget`: a PATCH path with a filter matched nothing where a target is required. */
  static noTarget(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'noTarget', options);
  }
  /** 400 `invalidValue`: a value has the wrong type, is missing, or is not allowed. */
  static invalidValue(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidValue', options);
  }
  /** 400 `invalidVers`: the SCIM protocol version is not supported. */
  static invalidVers(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidVers', options);
  }
  /** 400 `sensitive`: sensitive data was sent in the URL. */
  static sensitive(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'sensitive', options);
  }
  /** 400 `invalidCursor` (RFC 9865): the cursor is not one this query returned. */
  static invalidCursor(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidCursor', options);
  }
  /** 400 `expiredCursor` (RFC 9865): the cursor was valid but has expired. */
  static expiredCursor(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'expiredCursor', options);
  }
  /** 400 `invalidCount` (RFC 9865): the count is not a number the service provider accepts. */
  static invalidCount(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, 'invalidCount', options);
  }
  /** 400 without a `scimType`. */
  static badRequest(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(400, detail, undefined, options);
  }
  /** 401: missing or invalid credentials. */
  static unauthorized(detail = 'Authentication required.', options?: ScimErrorOptions): ScimError {
    return new ScimError(401, detail, undefined, {
      ...options,
      headers: { 'www-authenticate': 'Bearer', ...options?.headers },
    });
  }
  /** 403: authenticated but not allowed. */
  static forbidden(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(403, detail, undefined, options);
  }
  /** 404: the resource or endpoint does not exist. */
  static notFound(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(404, detail, undefined, options);
  }
  /** 405: the endpoint does not support the method. */
  static methodNotAllowed(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(405, detail, undefined, options);
  }
  /** 409 without `scimType`: the request conflicts with the state of the resource. */
  static conflict(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(409, detail, undefined, options);
  }
  /** 412: `If-Match` or an expected version does not match the current version. */
  static preconditionFailed(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(412, detail, undefined, options);
  }
  /** 413: the request body is larger than the server accepts (RFC 7644 §3.7.4). */
  static payloadTooLarge(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(413, detail, undefined, options);
  }
  /** 429: rate limited; `retryAfterSeconds` becomes the `Retry-After` header. */
  static tooManyRequests(detail: string, retryAfterSeconds: number, options?: ScimErrorOptions): ScimError {
    return new ScimError(429, detail, undefined, {
      ...options,
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))), ...options?.headers },
    });
  }
  /** 500: something failed inside; the body never says what. */
  static internal(detail = 'Internal server error.', options?: ScimErrorOptions): ScimError {
    return new ScimError(500, detail, undefined, options);
  }
  /** 501: the operation is not implemented (e.g. `/Me`). */
  static notImplemented(detail: string, options?: ScimErrorOptions): ScimError {
    return new ScimError(501, detail, undefined, options);
  }
}

/**
 * True for a `ScimError` from any installed copy of this package: it checks a
 * `Symbol.for` brand, because `instanceof` fails across two copies.
 */
export function isScimError(value: unknown): value is ScimError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** The parts of one problem statement: what failed, what was expected, what was found. */
export interface ProblemParts {
  failed: string;
  expected?: string;
  found?: string;
  example?: string;
}

/**
 * Builds every scimkit error message the same way:
 * "<what failed>: expected <expectation>, found <what was found>. Example: <example>".
 */
export function describeProblem(parts: ProblemParts): string {
  let message = parts.failed;
  if (parts.expected !== undefined && parts.found !== undefined) {
    message += `: expected ${parts.expected}, found ${parts.found}`;
  } else if (parts.expected !== undefined) {
    message += `: expected ${parts.expected}`;
  } else if (parts.found !== undefined) {
    message += `: found ${parts.found}`;
  }
  if (!/[.!?]$/.test(message)) message += '.';
  if (parts.example !== undefined) message += ` Example: ${parts.example}`;
  return message;
}

/** Short printable form of an input value for error messages; never dumps a huge value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  return `${typeof value} ${String(value)}`;
}
