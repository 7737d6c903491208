import fc from 'fast-check'

/**
 * fast-check arbitraries from a JSON Schema (what zod 4's `z.toJSONSchema` gives): values of the
 * schema's shape — mostly valid, sometimes not (a pattern is honoured, a length may not be) —
 * for the contract fuzz tests. Covers what the contract uses: objects, arrays, tuples, strings
 * (pattern, format, lengths), numbers, integers, booleans, null, enum, const, anyOf/oneOf/allOf
 * and $ref; anything else is any JSON value.
 */
export type JsonSchema = boolean | { [key: string]: unknown }

const MAX_DEPTH = 6

export function arbitraryOf(
  schema: JsonSchema,
  root: JsonSchema = schema,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema === true || depth > MAX_DEPTH) return fc.jsonValue({ maxDepth: 1 })
  if (schema === false) return fc.constant(null)
  const s = schema as Record<string, unknown>
  if (typeof s.$ref === 'string') return arbitraryOf(resolveRef(s.$ref, root), root, depth + 1)
  if ('const' in s) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined
  if (union) return fc.oneof(...union.map((u) => arbitraryOf(u, root, depth + 1)))
  if (Array.isArray(s.allOf) && s.allOf.length > 0) {
    return arbitraryOf(s.allOf[0] as JsonSchema, root, depth + 1)
  }
  if (Array.isArray(s.type)) {
    return fc.oneof(...(s.type as string[]).map((t) => arbitraryOf({ ...s, type: t }, root, depth)))
  }
  switch (s.type) {
    case 'object':
      return objectOf(s, root, depth)
    case 'array':
      return arrayOf(s, root, depth)
    case 'string':
      return stringOf(s)
    case 'integer':
      return fc.integer({
        min: Math.max(Number(s.minimum ?? -1e9), Number.MIN_SAFE_INTEGER),
        max: Math.min(Number(s.maximum ?? 1e9), Number.MAX_SAFE_INTEGER),
      })
    case 'number':
      return fc.double({
        min: Number(s.minimum ?? s.exclusiveMinimum ?? -1e12),
        max: Number(s.maximum ?? s.exclusiveMaximum ?? 1e12),
        noNaN: true,
      })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (ref === '#') return root
  const parts = ref.replace(/^#\//, '').split('/')
  let node: unknown = root
  for (const p of parts) node = (node as Record<string, unknown>)[p]
  return (node ?? true) as JsonSchema
}

function objectOf(s: Record<string, unknown>, root: JsonSchema, depth: number) {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((s.required ?? []) as string[])
  const shape: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, value] of Object.entries(properties)) {
    shape[key] = arbitraryOf(value, root, depth + 1)
  }
  if (Object.keys(shape).length === 0) {
    return s.additionalProperties && s.additionalProperties !== false
      ? fc.dictionary(
          fc.string({ maxLength: 8 }),
          arbitraryOf(s.additionalProperties as JsonSchema, root, depth + 1),
          { maxKeys: 3 },
        )
      : fc.constant({})
  }
  return fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) })
}

function arrayOf(s: Record<string, unknown>, root: JsonSchema, depth: number) {
  if (Array.isArray(s.prefixItems)) {
    return fc.tuple(...(s.prefixItems as JsonSchema[]).map((p) => arbitraryOf(p, root, depth + 1)))
  }
  const minLength = Number(s.minItems ?? 0)
  return fc.array(arbitraryOf((s.items ?? true) as JsonSchema, root, depth + 1), {
    minLength,
    maxLength: Math.max(minLength, Math.min(Number(s.maxItems ?? 4), 4)),
  })
}

function stringOf(s: Record<string, unknown>): fc.Arbitrary<string> {
  const minLength = Number(s.minLength ?? 0)
  const maxLength = Number(s.maxLength ?? 40)
  if (s.format === 'uuid') return fc.uuid()
  if (s.format === 'email') return fc.emailAddress()
  if (typeof s.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(s.pattern))
        .map((v) => v.slice(0, Math.max(maxLength, minLength)))
    } catch {
      // a pattern JavaScript cannot compile: plain strings below
    }
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, 64), unit: 'grapheme' })
}
