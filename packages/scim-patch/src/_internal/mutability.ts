import { type AttributeDefinition, deepEqual, isPlainObject } from '@scimkit/schema';
import type { Step } from './context.ts';
import { operationError, quote } from './errors.ts';
import { readKey } from './values.ts';

/**
 * Refuses a change the schema forbids (RFC 7644 §3.5.2, RFC 7643 §2.2): a readOnly attribute
 * never changes (sending its current value is not a change), an immutable one can be set once,
 * a required one cannot become unassigned. For a single-valued complex attribute the same rules
 * apply to each sub-attribute.
 */
export function checkChange(
  step: Step,
  definition: AttributeDefinition,
  path: string,
  before: unknown,
  after: unknown,
): void {
  if (before === after) return;
  checkAttribute(step, definition, path, before, after);
  if (definition.type === 'complex' && !definition.multiValued) {
    checkElement(step, definition, path, before, after);
  }
}

/**
 * The sub-attribute rules for one complex value (a single-valued attribute or an element of a
 * multi-valued one) that is set or changed. A readOnly sub-attribute is derived by the server,
 * so it may drop out when the value is rebuilt (a new manager loses the old one's
 * `displayName`); a value that goes away as a whole is its parent's business.
 */
export function checkElement(
  step: Step,
  definition: AttributeDefinition,
  path: string,
  before: unknown,
  after: unknown,
): void {
  if (!isPlainObject(after)) return;
  const previous = isPlainObject(before) ? before : undefined;
  for (const sub of definition.subAttributes ?? []) {
    if (sub.mutability !== 'readOnly' && sub.mutability !== 'immutable' && !sub.required) continue;
    const was = previous === undefined ? undefined : readKey(previous, sub.name);
    const is = readKey(after, sub.name);
    if (sub.mutability === 'readOnly' && is === undefined) continue;
    checkAttribute(step, sub, `${path}.${sub.name}`, was, is);
  }
}

/** The rules for one attribute or sub-attribute, without looking into its sub-attributes. */
export function checkAttribute(
  step: Step,
  definition: AttributeDefinition,
  path: string,
  before: unknown,
  after: unknown,
): void {
  if (definition.mutability === 'readOnly') {
    if (!deepEqual(before, after)) {
      throw operationError(step.index, 'mutability', {
        failed: `The attribute ${quote(path)} is readOnly and cannot be changed`,
      });
    }
  } else if (definition.mutability === 'immutable') {
    if (before !== undefined && !deepEqual(before, after)) {
      throw operationError(step.index, 'mutability', {
        failed: `The attribute ${quote(path)} is immutable: it can be set once and already has a value`,
      });
    }
  }
  if (definition.required && after === undefined) {
    throw operationError(step.index, 'mutability', {
      failed: `The attribute ${quote(path)} is required and cannot be removed`,
    });
  }
}
