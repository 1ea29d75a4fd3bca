import {
  type BulkMethod,
  type BulkResponse,
  type BulkResponseOperation,
  describeProblem,
  describeValue,
  isPlainObject,
  isScimError,
  type ResourceTypeDefinition,
  ScimError,
  URN,
} from '@scimkit/schema';
import type { Responder } from '../http/respond.ts';
import { createResource, deleteResource, patchResource, replaceResource } from './operations.ts';
import { findResourceType, resourceLocation, type ScimDeps, type TenantScope, tenantScope } from './scope.ts';

const METHODS: readonly BulkMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const BULK_ID_REFERENCE = /^bulkId:(.+)$/;

interface PlannedOperation {
  index: number;
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
  /** bulkIds this operation refers to (`bulkId:<id>` in its path or data). */
  references: Set<string>;
}

/** Thrown for an operation whose shape is wrong; it becomes that operation's 400. */
type Planned =
  | PlannedOperation
  | { index: number; method: BulkMethod | string; bulkId?: string; error: ScimError };

/**
 * POST /Bulk (RFC 7644 §3.7). Operations run one by one in the tenant's scope; an operation
 * that refers to a `bulkId` waits until the POST that defines it has run, so a group may
 * name members created later in the same request (§3.7.2). An operation whose reference
 * cannot be resolved (undefined, failed, or circular) fails with 409. Processing stops
 * once `failOnErrors` operations have failed. Answers are listed in request order.
 */
export async function handleBulk(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  body: unknown,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  return scope.respond.scimJson(await runBulk(scope, body));
}

/** Runs a BulkRequest and builds its BulkResponse. */
export async function runBulk(scope: TenantScope, body: unknown): Promise<BulkResponse> {
  const { operations, failOnErrors } = readBulkRequest(scope, body);
  const results: { index: number; result: BulkResponseOperation }[] = [];
  const created = new Map<string, string>();
  const failedBulkIds = new Set<string>();
  let errors = 0;
  let current = 0;
  const record = (result: BulkResponseOperation, failed: boolean): boolean => {
    results.push({ index: current, result });
    if (failed) errors++;
    return failOnErrors !== undefined && errors >= failOnErrors;
  };

  let pending = operations.map(plan);
  while (pending.length > 0) {
    const waiting: Planned[] = [];
    let progressed = false;
    for (const operation of pending) {
      current = operation.index;
      if ('error' in operation) {
        progressed = true;
        if (operation.bulkId !== undefined) failedBulkIds.add(operation.bulkId);
        if (record(errorResult(operation.method, operation.bulkId, operation.error), true))
          return response(results);
        continue;
      }
      const unresolved = [...operation.references].filter((id) => !created.has(id));
      const broken = unresolved.find((id) => failedBulkIds.has(id) || !definedBy(pending, id));
      if (broken !== undefined) {
        progressed = true;
        if (operation.bulkId !== undefined) failedBulkIds.add(operation.bulkId);
        const error = ScimError.conflict(
          `The bulkId ${JSON.stringify(broken)} does not refer to a resource created in this request.`,
        );
        if (record(errorResult(operation.method, operation.bulkId, error), true)) return response(results);
        continue;
      }
      if (unresolved.length > 0) {
        waiting.push(operation);
        continue;
      }
      progressed = true;
      const outcome = await execute(scope, operation, created);
      if (outcome.failed && operation.bulkId !== undefined) failedBulkIds.add(operation.bulkId);
      if (record(outcome.result, outcome.failed)) return response(results);
    }
    if (!progressed) {
      // Everything left waits on another waiting operation: a cycle the service cannot order.
      for (const operation of waiting) {
        current = operation.index;
        const error = ScimError.conflict('The operation is part of a circular bulkId reference.');
        if (record(errorResult(operation.method, operation.bulkId, error), true)) return response(results);
      }
      break;
    }
    pending = waiting;
  }
  return response(results);
}

// Answers follow the request's order, whatever order bulkId references forced on execution.
function response(results: { index: number; result: BulkResponseOperation }[]): BulkResponse {
  const ordered = [...results].sort((a, b) => a.index - b.index).map(({ result }) => result);
  return { schemas: [URN.BulkResponse], Operations: ordered };
}

function definedBy(operations: readonly Planned[], bulkId: string): boolean {
  return operations.some((operation) => operation.method === 'POST' && operation.bulkId === bulkId);
}

function readBulkRequest(
  scope: TenantScope,
  body: unknown,
): { operations: unknown[]; failOnErrors?: number } {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The bulk request is not valid',
        expected: 'a BulkRequest JSON object',
        found: describeValue(body),
      }),
    );
  }
  const fields = new Map(Object.keys(body).map((key) => [key.toLowerCase(), body[key]]));
  const operations = fields.get('operations');
  if (!Array.isArray(operations)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The bulk request is not valid',
        expected: 'an "Operations" array',
        found: describeValue(operations),
      }),
    );
  }
  if (operations.length > scope.limits.bulkMaxOperations) {
    throw ScimError.payloadTooLarge(
      `The bulk request has ${operations.length} operations; the maximum is ${scope.limits.bulkMaxOperations}.`,
    );
  }
  const failOnErrors = fields.get('failonerrors');
  if (failOnErrors === undefined || failOnErrors === null) return { operations };
  if (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1) {
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'failOnErrors is not valid',
        expected: 'an integer of 1 or more',
        found: describeValue(failOnErrors),
      }),
    );
  }
  return { operations, failOnErrors };
}

function plan(input: unknown, index: number): Planned {
  const fail = (detail: string, method: string = 'POST', bulkId?: string): Planned => {
    const planned: Planned = {
      index,
      method,
      error: ScimError.invalidSyntax(`Operation ${index + 1}: ${detail}`),
    };
    if (bulkId !== undefined) planned.bulkId = bulkId;
    return planned;
  };
  if (!isPlainObject(input)) return fail(`expected a JSON object, found ${describeValue(input)}.`);
  const fields = new Map(Object.keys(input).map((key) => [key.toLowerCase(), input[key]]));
  const methodText = fields.get('method');
  const method = typeof methodText === 'string' ? methodText.toUpperCase() : '';
  const bulkIdValue = fields.get('bulkid');
  const bulkId = typeof bulkIdValue === 'string' && bulkIdValue !== '' ? bulkIdValue : undefined;
  if (!(METHODS as readonly string[]).includes(method)) {
    return fail(
      `expected "method" to be POST, PUT, PATCH or DELETE, found ${describeValue(methodText)}.`,
      method || 'POST',
      bulkId,
    );
  }
  const path = fields.get('path');
  if (typeof path !== 'string' || path === '') return fail('"path" is required.', method, bulkId);
  if (method === 'POST' && bulkId === undefined) return fail('"bulkId" is required for POST.', method);
  const version = fields.get('version');
  const data = fields.get('data');
  if (method !== 'DELETE' && data === undefined) return fail('"data" is required.', method, bulkId);
  const references = new Set<string>();
  collectReferences(path, references);
  collectReferences(data, references);
  const planned: PlannedOperation = { index, method: method as BulkMethod, path, references };
  if (bulkId !== undefined) planned.bulkId = bulkId;
  if (typeof version === 'string') planned.version = version;
  if (data !== undefined) planned.data = data;
  return planned;
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    // In a path the reference is the last segment: /Groups/bulkId:qwerty.
    const match = BULK_ID_REFERENCE.exec(value.slice(value.lastIndexOf('/') + 1));
    if (match?.[1] !== undefined) into.add(match[1]);
  } else if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) collectReferences(value[key], into);
  }
}

function substitute(value: unknown, created: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const match = BULK_ID_REFERENCE.exec(value);
    return match?.[1] !== undefined ? (created.get(match[1]) ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, created));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = substitute(value[key], created);
    return copy;
  }
  return value;
}

interface Target {
  type: ResourceTypeDefinition;
  id?: string;
}

function target(
  scope: TenantScope,
  operation: PlannedOperation,
  created: ReadonlyMap<string, string>,
): Target {
  // Paths are relative to the Tenant URL: never absolute URLs, never another tenant.
  const match = /^\/?([^/?#]+)(?:\/([^/?#]+))?\/?$/.exec(operation.path);
  const segment = match?.[1];
  const type = segment === undefined ? undefined : findResourceType(scope.registry, segment);
  if (type === undefined) {
    throw ScimError.invalidValue(
      describeProblem({
        failed: `Operation ${operation.index + 1} has an invalid path`,
        expected: 'a resource endpoint such as /Users or /Users/{id}',
        found: describeValue(operation.path),
      }),
    );
  }
  const rawId = match?.[2];
  if (operation.method === 'POST') {
    if (rawId !== undefined)
      throw ScimError.invalidValue(
        `Operation ${operation.index + 1}: a POST path names an endpoint, not a resource.`,
      );
    return { type };
  }
  if (rawId === undefined) {
    throw ScimError.invalidValue(
      `Operation ${operation.index + 1}: a ${operation.method} path must name a resource, such as /Users/{id}.`,
    );
  }
  const decoded = safeDecode(rawId);
  return { type, id: String(substitute(decoded, created)) };
}

async function execute(
  scope: TenantScope,
  operation: PlannedOperation,
  created: Map<string, string>,
): Promise<{ result: BulkResponseOperation; failed: boolean }> {
  try {
    const { type, id } = target(scope, operation, created);
    const data = substitute(operation.data, created);
    const ifMatch = operation.version === undefined ? undefined : [operation.version];
    const result: BulkResponseOperation = { method: operation.method, status: '200' };
    if (operation.bulkId !== undefined) result.bulkId = operation.bulkId;
    switch (operation.method) {
      case 'POST': {
        const resource = await createResource(scope, type, data);
        if (operation.bulkId !== undefined) created.set(operation.bulkId, resource.id);
        Object.assign(result, {
          status: '201',
          location: resource.meta.location,
          version: resource.meta.version,
        });
        break;
      }
      case 'PUT': {
        const resource = await replaceResource(scope, type, id!, data, ifMatch);
        Object.assign(result, { location: resource.meta.location, version: resource.meta.version });
        break;
      }
      case 'PATCH': {
        const resource = await patchResource(scope, type, id!, data, ifMatch, { excludeMembers: true });
        Object.assign(result, { location: resource.meta.location, version: resource.meta.version });
        break;
      }
      case 'DELETE':
        await deleteResource(scope, type, id!, ifMatch);
        Object.assign(result, { status: '204', location: resourceLocation(scope, type, id!) });
        break;
    }
    return { result, failed: false };
  } catch (error) {
    // Only SCIM errors become per-operation answers; anything else is a server fault.
    if (!isScimError(error) || error.status >= 500) throw error;
    return { result: errorResult(operation.method, operation.bulkId, error), failed: true };
  }
}

function errorResult(method: string, bulkId: string | undefined, error: ScimError): BulkResponseOperation {
  const result: BulkResponseOperation = {
    method: method as BulkMethod,
    status: String(error.status),
    response: error.toJSON(),
  };
  if (bulkId !== undefined) result.bulkId = bulkId;
  return result;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
