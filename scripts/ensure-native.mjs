// better-sqlite3 is a native module built for one runtime at a time. `npm start` rebuilds it
// for Electron; tests and browser mode run in plain Node. If it doesn't load here, rebuild it
// for this Node, once.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
try {
  const Database = require('better-sqlite3')
  new Database(':memory:').close()
} catch (err) {
  if (
    !/NODE_MODULE_VERSION|was compiled against|invalid ELF|cannot open shared object/.test(
      String(err),
    )
  )
    throw err
  console.log('better-sqlite3 was built for another runtime (Electron?); rebuilding it for Node…')
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}
