import type { QueryRunner } from 'typeorm'

/**
 * PostgreSQL session advisory locks, held by one connection (`runner`) and dropped by PostgreSQL
 * with its session — a process that dies holding one blocks nobody. Keys are (class, key) pairs;
 * class 2020 holds head office's.
 */
export const LOCK_CLASS = 2020

/** Waits for the lock (schema migrations). */
export async function lockSession(runner: QueryRunner, key: number): Promise<void> {
  await runner.query(`SELECT pg_advisory_lock($1, $2)`, [LOCK_CLASS, key])
}

export async function unlockSession(runner: QueryRunner, key: number): Promise<void> {
  await runner.query(`SELECT pg_advisory_unlock($1, $2)`, [LOCK_CLASS, key])
}

/** Takes the lock named `name` if free; false when another session holds it. */
export async function tryLockNamed(runner: QueryRunner, name: string): Promise<boolean> {
  const [got] = (await runner.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok`, [
    LOCK_CLASS,
    name,
  ])) as Array<{ ok: boolean }>
  return got?.ok === true
}

export async function unlockNamed(runner: QueryRunner, name: string): Promise<void> {
  await runner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_CLASS, name])
}
