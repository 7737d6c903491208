import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/** A function longer than the limit: where it is and how many lines are its own. */
export interface LongFunction {
  file: string
  line: number
  name: string
  lines: number
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  )
}

function nameOf(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text
  const parent = fn.parent
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    return parent.name.text
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText()
  return '(anonymous)'
}

/**
 * Lines that belong to a function itself: lines holding code (not blank, not only a comment) inside
 * its body, minus those inside functions nested in it (each counted as its own function).
 */
function ownLines(fn: ts.FunctionLikeDeclaration, src: ts.SourceFile, code: Set<number>): number {
  if (!fn.body) return 0
  const own = new Set<number>()
  const start = src.getLineAndCharacterOfPosition(fn.body.getStart(src)).line
  const end = src.getLineAndCharacterOfPosition(fn.body.getEnd()).line
  for (let l = start; l <= end; l++) if (code.has(l)) own.add(l)
  const dropNested = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const a = src.getLineAndCharacterOfPosition(node.body.getStart(src)).line
      const b = src.getLineAndCharacterOfPosition(node.body.getEnd()).line
      // The lines that open and close the nested body are shared with the outer code.
      for (let l = a + 1; l < b; l++) own.delete(l)
      return
    }
    ts.forEachChild(node, dropNested)
  }
  ts.forEachChild(fn.body, dropNested)
  return own.size
}

/** Line numbers (0-based) that hold code: not blank and not only comment. */
function codeLines(src: ts.SourceFile): Set<number> {
  const lines = new Set<number>()
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    ts.LanguageVariant.Standard,
    src.text,
  )
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const a = src.getLineAndCharacterOfPosition(scanner.getTokenStart()).line
    const b = src.getLineAndCharacterOfPosition(scanner.getTokenEnd()).line
    for (let l = a; l <= b; l++) lines.add(l)
  }
  return lines
}

function* tsFiles(dir: string, skip: (path: string) => boolean): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (skip(path)) continue
    if (statSync(path).isDirectory()) yield* tsFiles(path, skip)
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path
  }
}

/** Every function under `dirs` with more than `limit` lines of its own. */
export function longFunctions(
  root: string,
  dirs: string[],
  limit: number,
  skip: (path: string) => boolean = () => false,
): LongFunction[] {
  const found: LongFunction[] = []
  for (const dir of dirs) {
    for (const file of tsFiles(join(root, dir), skip)) {
      const text = readFileSync(file, 'utf8')
      const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
      const code = codeLines(src)
      const visit = (node: ts.Node): void => {
        if (isFunction(node)) {
          const lines = ownLines(node, src, code)
          if (lines > limit) {
            const line = src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1
            found.push({ file: relative(root, file), line, name: nameOf(node), lines })
          }
        }
        ts.forEachChild(node, visit)
      }
      visit(src)
    }
  }
  return found
}
