import { statfsSync, statSync } from 'node:fs'
import { platform, release } from 'node:os'
import type { Heartbeat, PrinterHealth } from '../../../shared/sync/fleet'
import type { OutboxPort } from './outbox-port'

/** What the heartbeat is made of, passed in by the kiosk's sync. */
export interface HeartbeatSources {
  appVersion: string
  dataDir: string
  databasePath: string
  clock: () => number
  port: Pick<OutboxPort, 'pendingCount' | 'oldestPendingAt'>
  printer: () => Promise<PrinterHealth>
  lastError: () => Promise<{ code: string; message: string } | null>
  /** The catalog in force on the business date and the newest installed (docs/fleet.md#heartbeat). */
  catalog: () => { inForce: string; latest: string }
  /** Staff locked out by wrong PINs now (docs/console.md#staff); none when not given. */
  lockedStaff?: () => Promise<Array<{ staffCode: string; until: string }>>
}

/** Bytes of a file, null when it cannot be read. */
function sizeOf(file: string): number | null {
  try {
    return statSync(file).size
  } catch {
    return null
  }
}

/** Free bytes for an unprivileged user on the disk of `dir`, null when unknown. */
function freeDisk(dir: string): number | null {
  try {
    const s = statfsSync(dir)
    return Number(s.bavail) * Number(s.bsize)
  } catch {
    return null
  }
}

/** The catalog versions to report; none rather than no heartbeat when they cannot be read. */
function catalogOf(s: HeartbeatSources): { inForce?: string; latest?: string } {
  try {
    return s.catalog()
  } catch {
    return {}
  }
}

/** The heartbeat of this sync cycle (docs/fleet.md#heartbeat). */
export async function collectHeartbeat(s: HeartbeatSources): Promise<Heartbeat> {
  const [backlog, oldest, printer, lastError, lockedStaff] = await Promise.all([
    s.port.pendingCount(),
    s.port.oldestPendingAt(),
    s.printer(),
    s.lastError(),
    s.lockedStaff?.() ?? Promise.resolve([]),
  ])
  const main = sizeOf(s.databasePath)
  const catalog = catalogOf(s)
  const now = s.clock()
  return {
    appVersion: s.appVersion.slice(0, 40),
    os: `${platform()} ${release()}`.slice(0, 120),
    freeDiskBytes: freeDisk(s.dataDir),
    // The WAL is part of the database until a checkpoint folds it in.
    databaseBytes: main === null ? null : main + (sizeOf(`${s.databasePath}-wal`) ?? 0),
    backlog,
    oldestUnsentAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
    printer,
    lastError: lastError
      ? { code: lastError.code.slice(0, 60), message: lastError.message.slice(0, 500) }
      : null,
    sentAt: new Date(now).toISOString(),
    ...(catalog.inForce ? { catalogVersion: catalog.inForce } : {}),
    ...(catalog.latest ? { catalogLatest: catalog.latest } : {}),
    lockedStaff,
  }
}
