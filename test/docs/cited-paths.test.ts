import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Every document the code cites is in the repository: a cited `docs/….md` exists, a cited
// `#anchor` is a heading of that document, and nothing points at documents outside the clone
// (`../shared/…`) or at the old reference files by bare name. See docs/testing.md#running-the-tests.

const ROOT = path.resolve(__dirname, '../..')
const SOURCE_DIRS = ['electron', 'shared', 'headoffice', 'renderer', 'test', 'scripts', 'eslint']
const EXTENSIONS = /\.(ts|mts|js|mjs|cjs|vue|json|ya?ml|md|css|html)$/
const SKIP_DIRS = new Set(['node_modules', '__screenshots__', '.tmp'])
// The old reference files, named without spelling them out here (this file is scanned too).
const OLD_NAMES = ['PROGRAM', 'TESTING', 'ARCHITECTURE', 'STYLE']

function walk(dir: string, out: string[]): string[] {
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(full, out)
    } else if (EXTENSIONS.test(name)) out.push(full)
  }
  return out
}

/** The files scanned: the source trees, the root's config files, README.md and docs/. */
function scannedFiles(): string[] {
  const files = SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d), []))
  for (const name of readdirSync(ROOT)) {
    const full = path.join(ROOT, name)
    if (statSync(full).isFile() && EXTENSIONS.test(name) && name !== 'package-lock.json') {
      files.push(full)
    }
  }
  return [...files, ...walk(path.join(ROOT, 'docs'), [])]
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes; repeats get -1, -2. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const slug = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    anchors.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return anchors
}

interface Citation {
  file: string
  line: number
  target: string
  anchor: string | null
  resolved: string
}

/** `docs/….md#anchor` anywhere, and relative Markdown links `](x.md#anchor)` inside docs/. */
function citations(file: string, text: string): Citation[] {
  const found: Citation[] = []
  const lines = text.split('\n')
  lines.forEach((content, i) => {
    for (const m of content.matchAll(/(?<![\w./-])docs\/[\w./-]*?\.md(?:#([\w-]+))?/g)) {
      const [target] = m[0].split('#')
      found.push({
        file,
        line: i + 1,
        target: m[0],
        anchor: m[1] ?? null,
        resolved: path.join(ROOT, target!),
      })
    }
    if (file.endsWith('.md')) {
      for (const m of content.matchAll(/\]\(([\w./-]+\.md)(?:#([\w-]+))?\)/g)) {
        found.push({
          file,
          line: i + 1,
          target: m[0],
          anchor: m[2] ?? null,
          resolved: path.resolve(path.dirname(file), m[1]!),
        })
      }
    }
  })
  return found
}

const FILES = scannedFiles()
const rel = (file: string) => path.relative(ROOT, file)

describe('cited documents', () => {
  it('the documents the code cites exist', () => {
    for (const doc of ['program-rules.md', 'architecture.md', 'testing.md']) {
      expect(existsSync(path.join(ROOT, 'docs', doc)), `docs/${doc}`).toBe(true)
    }
  })

  it('finds the citations (the scan is not silently empty)', () => {
    const all = FILES.flatMap((f) => citations(f, readFileSync(f, 'utf8')))
    expect(all.filter((c) => c.target.startsWith('docs/program-rules.md#')).length).toBeGreaterThan(
      50,
    )
  })

  it('every cited docs/ file and #anchor exists', () => {
    const anchorsOf = new Map<string, Set<string>>()
    const broken: string[] = []
    for (const file of FILES) {
      for (const c of citations(file, readFileSync(file, 'utf8'))) {
        const where = `${rel(c.file)}:${c.line} ${c.target}`
        if (!existsSync(c.resolved)) {
          broken.push(`${where}: no such file`)
          continue
        }
        if (c.anchor === null) continue
        let anchors = anchorsOf.get(c.resolved)
        if (!anchors) {
          anchors = headingAnchors(readFileSync(c.resolved, 'utf8'))
          anchorsOf.set(c.resolved, anchors)
        }
        if (!anchors.has(c.anchor)) broken.push(`${where}: no heading #${c.anchor}`)
      }
    }
    expect(broken).toEqual([])
  })

  it('nothing cites documents outside the repository or the old reference files', () => {
    const outside = /\.\.\/shared\/[\w./-]*\.(md|txt)\b|shared\/seeds\b/
    const bare = new RegExp(`(?<![\\w/-])(${OLD_NAMES.join('|')})\\.md\\b`)
    const offenders: string[] = []
    for (const file of FILES) {
      const atRoot = path.dirname(file) === ROOT || rel(file).startsWith('docs/')
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // From README.md or docs/, any ../shared leaves the clone.
          if (outside.test(line) || (atRoot && /\.\.\/shared\b/.test(line)) || bare.test(line)) {
            offenders.push(`${rel(file)}:${i + 1}: ${line.trim()}`)
          }
        })
    }
    expect(offenders).toEqual([])
  })

  it('anchors follow GitHub: "Staff, roles and the idle lock" → staff-roles-and-the-idle-lock', () => {
    const anchors = headingAnchors(
      '# A\n## Staff, roles and the idle lock\n## A\n```\n## not\n```\n',
    )
    expect([...anchors]).toEqual(['a', 'staff-roles-and-the-idle-lock', 'a-1'])
  })
})
