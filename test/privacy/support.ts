import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { DataSource } from 'typeorm'

/** The bytes that would give a value away: the text itself and, for an ID, its SHA-256 forms. */
export interface Needle {
  name: string
  text: string
}

const sha = (text: string) => createHash('sha256').update(text).digest()

/** The full ID number (as digits and as typed) and its SHA-256 in hex, HEX, base64 and raw. */
export function idNeedles(idNumber: string): Needle[] {
  const digits = idNumber.replace(/\D/g, '')
  const spaced = digits.replace(/(\d{4})(?=\d)/g, '$1 ')
  const out: Needle[] = [
    { name: 'id number', text: digits },
    { name: 'id number spaced', text: spaced },
  ]
  for (const [label, input] of [
    ['sha256(id)', digits],
    ['sha256(id spaced)', spaced],
  ] as const) {
    const d = sha(input)
    out.push({ name: `${label} hex`, text: d.toString('hex') })
    out.push({ name: `${label} HEX`, text: d.toString('hex').toUpperCase() })
    out.push({ name: `${label} base64`, text: d.toString('base64') })
    out.push({ name: `${label} base64url`, text: d.toString('base64url') })
    out.push({ name: `${label} raw`, text: d.toString('latin1') })
  }
  return out
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * `file: needle` for every needle found in the bytes of any file the kiosk wrote under its data
 * directory: the database with its -wal and -shm, backups, logs, print jobs, photos, anything.
 * A needle is looked for as UTF-8, UTF-16LE (how a JavaScript string may be dumped) and, for a
 * raw digest, as its bytes.
 */
export function scanFiles(dataDir: string, needles: Needle[]): string[] {
  const hits: string[] = []
  for (const file of filesUnder(dataDir)) {
    const bytes = readFileSync(file)
    for (const n of needles) {
      const forms = n.name.endsWith(' raw')
        ? [Buffer.from(n.text, 'latin1')]
        : [Buffer.from(n.text, 'utf8'), Buffer.from(n.text, 'utf16le')]
      if (forms.some((f) => bytes.includes(f))) hits.push(`${relative(dataDir, file)}: ${n.name}`)
    }
  }
  return hits
}

/** Every table of head office's database (its own test database: PostgreSQL or SQLite). */
async function tables(ds: DataSource): Promise<string[]> {
  const found =
    ds.options.type === 'postgres'
      ? ((await ds.query(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )) as Array<{ name: string }>)
      : ((await ds.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        )) as Array<{ name: string }>)
  return found.map((t) => t.name).sort()
}

/** `table.column: needle` for every needle found in any value of any column of any table. */
export async function scanDatabase(ds: DataSource, needles: Needle[]): Promise<string[]> {
  const hits = new Set<string>()
  for (const table of await tables(ds)) {
    const rows = (await ds.query(`SELECT * FROM ${table}`)) as Array<Record<string, unknown>>
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue
        const text = Buffer.isBuffer(value)
          ? value.toString('latin1')
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value)
        for (const n of needles) {
          if (text.includes(n.text)) hits.add(`${table}.${column}: ${n.name}`)
        }
      }
    }
  }
  return [...hits].sort()
}
