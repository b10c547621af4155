#!/usr/bin/env node
// Runs the bundled CLI. `npm install` builds it (the "prepare" script); if it is missing, say how to build it.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('Clinic Recall is not built yet: run "npm run build" in ' + join(__dirname, '..') + '\n')
  process.exit(1)
}
require(cli)
