import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Issue 13, item 1: shared/domain is the one vocabulary and the one place of each rule
// (docs/architecture.md#imports). This test reads the source of every part and fails when one of
// the words or rules that used to be copied is defined anywhere else, so a newcomer finds the one
// copy to change. It reads syntax (the TypeScript AST), not text, so comments, SQL strings and
// imports or re-exports of the one definition do not count.

const ROOT = resolve(import.meta.dirname, '../..')
const PARTS = ['shared', 'electron', 'headoffice', 'renderer']
const HOME = 'shared/domain'

/** Lists of words that must be spelled out only in shared/domain, as a union or a list. */
const WORD_LISTS: Record<string, string[]> = {
  'payment methods': ['cash', 'upi', 'card'],
  'ID types': ['aadhaar', 'pan', 'driving-licence', 'voter-id', 'passport'],
  'plan statuses': ['active', 'redeemed', 'cancelled'],
  'plan statuses shown': ['active', 'redeemed', 'cancelled', 'expired'],
}
const key = (words: readonly string[]) => [...words].sort().join('|')
const LIST_BY_KEY = new Map(Object.entries(WORD_LISTS).map(([what, words]) => [key(words), what]))
const VOCABULARY_NAMES = new Set(
  ['IdType', 'PlanStatus', 'TimelineBand', 'PaymentMethod'].flatMap((n) => [n, `${n}Schema`]),
)
const MASKS = new Set(['maskMobile', 'maskIdNumber'])

/** A definition found outside shared/domain. */
export interface Copy {
  file: string
  line: number
  what: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The script of a .vue file (its other lines blanked, so line numbers stay right). */
function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.vue')) return text
  const lines = text.split('\n')
  let inside = false
  return lines
    .map((line) => {
      if (/^<script\b/.test(line)) return ((inside = true), '')
      if (/^<\/script>/.test(line)) return ((inside = false), '')
      return inside ? line : ''
    })
    .join('\n')
}

const stringsOf = (nodes: readonly ts.Node[]): string[] | null => {
  const out: string[] = []
  for (const node of nodes) {
    const literal = ts.isLiteralTypeNode(node) ? node.literal : node
    if (!ts.isStringLiteral(literal) && !ts.isNoSubstitutionTemplateLiteral(literal)) return null
    out.push(literal.text)
  }
  return out
}

/** Which list of {@link WORD_LISTS} these strings spell, if any. */
const wordList = (values: string[] | null): string | undefined =>
  values === null ? undefined : LIST_BY_KEY.get(key(values))

const declaredName = (node: ts.Node): string | null => {
  if (
    ts.isTypeAliasDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isFunctionDeclaration(node)
  ) {
    return node.name?.text ?? null
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) return node.name.text
  return null
}

/** `Math.min(<something with value>, <something with price>)`, in either order. */
const isCreditRule = (node: ts.CallExpression, src: ts.SourceFile): boolean => {
  const callee = node.expression
  if (!ts.isPropertyAccessExpression(callee) || callee.getText(src) !== 'Math.min') return false
  const args = node.arguments.map((a) => a.getText(src))
  return args.some((a) => /value/i.test(a)) && args.some((a) => /price/i.test(a))
}

/** Every copy of the vocabulary in one file's source. */
export function copiesIn(file: string, text: string): Copy[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind)
  const found: Copy[] = []
  const report = (node: ts.Node, what: string) =>
    found.push({ file, line: src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1, what })
  const visit = (node: ts.Node): void => {
    const union = ts.isUnionTypeNode(node) ? wordList(stringsOf(node.types)) : undefined
    const list = ts.isArrayLiteralExpression(node) ? wordList(stringsOf(node.elements)) : undefined
    if (union) report(node, `${union} union ${node.getText(src)}`)
    if (list) report(node, `${list} list ${node.getText(src)}`)
    const name = declaredName(node)
    if (name !== null && VOCABULARY_NAMES.has(name)) report(node, `definition of ${name}`)
    if (name !== null && MASKS.has(name)) report(node, `mask ${name}`)
    if (ts.isCallExpression(node) && isCreditRule(node, src)) {
      report(node, `credit rule ${node.getText(src)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(src)
  return found
}

/** Every copy outside shared/domain in the parts of the repository. */
export function copiesOutsideDomain(root: string): Copy[] {
  return PARTS.flatMap((part) => sourceFiles(join(root, part)))
    .map((path) => ({ path, rel: relative(root, path).split('\\').join('/') }))
    .filter(({ rel }) => !rel.startsWith(`${HOME}/`))
    .flatMap(({ path, rel }) => copiesIn(rel, scriptOf(path, readFileSync(path, 'utf8'))))
}

describe('one vocabulary (shared/domain)', () => {
  it('finds each kind of copy, and not a mention, an import or SQL', () => {
    const source = [
      "type A = 'cash' | 'upi' | 'card'",
      "const B = z.enum(['upi', 'cash', 'card'])",
      "const ID_TYPES: X[] = ['aadhaar', 'pan', 'driving-licence', 'voter-id', 'passport']",
      "function f(s: 'active' | 'redeemed' | 'cancelled' | 'expired') {}",
      "export type IdType = 'pan'",
      'export const PlanStatusSchema = z.enum([])',
      'interface TimelineBand { a: 1 }',
      'export function maskMobile(m: string) { return m }',
      'const credit = Math.min(quote.valuePaise, r.newDevice.pricePaise)',
      // None of these is a copy:
      "import type { PaymentMethod, IdType } from '../domain'",
      "export { PlanStatusSchema } from '../domain'",
      "// 'cash' | 'upi' | 'card' and Math.min(value, price) in a comment",
      "const sql = `CHECK (method IN ('cash', 'upi', 'card'))`",
      "const two: 'cash' | 'upi' = 'cash'",
      "const closed: 'redeemed' | 'cancelled' = 'redeemed'",
      'const width = Math.min(1, maxWidth / v.videoWidth)',
      'const m = maskMobile(x)',
    ].join('\n')
    expect(copiesIn('x.ts', source).map((c) => c.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('is the one place of the payment methods, ID types, plan statuses, bands, masks and credit', () => {
    expect(copiesOutsideDomain(ROOT)).toEqual([])
  })

  it('defines each of them in shared/domain', () => {
    const home = sourceFiles(join(ROOT, HOME)).flatMap((path) =>
      copiesIn(relative(ROOT, path), readFileSync(path, 'utf8')),
    )
    const whats = home.map((c) => c.what).join('\n')
    for (const name of VOCABULARY_NAMES) expect(whats).toContain(`definition of ${name}`)
    expect(whats).toContain('mask maskMobile')
    expect(whats).toContain('mask maskIdNumber')
    expect(whats).toContain('credit rule')
  })
})
