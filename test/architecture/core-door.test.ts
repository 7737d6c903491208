import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { KioskCore } from '../../electron/core'

// The shells (electron/main over IPC, electron/bridge over HTTP) see the core through one door,
// electron/core/index.ts, and what they get is `{ dispatch, close }` (issue 13). The internals
// tests need come from electron/core/test-support.ts, which no shell imports.

const ROOT = resolve(__dirname, '../..')
const SHELLS = ['electron/main', 'electron/bridge']
const CORE = join(ROOT, 'electron/core')
const DOORS = new Set([CORE, join(CORE, 'index'), join(CORE, 'index.ts')])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return files(full)
    return /\.(ts|mts)$/.test(name) ? [full] : []
  })
}

/** Every relative import and re-export of a file, resolved against it. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  return source.statements.flatMap((s) => {
    const spec =
      (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
      s.moduleSpecifier &&
      ts.isStringLiteral(s.moduleSpecifier)
        ? s.moduleSpecifier.text
        : null
    return spec?.startsWith('.') ? [resolve(dirname(file), spec)] : []
  })
}

describe('the core as the shells see it', () => {
  it('is reached only through electron/core/index.ts', () => {
    const pastTheDoor = SHELLS.flatMap((shell) => files(join(ROOT, shell))).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(CORE + '/') && !DOORS.has(target))
        .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
    )
    expect(pastTheDoor).toEqual([])
  })

  it('is { dispatch, close }', () => {
    expectTypeOf<keyof KioskCore>().toEqualTypeOf<'dispatch' | 'close'>()
  })
})
