import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { longFunctions } from './function-length'

// The checker behind the "no function has more than 80 lines of its own" rule (docs/architecture.md):
// blank lines and comments do not count, and a nested function counts as its own, not its parent's.
function project(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'fnlen-'))
  mkdirSync(join(root, 'src'))
  writeFileSync(join(root, 'src/a.ts'), source)
  return root
}
const statements = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i}`).join('\n')

describe('longFunctions', () => {
  it('counts only code lines: blank lines and comments aside', () => {
    const body = statements(5) + '\n\n  // a comment\n  /* another\n  one */\n'
    const root = project(`export function f() {\n  let x = 0\n${body}  return x\n}\n`)
    expect(longFunctions(root, ['src'], 9)).toEqual([])
    expect(longFunctions(root, ['src'], 8)).toEqual([
      { file: 'src/a.ts', line: 1, name: 'f', lines: 9 },
    ])
  })

  it('counts a nested function as its own, not its parent’s', () => {
    const root = project(
      `export function outer() {\n  let x = 0\n  const inner = () => {\n${statements(20)}\n  }\n  inner()\n  return x\n}\n`,
    )
    const found = longFunctions(root, ['src'], 10)
    expect(found.map((f) => f.name)).toEqual(['inner'])
    expect(found[0]!.lines).toBe(22)
  })

  it('skips what the caller excludes (released migrations)', () => {
    const root = project(`export function f() {\n${statements(30)}\n}\n`)
    expect(longFunctions(root, ['src'], 10, (p) => p.endsWith('a.ts'))).toEqual([])
  })
})
