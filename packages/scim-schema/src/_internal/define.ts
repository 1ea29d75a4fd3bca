import type { AttributeDefinition, AttributeType } from '../definitions/types.ts';

type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

/**
 * One attribute with RFC 7643 §2.2's defaults filled in (not required, not caseExact,
 * readWrite, returned by default, not unique, single-valued), so the definitions below
 * only state what differs.
 */
export function attr(
  name: string,
  type: AttributeType,
  description: string,
  options: AttributeOptions = {},
): AttributeDefinition {
  const definition: AttributeDefinition = {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
  };
  if (options.canonicalValues !== undefined) definition.canonicalValues = options.canonicalValues;
  if (options.referenceTypes !== undefined) definition.referenceTypes = options.referenceTypes;
  if (options.subAttributes !== undefined) definition.subAttributes = options.subAttributes;
  return definition;
}

/** A complex attribute. */
export function complex(
  name: string,
  description: string,
  subAttributes: readonly AttributeDefinition[],
  options: AttributeOptions = {},
): AttributeDefinition {
  return attr(name, 'complex', description, { ...options, subAttributes });
}

/**
 * The usual shape of RFC 7643 §2.4 multi-valued attributes: value, display, type, primary.
 */
export function multiValued(
  name: string,
  description: string,
  options: {
    valueType?: AttributeType;
    referenceTypes?: readonly string[];
    canonicalTypes?: readonly string[];
    mutability?: AttributeDefinition['mutability'];
  } = {},
): AttributeDefinition {
  const valueOptions: AttributeOptions = {};
  if (options.referenceTypes !== undefined) valueOptions.referenceTypes = options.referenceTypes;
  const typeOptions: AttributeOptions = {};
  if (options.canonicalTypes !== undefined) typeOptions.canonicalValues = options.canonicalTypes;
  const mutability: AttributeOptions =
    options.mutability === undefined ? {} : { mutability: options.mutability };
  return complex(
    name,
    description,
    [
      attr('value', options.valueType ?? 'string', `The value of ${name}.`, {
        ...valueOptions,
        ...mutability,
      }),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes.', mutability),
      attr('type', 'string', `A label indicating the function of the ${name} value.`, {
        ...typeOptions,
        ...mutability,
      }),
      attr(
        'primary',
        'boolean',
        "A Boolean value indicating the 'primary' or preferred attribute value for this attribute.",
        mutability,
      ),
    ],
    { multiValued: true, ...mutability },
  );
}
