// Child process for the staging crash test: previews one export file (its facts are staged beside
// the database), says so, then waits to be SIGKILLed with the preview still waiting for Import.
// Built with vite by the test (node cannot run TypeScript here).
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { createAppContext } from '../../src/main/app-context'
import { previewImport } from '../../src/main/import/import-service'

const [databasePath, exportPath] = process.argv.slice(2)
if (!databasePath || !exportPath) throw new Error('usage: import-staging-kill-child DATABASE EXPORT')
const ctx = createAppContext({ databasePath, user: { name: 'Kill Test', role: 'admin' } })
previewImport(ctx, [{ name: basename(exportPath), bytes: readFileSync(exportPath) }], 'auto')
process.stdout.write('STAGED\n')
setInterval(() => undefined, 1000)
