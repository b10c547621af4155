// Start-up loads only what it uses: `clinic-recall --help` (and --version, and a usage error) must
// not load the PDF, Word, workbook, solver, CSV and XML libraries, nor the database driver, nor
// build the contract's schemas (zod, bundled into the app's own chunks) — they are loaded the first
// time a command needs one (src/main/load-on-first-use.ts,
// src/main/cli/command-runtime.ts). The CLI is built here from the current source with the
// project's own build settings, into a folder of its own (never the shared out/), and run as a
// whole process with a hook that records every package it loads.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { resolveConfig } from 'electron-vite'
import { build, mergeConfig, type InlineConfig } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
const heavy = ['pdfkit', 'docxtemplater', 'pizzip', 'exceljs', 'highs', 'papaparse', 'saxes', 'fflate', 'better-sqlite3']

// Every bare package name asked of require(), and every file loaded, written to a file when the process ends.
const hook = `
const Module = require('node:module')
const { writeFileSync } = require('node:fs')
const seen = new Set()
const load = Module._load
Module._load = function (request, ...rest) {
  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) {
    seen.add(request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0])
  }
  return load.call(this, request, ...rest)
}
process.on('exit', () => writeFileSync(process.env.LOADED_PACKAGES_FILE, JSON.stringify({ packages: [...seen], files: Object.keys(require.cache) })))
`

let folder = ''

beforeAll(async () => {
  // Inside node_modules/.cache, so the bundle finds the project's packages exactly as out/main does.
  folder = mkdtempSync(join(root, 'node_modules', '.cache', 'lazy-start-up-'))
  const resolved = await resolveConfig({ root, logLevel: 'silent' }, 'build', 'production')
  const main = resolved.config?.main as InlineConfig | undefined
  if (!main) throw new Error('electron.vite.config.ts has no main build')
  await build(mergeConfig(main, { logLevel: 'silent', build: { outDir: join(folder, 'main'), emptyOutDir: true } }))
  writeFileSync(join(folder, 'hook.cjs'), hook)
}, 120_000)

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** Runs the built CLI with `args`; its exit code, output, the packages it loaded and every file it loaded. */
function runBuiltCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string; packages: string[]; files: string[] } {
  const packagesFile = join(folder, `packages-${Math.random().toString(36).slice(2)}.json`)
  const run = spawnSync(process.execPath, ['--require', join(folder, 'hook.cjs'), join(folder, 'main', 'cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOADED_PACKAGES_FILE: packagesFile, CLINIC_RECALL_USER: 'Start-up test' }
  })
  const { packages, files } = JSON.parse(readFileSync(packagesFile, 'utf8')) as { packages: string[]; files: string[] }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, packages, files }
}

/** The built files among those loaded that hold zod (bundled in, so no require() names it): the contract's schemas come with it. */
function zodChunks(files: readonly string[]): string[] {
  return files.filter((file) => file.startsWith(join(folder, 'main')) && readFileSync(file, 'utf8').includes('$constructor("$ZodType"'))
}

describe('CLI start-up', () => {
  test.each([['--help'], ['--version'], ['cohort', '--help'], ['no-such-command']])('%s loads none of the heavy packages', (...args) => {
    const run = runBuiltCli(args)
    expect(run.status, run.stderr).toBe(args[0] === 'no-such-command' ? 2 : 0)
    expect(run.packages.filter((p) => heavy.includes(p))).toEqual([])
    expect(zodChunks(run.files)).toEqual([])
  })

  test('--help still describes every command group', () => {
    const run = runBuiltCli(['--help'])
    for (const command of ['import', 'cohort', 'invite', 'audit', 'backup', 'restore']) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
  })

  // A command loads every service (what the app loads at start), but still no document library:
  // each is loaded by the function that makes or reads that kind of file.
  test('a command that makes no document loads the database driver and nothing heavier', () => {
    const run = runBuiltCli(['--db', join(folder, 'practice.sqlite'), 'programme', 'list', '--json'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.packages.filter((p) => heavy.includes(p))).toEqual(['better-sqlite3'])
    // The contract checks every call, so a command does build it: the check above can see it.
    expect(zodChunks(run.files)).toHaveLength(1)
  })

  // The hook sees what a command loads: listing the code lists opens the database and reads CSVs.
  test('a command that needs them loads them when it runs', () => {
    const run = runBuiltCli(['--db', join(folder, 'practice.sqlite'), 'codes', 'list', '--json'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.packages).toEqual(expect.arrayContaining(['better-sqlite3', 'papaparse']))
  })
})
