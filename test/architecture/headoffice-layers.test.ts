import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { httpStatusesOutsideRoutes, sqlOutsideRepositories } from './headoffice-layers'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** A throwaway project with the given files (paths relative to its root). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ho-layers-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('head office layers (docs/architecture.md)', () => {
  it('maps error codes to HTTP statuses only in routes/ and http/', () => {
    expect(httpStatusesOutsideRoutes(root)).toEqual([])
  })

  it('keeps every SQL string in a repository of db/repos/', () => {
    expect(sqlOutsideRepositories(root)).toEqual([])
  })

  it('catches an inner layer that imports http/errors or throws with a status', () => {
    const dir = project({
      'headoffice/http/errors.ts': 'export class HttpError extends Error {}\n',
      'headoffice/routes/a.ts':
        "import { HttpError } from '../http/errors'\nthrow new HttpError('X', 'm', 404)\n",
      'headoffice/services/a.ts':
        "import { HttpError } from '../http/errors'\nthrow new HttpError('X', 'm', 404)\n",
      'headoffice/db/b.ts':
        "const e = new Error('gone')\nthrow Object.assign(e, { statusCode: 410 })\n",
      'headoffice/ingest/c.ts': "throw new Error('Seq 404 already used.')\nconst n = 404\n",
    })
    expect(httpStatusesOutsideRoutes(dir)).toEqual([
      { file: 'headoffice/db/b.ts', line: 2, found: 'statusCode: 410' },
      { file: 'headoffice/services/a.ts', line: 1, found: 'imports ../http/errors' },
      { file: 'headoffice/services/a.ts', line: 2, found: '404' },
    ])
  })

  it('catches SQL outside db/repos/', () => {
    const dir = project({
      'headoffice/db/repos/plans.ts': "export const q = 'SELECT * FROM ho_plan'\n",
      'headoffice/services/a.ts':
        "export const q = `UPDATE ho_plan SET status = ?`\nexport const t = 'Select a plan'\n",
    })
    expect(sqlOutsideRepositories(dir)).toEqual([
      { file: 'headoffice/services/a.ts', line: 1, found: '`UPDATE ho_plan SET status = ?`' },
    ])
  })
})
