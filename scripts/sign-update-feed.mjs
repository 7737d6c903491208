#!/usr/bin/env node
// Signs a release's electron-updater metadata for the kiosk update feed (docs/updates.md#signing):
// a detached Ed25519 signature over each metadata file's exact bytes, written beside it as
// `<file>.sig` (base64). The private key stays with the release manager (an offline machine or an
// HSM-backed signer); head office and kiosks only ever hold the public half.
//
//   node scripts/sign-update-feed.mjs <release-folder> <ed25519-private-key.pem>
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [folder, keyFile] = process.argv.slice(2)
if (!folder || !keyFile) {
  process.stderr.write(
    'usage: node scripts/sign-update-feed.mjs <release-folder> <private-key.pem>\n',
  )
  process.exit(2)
}
const key = createPrivateKey(readFileSync(keyFile))
if (key.asymmetricKeyType !== 'ed25519') {
  process.stderr.write(`${keyFile} is not an Ed25519 private key\n`)
  process.exit(1)
}
let signed = 0
for (const name of ['latest-linux.yml', 'latest.yml']) {
  const file = join(folder, name)
  if (!existsSync(file)) continue
  const bytes = readFileSync(file)
  const signature = sign(null, bytes, key)
  if (!verify(null, bytes, createPublicKey(key), signature))
    throw new Error('signature check failed')
  writeFileSync(`${file}.sig`, signature.toString('base64') + '\n')
  process.stdout.write(`signed ${file}\n`)
  signed += 1
}
if (signed === 0) {
  process.stderr.write(`no latest-linux.yml or latest.yml in ${folder}\n`)
  process.exit(1)
}
