// Prints the renderer's initial JavaScript (the entry chunk and what it imports statically),
// gzipped, against the 250 KB budget. Lazy route chunks are not counted.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dir = 'out/renderer'
const html = readFileSync(join(dir, 'index.html'), 'utf8')
const entries = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g)].map((m) => m[1])
const preloads = [
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+\.js)"/g),
].map((m) => m[1])
const files = [...new Set([...entries, ...preloads])]
let total = 0
for (const file of files) {
  const size = gzipSync(readFileSync(join(dir, file))).length
  total += size
  console.log(`  ${file}  ${(size / 1024).toFixed(1)} KB gzip`)
}
const kb = total / 1024
console.log(`renderer initial JS: ${kb.toFixed(1)} KB gzip (budget 250 KB)`)
if (kb > 250) process.exit(1)
