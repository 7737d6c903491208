import type { QueryRunner } from 'typeorm'

/**
 * Column types spelled for the engine a migration runs on. Instants are epoch milliseconds
 * (BIGINT), local dates `YYYY-MM-DD` text, money integer paise, flags 0/1 integers, JSON text:
 * the same values on PostgreSQL and SQLite, so the services' SQL is identical on both.
 */
export function columnTypes(runner: QueryRunner) {
  const pg = runner.connection.options.type === 'postgres'
  return {
    big: pg ? 'BIGINT' : 'INTEGER',
    int: 'INTEGER',
    text: 'TEXT',
  }
}
