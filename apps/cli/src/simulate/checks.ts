import { URN } from '@scimkit/schema';
import type { Reply } from './client.ts';

/**
 * Checks of one answer, each returning the problems it found (empty when fine). Messages say
 * what Entra expected and what came back, so a failure in the report explains itself.
 */

/** A property read the way Entra reads attribute names: case-insensitively. */
export function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

/** A short description of an answer for messages: `404 (User not found)`. */
export function describeReply(reply: Reply): string {
  if (reply.networkError !== undefined) return `no answer (${reply.networkError})`;
  const detail = field(reply.body, 'detail');
  return typeof detail === 'string' && detail !== ''
    ? `${reply.status} (${truncate(detail, 120)})`
    : String(reply.status);
}

/** The status is one of `expected`; a JSON answer's content type is SCIM's (or plain JSON). */
export function expectStatus(reply: Reply, ...expected: number[]): string[] {
  if (expected.includes(reply.status)) return expectJsonBody(reply);
  return [`expected ${expected.join(' or ')}, got ${describeReply(reply)}`];
}

function expectJsonBody(reply: Reply): string[] {
  if (reply.status === 204) return [];
  if (reply.unparsable === true) return ['the body is not JSON'];
  if (reply.body === undefined) return [];
  // Entra parses application/json as well; anything else is not a SCIM answer.
  if (!/^application\/(scim\+)?json\b/i.test(reply.contentType)) {
    return [`expected Content-Type application/scim+json, got ${JSON.stringify(reply.contentType)}`];
  }
  return [];
}

/**
 * A 200 ListResponse (RFC 7644 §3.4.2) with `expected` results when given. An empty result
 * must be a 200 with `totalResults: 0`: a 404 fails Test Connection and quarantines the job.
 */
export function expectList(reply: Reply, expected?: number): string[] {
  const problems = expectStatus(reply, 200);
  if (problems.length > 0) return problems;
  const schemas = field(reply.body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes(URN.ListResponse)) {
    problems.push(`expected schemas to contain ${URN.ListResponse}`);
  }
  const total = field(reply.body, 'totalResults');
  const resources = field(reply.body, 'Resources');
  if (typeof total !== 'number')
    problems.push(`expected a numeric totalResults, got ${JSON.stringify(total)}`);
  if (resources !== undefined && !Array.isArray(resources))
    problems.push('expected Resources to be an array');
  const count = Array.isArray(resources) ? resources.length : 0;
  if (expected !== undefined && (total !== expected || count !== expected)) {
    problems.push(
      `expected ${expected} result${expected === 1 ? '' : 's'}, got totalResults ${total} with ${count} resources`,
    );
  }
  return problems;
}

/** The resources of a ListResponse (empty for anything else). */
export function listResources(reply: Reply): Record<string, unknown>[] {
  const resources = field(reply.body, 'Resources');
  return Array.isArray(resources) ? (resources as Record<string, unknown>[]) : [];
}

/** The number of results of a ListResponse, or `undefined` when the answer is not one. */
export function listCount(reply: Reply): number | undefined {
  if (reply.status !== 200) return undefined;
  const total = field(reply.body, 'totalResults');
  return typeof total === 'number' ? total : undefined;
}

/** An RFC 7644 §3.12 error: the status, a string `status` in the body, and `scimType` when asked. */
export function expectError(reply: Reply, status: number, scimType?: string): string[] {
  if (reply.status !== status)
    return [`expected ${status}${scimType ? ` ${scimType}` : ''}, got ${describeReply(reply)}`];
  const problems: string[] = [];
  const schemas = field(reply.body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes(URN.Error))
    problems.push(`expected an error body with ${URN.Error}`);
  const bodyStatus = field(reply.body, 'status');
  if (bodyStatus !== String(status)) {
    problems.push(
      `expected "status": "${status}" (a string) in the error body, got ${JSON.stringify(bodyStatus)}`,
    );
  }
  const type = field(reply.body, 'scimType');
  if (scimType !== undefined && type !== scimType) {
    problems.push(`expected scimType ${JSON.stringify(scimType)}, got ${JSON.stringify(type)}`);
  }
  return problems;
}

/** A resource answer: the expected status and an `id`. */
export function expectResource(reply: Reply, status: number): string[] {
  const problems = expectStatus(reply, status);
  if (problems.length > 0) return problems;
  const id = field(reply.body, 'id');
  if (typeof id !== 'string' || id === '') problems.push('expected the resource with its id in the body');
  return problems;
}

/** Compares one attribute of a resource to the value Entra expects to read back. */
export function expectAttribute(
  resource: unknown,
  label: string,
  actual: unknown,
  expected: unknown,
): string[] {
  if (resource === undefined) return [];
  if (expected === undefined) {
    return actual === undefined || actual === null || actual === ''
      ? []
      : [`expected ${label} to be cleared, got ${JSON.stringify(actual)}`];
  }
  return sameValue(actual, expected)
    ? []
    : [`expected ${label} ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') return actual === expected;
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** The `value` of the element of a multi-valued attribute with the given `type`. */
export function typedValue(resource: unknown, attribute: string, type: string, sub = 'value'): unknown {
  const values = field(resource, attribute);
  if (!Array.isArray(values)) return undefined;
  const element = values.find((item) => String(field(item, 'type')).toLowerCase() === type);
  return field(element, sub);
}

/** The enterprise extension of a user. */
export function enterprise(resource: unknown): unknown {
  return field(resource, URN.EnterpriseUser);
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
