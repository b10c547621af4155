// `npm test`: every check the project has, in order — type-check, lint, format, build, unit + integration
// tests (vitest, real SQLite files), end-to-end journeys (Playwright in Debian Chromium, browser
// mode) — then one plain closing line "N passed, N failed" that CI reads. Exit code 1 if anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const results = join(root, 'test-results')
mkdirSync(results, { recursive: true })

let passed = 0
let failed = 0
const failures = []

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`=== ${label}: exit ${child.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return child.status === 0
}

function check(label, command, args) {
  if (run(label, command, args)) passed++
  else {
    failed++
    failures.push(label)
  }
}

function countVitest(file) {
  if (!existsSync(file)) return false
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests ?? 0
  failed += report.numFailedTests ?? 0
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`vitest: ${test.fullName}`)
    }
    // A file that fails to load has no assertions but must still count as a failure.
    if ((suite.assertionResults ?? []).length === 0 && suite.status === 'failed') {
      failed++
      failures.push(`vitest: ${suite.name} (${(suite.message ?? '').split('\n')[0]})`)
    }
  }
  return true
}

function countPlaywright(file) {
  if (!existsSync(file)) return false
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const status = test.status // expected | unexpected | flaky | skipped
        if (status === 'expected' || status === 'flaky') passed++
        else if (status === 'unexpected') {
          failed++
          failures.push(`e2e: ${spec.title}`)
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites ?? []) walk(suite)
  for (const error of report.errors ?? []) {
    failed++
    failures.push(`e2e: ${(error.message ?? '').split('\n')[0]}`)
  }
  return true
}

check('type-check', 'npm', ['run', '--silent', 'typecheck'])
check('lint', 'npm', ['run', '--silent', 'lint'])
check('format', 'npm', ['run', '--silent', 'format:check'])
const built = run('build', 'npm', ['run', '--silent', 'build'])
if (built) passed++
else {
  failed++
  failures.push('build')
}

const vitestReport = join(results, 'vitest-results.json')
rmSync(vitestReport, { force: true })
run('unit + integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`])
if (!countVitest(vitestReport)) {
  failed++
  failures.push('vitest produced no report')
}

if (built) {
  const e2eReport = join(results, 'e2e-results.json')
  rmSync(e2eReport, { force: true })
  run('end-to-end journeys', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport })
  if (!countPlaywright(e2eReport)) {
    failed++
    failures.push('playwright produced no report')
  }
}

if (failures.length) {
  console.log('\nFailed:')
  for (const f of failures) console.log(`  - ${f}`)
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
