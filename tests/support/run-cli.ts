// The CLI as a test runs it: in this process, through the same `runCli` the binary calls, with
// what it printed captured. A command is given whole, `--db` included.
import { expect } from 'vitest'
import { runCli } from '../../src/main/cli/program'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export const cliTestUser = { CLINIC_RECALL_USER: 'CLI test' }

export async function runCliCaptured(argv: readonly string[], env: NodeJS.ProcessEnv = cliTestUser): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli([...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env })
  return { code, stdout, stderr }
}

/** A command that must succeed silently on stderr, its `--json` output parsed. */
export async function runCliJson(argv: readonly string[], env: NodeJS.ProcessEnv = cliTestUser): Promise<Record<string, unknown>> {
  const run = await runCliCaptured([...argv, '--json'], env)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as Record<string, unknown>
}
