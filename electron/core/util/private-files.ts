import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The kiosk's data directory holds customers' names and mobiles, staff PIN hashes, photos,
 * receipts waiting to print and the kiosk's secrets: only the kiosk's own user may read it.
 * Directories 0700, files 0600 — set when each is created, and on every existing file at start
 * (an install from before this rule, or a file a tool copied in).
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates a directory (and its parents) 0700; an existing one is made 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(dir, PRIVATE_DIR_MODE)
}

/**
 * Creates an empty file 0600 unless it exists. SQLite gives a database's -wal and -shm files the
 * database file's own mode, so creating the database this way keeps all three private.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
}

/** Makes a whole tree private: directories 0700, files 0600 (symbolic links left alone). */
export function makeTreePrivate(root: string): void {
  const stat = lstatSync(root, { throwIfNoEntry: false })
  if (!stat || stat.isSymbolicLink()) return
  if (!stat.isDirectory()) {
    if ((stat.mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(root, PRIVATE_FILE_MODE)
    return
  }
  if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(root, PRIVATE_DIR_MODE)
  for (const name of readdirSync(root)) makeTreePrivate(join(root, name))
}
