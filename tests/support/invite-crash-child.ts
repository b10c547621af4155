// Child process for the crash-during-invite test: runs `clinic-recall invite` on a database through
// the real CLI, and SIGKILLs itself just before its n-th file-system call in the documents folder
// (opening, writing, flushing, renaming or removing a file there), so the parent can look at what a
// crash at exactly that point leaves. With n = 0 it only counts those calls and prints the count.
// Built with vite by the test (node cannot run TypeScript here); the bundle reads `fs.renameSync` and
// the rest from the module object at call time, so the wrappers below are what it calls.
import fs from 'node:fs'
import { dirname, resolve } from 'node:path'
import { runCli } from '../../src/main/cli/program'

const [databasePath, cohortId, killAtText] = process.argv.slice(2)
if (!databasePath || !cohortId || killAtText === undefined) throw new Error('usage: invite-crash-child DATABASE COHORT_ID KILL_AT')
const killAt = Number(killAtText)
const documentsFolder = resolve(dirname(databasePath), 'documents')

let calls = 0
const documentFds = new Set<number>()
const inDocuments = (path: unknown) => typeof path === 'string' && resolve(path).startsWith(documentsFolder)

function counted(what: string): void {
  calls++
  if (killAt === 0) fs.writeSync(1, `CALL ${calls} ${what}\n`)
  if (killAt > 0 && calls === killAt) {
    fs.writeSync(1, `KILLED-AT ${calls} ${what}\n`)
    process.kill(process.pid, 'SIGKILL')
  }
}

type AnyFunction = (...args: unknown[]) => unknown
const mutableFs = fs as unknown as Record<string, AnyFunction>
function wrapPath(name: string, pathArgs: number[]): void {
  const original = mutableFs[name] as AnyFunction
  mutableFs[name] = (...args: unknown[]) => {
    const path = pathArgs.map((i) => args[i]).find(inDocuments)
    if (path !== undefined) counted(`${name} ${String(path).slice(documentsFolder.length + 1)}`)
    const result = original(...args)
    if (name === 'openSync' && path !== undefined) documentFds.add(result as number)
    return result
  }
}
function wrapFd(name: string): void {
  const original = mutableFs[name] as AnyFunction
  mutableFs[name] = (...args: unknown[]) => {
    if (documentFds.has(args[0] as number)) counted(`${name} fd`)
    if (name === 'closeSync') documentFds.delete(args[0] as number)
    return original(...args)
  }
}
wrapPath('openSync', [0])
wrapPath('renameSync', [0, 1])
wrapPath('rmSync', [0])
wrapPath('unlinkSync', [0])
wrapPath('writeFileSync', [0])
wrapPath('copyFileSync', [0, 1])
wrapPath('linkSync', [0, 1])
for (const name of ['writeSync', 'fsyncSync', 'closeSync']) wrapFd(name)

let stdout = ''
let stderr = ''
void runCli(['--db', databasePath, 'invite', cohortId, '--attempt', '1', '--date', '2026-11-23', '--json'], {
  stdout: (t) => (stdout += t),
  stderr: (t) => (stderr += t),
  env: { CLINIC_RECALL_USER: 'Crash Test', CLINIC_RECALL_ROLE: 'admin' }
}).then((code) => {
  fs.writeSync(1, `EXIT ${code} CALLS ${calls}\n${stdout}\n${stderr}\n`)
})
