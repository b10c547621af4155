// Starts the browser-mode host on a fresh database for one test worker, and stops it afterwards.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base } from '@playwright/test'

export const projectRoot = resolve(__dirname, '../../..')
/** The built app (`npm run build` writes out/); CLINIC_RECALL_E2E_OUT points at another build folder. */
export const buildDir = resolve(projectRoot, process.env.CLINIC_RECALL_E2E_OUT ?? 'out')

export interface ClinicRecallHost {
  /** The URL printed by the host, including `#token=…`. */
  url: string
  databasePath: string
  workDir: string
}

const readyLine = /Clinic Recall is running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/

function waitForUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`host did not print its URL within 30 s:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = readyLine.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolvePromise(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`host exited with code ${code} before it was ready:\n${output}`))
    })
  })
}

/** Runs a browser-mode host on a new, empty database for as long as `use` runs. */
async function runHost(use: (host: ClinicRecallHost) => Promise<void>): Promise<void> {
  const serveScript = join(buildDir, 'main/serve.js')
  if (!existsSync(serveScript)) throw new Error(`${serveScript} is missing: run \`npm run build\` before the e2e tests`)
  const workDir = mkdtempSync(join(tmpdir(), 'clinic-recall-e2e-'))
  const databasePath = join(workDir, 'practice.sqlite')
  // --no-open (and the variable, for any host a test starts another way): a test never opens a browser window of its own.
  const child = spawn(process.execPath, [serveScript, '--db', databasePath, '--port', '0', '--no-open'], {
    cwd: projectRoot,
    env: { ...process.env, CLINIC_RECALL_DB: databasePath, CLINIC_RECALL_NO_OPEN: '1' }
  })
  try {
    const url = await waitForUrl(child)
    await use({ url, databasePath, workDir })
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    rmSync(workDir, { recursive: true, force: true })
  }
}

export const test = base.extend<{ freshHost: ClinicRecallHost }, { host: ClinicRecallHost }>({
  // One host per worker, shared by the tests it runs (the journey builds on what earlier steps made).
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument.
  host: [async ({}, use) => runHost(use), { scope: 'worker' }],
  // A host of its own for a test that counts what it creates (numbers, batch ids) from an empty practice.
  // eslint-disable-next-line no-empty-pattern -- as above
  freshHost: async ({}, use) => runHost(use)
})

export { expect } from '@playwright/test'
