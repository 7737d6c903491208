import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/**
 * A PostgreSQL instance of the sync bench's own (issue 20): `initdb` into a temp directory, its own
 * port and socket directory, started under `taskset` so the server side of a figure runs on the
 * cores it is given and nothing else of the machine's (other engineers' tests on the shared
 * server) is counted in its CPU. Run as the `postgres` user when the bench runs as root (initdb
 * refuses root).
 */
export interface PrivatePostgres {
  url: string
  /** CPU (ms) used so far by the whole instance: postmaster, backends, background workers. */
  cpuMs(): number
  stop(): Promise<void>
}

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).sort().reverse() : []
  for (const v of versions) {
    const bin = join(base, v, 'bin', name)
    if (existsSync(bin)) return bin
  }
  return name // on PATH (other distributions)
}

const asPostgres = (cmd: string[]) =>
  userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--', ...cmd] : cmd

/** utime+stime (and, with children, the reaped children's) of a pid, in clock ticks. */
function ticks(pid: number, withReaped: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const own = Number(f[11]) + Number(f[12])
    return withReaped ? own + Number(f[13]) + Number(f[14]) : own
  } catch {
    return 0
  }
}

/** Live children of a pid (from /proc/<pid>/task/<pid>/children, else a /proc scan). */
function childrenOf(pid: number): number[] {
  const list = `/proc/${pid}/task/${pid}/children`
  if (existsSync(list)) {
    return readFileSync(list, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  }
  return readdirSync('/proc')
    .map(Number)
    .filter((p) => {
      if (!Number.isInteger(p)) return false
      try {
        const s = readFileSync(`/proc/${p}/stat`, 'utf8')
        return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
}

/** CPU (ms) of a process and all it ever started (live ones, and reaped ones via cutime/cstime). */
export function treeCpuMs(pid: number): number {
  let total = ticks(pid, true)
  for (const child of childrenOf(pid)) total += ticks(child, false)
  return (total * 1000) / 100 // USER_HZ
}

export async function startPrivatePostgres(port: number, cpus: string): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'))
  if (userInfo().uid === 0)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0)
  const data = join(dir, 'data')
  const [cmd, ...args] = asPostgres([
    pgBin('initdb'),
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
  ])
  execFileSync(cmd as string, args, { stdio: 'ignore' })
  const server = asPostgres([
    pgBin('postgres'),
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=100',
  ])
  const child = spawn('taskset', ['-c', cpus, ...server], { stdio: 'ignore', detached: false })
  const pidFile = join(data, 'postmaster.pid')
  const end = Date.now() + 30_000
  let postmaster = 0
  while (Date.now() < end) {
    if (existsSync(pidFile)) {
      const lines = readFileSync(pidFile, 'utf8').split('\n')
      // Line 8 is the status: "ready" once it accepts connections.
      if (lines[7]?.trim() === 'ready') {
        postmaster = Number(lines[0])
        break
      }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  if (!postmaster) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw new Error('the private PostgreSQL did not start')
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    cpuMs: () => treeCpuMs(postmaster),
    async stop() {
      try {
        process.kill(postmaster, 'SIGINT') // fast shutdown
      } catch {
        // already gone
      }
      const until = Date.now() + 20_000
      while (existsSync(pidFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
