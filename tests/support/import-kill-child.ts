// Child process for the kill-mid-import test: imports one export file into a database and prints a
// line at every progress report from inside the commit's transaction, so the parent can SIGKILL it
// while the transaction is open. Built with vite by the test (node cannot run TypeScript here).
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { createAppContext } from '../../src/main/app-context'
import { importFiles } from '../../src/main/import/import-service'

const [databasePath, exportPath] = process.argv.slice(2)
if (!databasePath || !exportPath) throw new Error('usage: import-kill-child DATABASE EXPORT')
const ctx = createAppContext({ databasePath, user: { name: 'Kill Test', role: 'admin' } })
process.stdout.write('PARSING\n')
const result = importFiles(ctx, [{ name: basename(exportPath), bytes: readFileSync(exportPath) }], 'auto', {
  // Pipes are synchronous on Linux: the parent sees each line while the transaction is still open.
  onProgress: (done, total) => process.stdout.write(`COMMITTING ${done} ${total}\n`)
})
process.stdout.write(`DONE ${JSON.stringify({ importId: result.importId })}\n`)
ctx.db.close()
