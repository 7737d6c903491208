import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileLogger } from '../../../electron/core/logger'
import { openDatabase } from '../../../electron/core/storage/database'
import { MIGRATIONS } from '../../../electron/core/storage/migrations'
import type { RequestOf } from '../../../shared/ipc'
import { closedPort } from './printing/support/fake-printer'
import { aadhaar, enrollmentRequest, makeCore, T0, tempDir, type TestCore } from './helpers'

// Issue #12: the full Aadhaar number must not be recoverable from anything the kiosk keeps on
// disk — not in clear, and not as an unkeyed hash a brute force over ~8M candidates reverses.

let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

/** Sorted-key JSON: the canonical body the pre-fix code hashed (written here from the issue). */
function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v
  return JSON.stringify(sort(value))
}

const sha256 = (text: string) => createHash('sha256').update(text).digest()

/** 2345 6789 0123 style, as a clerk types it from the card. */
const spaced = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ')

type Enrollment = RequestOf<'enrollment.create'>

/** Everything that would give the number away, each as the bytes to look for. */
function needles(req: Enrollment): Array<{ name: string; bytes: Buffer }> {
  const digits = req.customer.idNumber.replace(/\D/g, '')
  const { requestId: _id, ...body } = req
  // The body as typed and as normalised: either could have been hashed.
  const normalised = { ...body, customer: { ...body.customer, idNumber: digits } }
  const hashes: Array<[string, Buffer]> = [
    ['sha256(number)', sha256(digits)],
    ['sha256(number as typed)', sha256(req.customer.idNumber)],
    ['sha256(canonical request)', sha256(canonicalJson(req))],
    ['sha256(canonical request without its id)', sha256(canonicalJson(body))],
    ['sha256(normalised request without its id)', sha256(canonicalJson(normalised))],
  ]
  return [
    { name: 'number', bytes: Buffer.from(digits) },
    { name: 'number with spaces', bytes: Buffer.from(spaced(digits)) },
    ...hashes.flatMap(([name, digest]) => [
      { name: `${name} hex`, bytes: Buffer.from(digest.toString('hex')) },
      { name: `${name} HEX`, bytes: Buffer.from(digest.toString('hex').toUpperCase()) },
      { name: `${name} raw`, bytes: digest },
    ]),
  ]
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** The kiosk database with its -wal/-shm, and every file under backups/, logs/, print-jobs/. */
function filesToScan(dataDir: string): string[] {
  const db = readdirSync(dataDir)
    .filter((name) => name.startsWith('kiosk.sqlite'))
    .map((name) => join(dataDir, name))
  return [
    ...db,
    ...['backups', 'logs', 'print-jobs'].flatMap((sub) => filesUnder(join(dataDir, sub))),
  ]
}

/** `file: needle` for every needle found in any scanned file's bytes. */
function scan(dataDir: string, req: Enrollment): string[] {
  const hits: string[] = []
  for (const file of filesToScan(dataDir)) {
    const bytes = readFileSync(file)
    for (const needle of needles(req)) {
      if (bytes.includes(needle.bytes)) hits.push(`${relative(dataDir, file)}: ${needle.name}`)
    }
  }
  return hits
}

/** Proves the scan reads real bytes: the customer's name is on disk in the same files. */
function foundAnywhere(dataDir: string, text: string): boolean {
  return filesToScan(dataDir).some((f) => readFileSync(f).includes(Buffer.from(text)))
}

const thermalAt = (port: number) => ({
  thermal: { host: '127.0.0.1', port, width: '80mm', mode: 'native-qr', text: 'ascii' },
  system: null,
  defaultTarget: 'thermal',
})

describe('an Aadhaar number at rest', () => {
  it('leaves no trace of the number or of a plain hash of it after an enrollment', async () => {
    const dir = tempDir()
    t = await makeCore({ dataDir: dir, logger: createFileLogger({ dir: join(dir, 'logs') }) })
    await t.signIn('M1', 'MGR')
    // A printer that is off: the receipt waits in print-jobs/, so that folder is scanned too.
    await t.ok('printers.configure', thermalAt(await closedPort()), 'MGR')
    await t.signIn('C1')
    const req = enrollmentRequest({
      customer: {
        name: 'Priya Sharma',
        mobile: '9876543210',
        email: 'priya@example.com',
        idType: 'aadhaar',
        idNumber: spaced(aadhaar(34567890123)),
      },
    })
    const first = await t.ok('enrollment.create', req)
    // The fingerprint still does its job: a retry is recognised, another body refused.
    expect((await t.ok('enrollment.create', req)).plan.planNumber).toBe(first.plan.planNumber)
    const other = await t.call('enrollment.create', {
      ...req,
      customer: { ...req.customer, name: 'Priya S' },
    })
    expect(!other.ok && other.error.code).toBe('IDEMPOTENCY_CONFLICT')
    const printed = await t.call('receipts.print', {
      kind: 'enrollment',
      ref: first.plan.planNumber,
      lang: 'en',
    })
    expect(printed).toMatchObject({ ok: true, data: { printed: false } })

    // While the core is open the sale sits in the WAL.
    expect(existsSync(join(dir, 'kiosk.sqlite-wal'))).toBe(true)
    expect(filesUnder(join(dir, 'print-jobs')).length).toBeGreaterThan(0)
    expect(foundAnywhere(dir, 'Priya Sharma')).toBe(true)
    expect(scan(dir, req)).toEqual([])

    // After a restart (checkpoint into the main file; the waiting print job is logged).
    await t.reopen()
    await t.core.close()
    expect(filesUnder(join(dir, 'logs')).length).toBeGreaterThan(0)
    expect(scan(dir, req)).toEqual([])
  })

  it('scrubs a database and its backups written by the pre-fix code when it is upgraded', async () => {
    const dir = tempDir()
    const file = join(dir, 'kiosk.sqlite')
    const req = enrollmentRequest({
      customer: {
        name: 'Rahul Verma',
        mobile: '9876501234',
        email: null,
        idType: 'aadhaar',
        idNumber: spaced(aadhaar(45678901234)),
      },
    })
    const { requestId, ...body } = req
    // The answer the pre-fix kiosk stored: a real one (made by enrolling the same request on a
    // scratch kiosk), so that a retry's answer still passes the contract's response check.
    const scratch = await makeCore({ dataDir: tempDir() })
    await scratch.signIn('C1')
    const storedResponse = await scratch.ok('enrollment.create', req)
    await scratch.core.close()
    // The last schema before the fix is v4; the row is written the way the pre-fix once() did.
    const v3 = await openDatabase({ file, now: () => T0, migrations: MIGRATIONS.slice(0, 3) })
    v3.raw
      .prepare(
        `INSERT INTO requests (request_id, channel, body_hash, response, created_at)
         VALUES (?, 'enrollment.create', ?, ?, ?)`,
      )
      .run(
        requestId,
        sha256(canonicalJson(body)).toString('hex'),
        JSON.stringify(storedResponse),
        new Date(T0).toISOString(),
      )
    await v3.dataSource.destroy()
    // Upgrading v3 -> v4 takes the first backup, which holds the same row.
    const v4 = await openDatabase({
      file,
      now: () => T0 + 1000,
      migrations: MIGRATIONS.slice(0, 4),
    })
    expect(v4.migration.backupPath).not.toBeNull()
    await v4.dataSource.destroy()
    expect(scan(dir, req).length).toBeGreaterThan(0) // the scan sees the old fingerprint

    t = await makeCore({ dataDir: dir, logger: createFileLogger({ dir: join(dir, 'logs') }) })
    expect(t.core.schemaVersion).toBe(MIGRATIONS.at(-1)!.id)
    expect(scan(dir, req)).toEqual([])
    // A retry of the request from before the upgrade still gets its first answer back.
    await t.signIn('C1')
    expect(await t.ok('enrollment.create', req)).toEqual(storedResponse)
    await t.core.close()
    expect(scan(dir, req)).toEqual([])

    // Nothing saved is lost: every backup still opens and still holds the request's answer.
    const backups = filesUnder(join(dir, 'backups'))
    expect(backups.length).toBe(2)
    for (const backup of backups) {
      const db = new Database(backup, { readonly: true })
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(
        db.prepare('SELECT response FROM requests WHERE request_id = ?').get(requestId),
      ).toEqual({ response: JSON.stringify(storedResponse) })
      db.close()
    }
  })
})
