// Entry point of the `clinic-recall` command (bundled to out/main/cli.js; bin/clinic-recall.js runs it).
import { runCli } from './cli/program'

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
