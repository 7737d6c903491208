import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** One place where head office breaks a layering rule: file, line and what was found. */
export interface LayerViolation {
  file: string
  line: number
  found: string
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) yield* tsFiles(path)
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path
  }
}

/** Source files under `root/dir`, as paths relative to root with `/` separators. */
function sources(
  root: string,
  dir: string,
  outside: RegExp,
): Array<{ file: string; src: ts.SourceFile }> {
  const out: Array<{ file: string; src: ts.SourceFile }> = []
  for (const path of tsFiles(join(root, dir))) {
    const file = relative(root, path).split('\\').join('/')
    if (outside.test(file)) continue
    out.push({
      file,
      src: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
    })
  }
  return out
}

function lineOf(src: ts.SourceFile, node: ts.Node): number {
  return src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1
}

const isHttpStatus = (node: ts.Node) =>
  ts.isNumericLiteral(node) && Number(node.text) >= 100 && Number(node.text) <= 599

/** A `status` or `statusCode` property written anywhere inside `node`. */
function statusProperty(node: ts.Node): ts.Node | null {
  if (
    (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
    /^(status|statusCode)$/.test(node.name.getText())
  )
    return node
  return ts.forEachChild(node, statusProperty) ?? null
}

/**
 * The HTTP status an error carries: a number 100–599 given to an error's constructor, or a
 * `status`/`statusCode` property in what is thrown. (Reading another server's status into a
 * message, as an HTTP client does, is not carrying one.)
 */
function statusCarried(node: ts.Node, src: ts.SourceFile): ts.Node | null {
  if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText(src))) {
    const literal = node.arguments?.find(isHttpStatus)
    return literal ?? statusProperty(node)
  }
  return ts.isThrowStatement(node) ? statusProperty(node) : null
}

/**
 * Head office's inner layers (everything but `routes/` and `http/`) throw errors with a code and
 * no HTTP status: they neither import `http/errors` nor put a status (a number 100–599, or a
 * `status`/`statusCode` property) into an error they throw or construct.
 */
export function httpStatusesOutsideRoutes(root: string): LayerViolation[] {
  const found: LayerViolation[] = []
  const errorsModule = resolve(root, 'headoffice/http/errors')
  for (const { file, src } of sources(root, 'headoffice', /^headoffice\/(routes|http|console)\//)) {
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolve(root, dirname(file), node.moduleSpecifier.text)
        if (target === errorsModule)
          found.push({
            file,
            line: lineOf(src, node),
            found: `imports ${node.moduleSpecifier.text}`,
          })
      }
      const status = statusCarried(node, src)
      if (status) {
        found.push({ file, line: lineOf(src, status), found: status.getText(src) })
        return
      }
      ts.forEachChild(node, visit)
    }
    visit(src)
  }
  return found
}

const SQL = /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|ON\s+CONFLICT)/

/**
 * Every SQL string of head office lives in a repository (`db/repos/`); only the raw-SQL helpers
 * (`db/sql.ts`) and the released migrations write SQL of their own elsewhere.
 */
export function sqlOutsideRepositories(root: string): LayerViolation[] {
  const found: LayerViolation[] = []
  const allowed = /^headoffice\/(db\/repos\/|db\/migrations\/|db\/sql\.ts$|console\/)/
  for (const { file, src } of sources(root, 'headoffice', allowed)) {
    const visit = (node: ts.Node): void => {
      if (
        (ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isTemplateExpression(node)) &&
        SQL.test(node.getText(src))
      ) {
        found.push({ file, line: lineOf(src, node), found: node.getText(src).slice(0, 60) })
        return
      }
      ts.forEachChild(node, visit)
    }
    visit(src)
  }
  return found
}
