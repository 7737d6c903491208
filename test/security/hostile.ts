import fc from 'fast-check'

/**
 * Hostile values for the contract fuzz tests: what a compromised renderer (or anything that can
 * reach the bridge) might send instead of a request.
 */

/** Nested `depth` levels deep: `{ a: { a: … } }` or `[[[…]]]`. */
export function deep(depth: number, kind: 'object' | 'array'): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = kind === 'object' ? { a: v } : [v]
  return v
}

const HUGE = 'x'.repeat(1024 * 1024)

/** Any JavaScript value a caller of dispatch could pass (structured-clonable, as IPC carries). */
export const HOSTILE_VALUES: ReadonlyArray<[string, unknown]> = [
  ['a 1 MB string', HUGE],
  [
    'a 1 MB string in every usual field',
    Object.fromEntries(
      [
        'requestId',
        'planNumber',
        'staffCode',
        'pin',
        'name',
        'query',
        'catalog',
        'ref',
        'kind',
      ].map((k) => [k, HUGE]),
    ),
  ],
  ['objects 5,000 deep', deep(5_000, 'object')],
  ['arrays 5,000 deep', deep(5_000, 'array')],
  ['a 100,000-element array', Array.from({ length: 100_000 }, (_, i) => i)],
  [
    'an own __proto__ key (JSON.parse)',
    JSON.parse('{"__proto__": {"polluted": "yes"}, "staffCode": "M1"}'),
  ],
  [
    'a nested __proto__ key',
    JSON.parse(
      '{"customer": {"__proto__": {"polluted": "yes"}}, "catalog": {"__proto__": {"polluted": "yes"}}}',
    ),
  ],
  ['constructor.prototype', { constructor: { prototype: { polluted: 'yes' } } }],
  ['NaN', NaN],
  ['Infinity', Infinity],
  [
    '-Infinity in a number field',
    { amountPaise: -Infinity, pricePaidPaise: NaN, limit: Infinity, offset: -0 },
  ],
  [
    'numbers past 2^53',
    { pricePaidPaise: 2 ** 53 + 2, amountPaise: 1e308, limit: Number.MAX_VALUE },
  ],
  ['a lone surrogate', { name: '\ud800', staffCode: '\udfff', query: 'a\u0000b' }],
  ['control and bidi characters', { name: '\u202e\u0000\u0007\r\n', mobile: '٩٨٧٦٥٤٣٢١٠' }],
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['a string', 'staff.signIn'],
  ['an array', []],
  ['a Date', new Date(0)],
  ['a Map', new Map([['a', 1]])],
  ['a Uint8Array', new Uint8Array(16)],
  ['a BigInt', { amountPaise: 10n }],
  ['an object without a prototype', Object.assign(Object.create(null) as object, { a: 1 })],
]

/** Raw request bodies for the HTTP endpoints: bytes no JSON encoder would write. */
export const HOSTILE_BODIES: ReadonlyArray<[string, Buffer]> = [
  [
    'malformed UTF-8',
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
  ],
  ['an overlong UTF-8 encoding', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])],
  ['random bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256))],
  ['NaN', Buffer.from('NaN')],
  ['Infinity in JSON', Buffer.from('{"amountPaise": Infinity}')],
  ['truncated JSON', Buffer.from('{"events": [')],
  ['a UTF-8 byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')])],
  ['JSON 100,000 arrays deep', Buffer.from('['.repeat(100_000) + ']'.repeat(100_000))],
  ['JSON 100,000 objects deep', Buffer.from('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))],
  [
    'a __proto__ key',
    Buffer.from(
      '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}',
    ),
  ],
  [
    'duplicate keys',
    Buffer.from('{"events": [], "events": "x", "staffCode": "M1", "staffCode": {}}'),
  ],
  [
    'numbers past every limit',
    Buffer.from(
      '{"pricePaidPaise": 1e400, "limit": -1e400, "since": 123456789012345678901234567890}',
    ),
  ],
  ['a 1 MB string', Buffer.from(JSON.stringify({ name: HUGE }))],
  ['an empty body', Buffer.alloc(0)],
  ['null', Buffer.from('null')],
  ['a bare string', Buffer.from('"x"')],
]

/** A value of the schema's shape with one field (chosen by `at`) replaced by a hostile value. */
export function withHostileField(value: unknown, hostile: unknown, at: number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return hostile
  const keys = Object.keys(value)
  if (keys.length === 0) return { [`k${at}`]: hostile }
  const key = keys[at % keys.length] as string
  const inner = (value as Record<string, unknown>)[key]
  const replaced =
    inner !== null && typeof inner === 'object' && at % 3 === 0
      ? withHostileField(inner, hostile, Math.floor(at / 3))
      : hostile
  return { ...(value as Record<string, unknown>), [key]: replaced }
}

/** The schema's values, hostile values, the schema's values with a hostile field, anything. */
export function requestArbitrary(fromSchema: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom(...HOSTILE_VALUES.map(([, v]) => v))
  return fc.oneof(
    { weight: 4, arbitrary: fromSchema },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fromSchema, hostile, fc.nat())
        .map(([v, h, at]) => withHostileField(v, h, at)),
    },
    {
      weight: 1,
      arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
    },
  )
}
