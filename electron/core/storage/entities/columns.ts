import type { EntitySchemaColumnOptions } from 'typeorm'

// Every column names its SQL type and column explicitly: nothing depends on reflected decorator
// metadata, so entities survive any bundler (docs/testing.md#sqlite-and-typeorm).

/** A TEXT column; `key` makes it the primary key. */
export function text(name: string, opts: { nullable?: boolean; key?: boolean } = {}) {
  return {
    type: 'text',
    name,
    nullable: opts.nullable ?? false,
    primary: opts.key ?? false,
  } satisfies EntitySchemaColumnOptions
}

/** An INTEGER column (paise, counts, sequence numbers). */
export function int(name: string, opts: { nullable?: boolean; key?: boolean } = {}) {
  return {
    type: 'integer',
    name,
    nullable: opts.nullable ?? false,
    primary: opts.key ?? false,
  } satisfies EntitySchemaColumnOptions
}

/** A 0/1 INTEGER column read as a boolean. */
export function bool(name: string) {
  return { type: 'boolean', name, nullable: false } satisfies EntitySchemaColumnOptions
}

/** A TEXT column holding JSON. */
export function json(name: string, opts: { nullable?: boolean } = {}) {
  return {
    type: 'simple-json',
    name,
    nullable: opts.nullable ?? false,
  } satisfies EntitySchemaColumnOptions
}
