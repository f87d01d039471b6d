import type { z } from 'zod';

/** Where a value sits in an input: object keys and list indexes. */
export type FieldPath = Array<string | number>;

/** Schema kinds that hold no text at any depth. */
const NO_TEXT = new Set(['number', 'boolean', 'enum', 'literal', 'null', 'undefined', 'bigint', 'date', 'never']);

/**
 * Every string field a schema accepts, found by walking the schema itself (so a field added to
 * the API is attacked without anyone listing it): object keys by name, a list's items as its
 * first item. Throws on a kind of schema it does not know, rather than skip what it might hold.
 */
export function zodStringFields(schema: z.ZodType, path: FieldPath = []): FieldPath[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      return [path];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
        zodStringFields(child, [...path, key]),
      );
    case 'array':
      return zodStringFields(def.element as z.ZodType, [...path, 0]);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return zodStringFields(def.innerType as z.ZodType, path);
    default:
      if (NO_TEXT.has(def.type)) return [];
      throw new Error(`zodStringFields: a ${def.type} schema at ${path.join('.') || 'the top'} is not walked yet`);
  }
}
