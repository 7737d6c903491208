import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

const DAY_MS = 86_400_000

/** The folders of the data directory retention sweeps, each with its policy item. */
export const SWEPT_FOLDERS = {
  'print-jobs': 'print-jobs',
  photos: 'photos',
  logs: 'logs',
  backups: 'backups',
} as const

type SweptItem = keyof typeof SWEPT_FOLDERS

/** When a file was written: a print job by the clock time in its name, anything else by mtime. */
function writtenAt(folder: SweptItem, name: string, path: string): number {
  const stamp = /^(\d{13})-[0-9a-f]{8}\./.exec(name)
  if (folder === 'print-jobs' && stamp) return Number(stamp[1])
  return statSync(path).mtimeMs
}

/**
 * Deletes the files of each swept folder written more than its item's days before `nowMs`
 * (the retention policy, shared/domain/retention-policy.ts). The current log file is written to
 * all the time, so only rotated logs ever age out.
 */
export function sweepFolders(
  dataDir: string,
  days: Record<SweptItem, number>,
  nowMs: number,
): Record<SweptItem, number> {
  const removed = { 'print-jobs': 0, photos: 0, logs: 0, backups: 0 }
  for (const item of Object.keys(SWEPT_FOLDERS) as SweptItem[]) {
    const dir = join(dataDir, SWEPT_FOLDERS[item])
    if (!existsSync(dir)) continue
    const cutoff = nowMs - days[item] * DAY_MS
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (!statSync(path).isFile()) continue
      if (writtenAt(item, name, path) < cutoff) {
        rmSync(path, { force: true })
        removed[item] += 1
      }
    }
  }
  return removed
}

/**
 * Deletes the print jobs (bytes and description) of these plans' documents: after an erasure a
 * receipt waiting for a printer must not keep the person. A job names its document by `reference`.
 */
export function deletePrintJobsOf(dataDir: string, refs: string[]): number {
  const dir = join(dataDir, 'print-jobs')
  if (!existsSync(dir) || refs.length === 0) return 0
  const wanted = new Set(refs)
  let removed = 0
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue
    const json = join(dir, name)
    let reference: unknown
    try {
      reference = (JSON.parse(readFileSync(json, 'utf8')) as { reference?: unknown }).reference
    } catch {
      continue
    }
    if (typeof reference !== 'string' || !wanted.has(reference)) continue
    rmSync(json, { force: true })
    rmSync(json.replace(/\.json$/, '.bin'), { force: true })
    removed += 1
  }
  return removed
}
