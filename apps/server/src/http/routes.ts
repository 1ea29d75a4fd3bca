import { ScimError } from '@scimkit/schema';

interface KnownPath {
  pattern: RegExp;
  methods: readonly string[];
  /** For `/{resourceType}` patterns: the segment that must name a resource endpoint. */
  endpointGroup?: number;
}

const TENANT = '/scim/[^/]+/v2';

/** Every path the server answers and its methods, so a wrong method is a 405, not a 404. */
const KNOWN_PATHS: readonly KnownPath[] = [
  { pattern: new RegExp(`^${TENANT}/ServiceProviderConfig$`), methods: ['GET'] },
  { pattern: new RegExp(`^${TENANT}/(?:Schemas|ResourceTypes)(?:/[^/]+)?$`), methods: ['GET'] },
  { pattern: new RegExp(`^${TENANT}/Bulk$`), methods: ['POST'] },
  { pattern: new RegExp(`^${TENANT}/Me$`), methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
  { pattern: new RegExp(`^${TENANT}/\\.search$`), methods: ['POST'] },
  { pattern: new RegExp(`^${TENANT}/([^/]+)/\\.search$`), methods: ['POST'], endpointGroup: 1 },
  { pattern: new RegExp(`^${TENANT}/([^/]+)$`), methods: ['GET', 'POST'], endpointGroup: 1 },
  {
    pattern: new RegExp(`^${TENANT}/([^/]+)/[^/]+$`),
    methods: ['GET', 'PUT', 'PATCH', 'DELETE'],
    endpointGroup: 1,
  },
  { pattern: /^\/admin\/tenants$/, methods: ['GET', 'POST'] },
  { pattern: /^\/admin\/tenants\/[^/]+$/, methods: ['GET', 'DELETE'] },
  { pattern: /^\/admin\/tenants\/[^/]+\/tokens$/, methods: ['GET', 'POST'] },
  { pattern: /^\/admin\/tenants\/[^/]+\/tokens\/[^/]+$/, methods: ['PATCH', 'DELETE'] },
  { pattern: /^\/admin\/tenants\/[^/]+\/events$/, methods: ['GET'] },
  { pattern: /^\/(?:healthz|readyz|openapi\.json|docs)$/, methods: ['GET'] },
];

/**
 * Collapses doubled slashes and drops a trailing one (`/v2//Users/` → `/v2/Users`): admins
 * paste Tenant URLs with a trailing slash and Entra appends `/Users` to them.
 */
export function normalizePath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

/**
 * The error for a request no route matched: 405 with `Allow` when the path exists for other
 * methods, else 404. `isEndpoint` tells whether a `/{segment}` names a resource type.
 */
export function unmatchedRouteError(
  method: string,
  path: string,
  isEndpoint: (segment: string) => boolean = () => true,
): ScimError {
  const normalized = normalizePath(path);
  for (const known of KNOWN_PATHS) {
    const match = known.pattern.exec(normalized);
    if (match === null) continue;
    if (known.endpointGroup !== undefined && !isEndpoint(decodeSegment(match[known.endpointGroup] ?? ''))) {
      continue;
    }
    if (known.methods.includes(method.toUpperCase())) break;
    const allow = known.methods.includes('GET') ? [...known.methods, 'HEAD'] : known.methods;
    return ScimError.methodNotAllowed(
      `The method ${method.toUpperCase()} is not allowed here; allowed: ${allow.join(', ')}.`,
      { headers: { allow: allow.join(', ') } },
    );
  }
  return ScimError.notFound(`No endpoint answers ${method.toUpperCase()} ${truncate(normalized)}.`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
