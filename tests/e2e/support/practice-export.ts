// The export the journey imports: the import engineer's EMIS fixture when there is one, otherwise the
// synthetic EMIS export `clinic-recall demo` writes. One row with an NHS number that fails Modulus 11
// is appended so the preview must show a rejected row. An export with a postcode but no street gets a
// "Number and Street" column, as a practice's letters export has: a letter is never posted to a
// postcode alone.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isValidNhsNumber } from '../../../src/shared/domain/nhs-number'
import { buildDir, projectRoot } from './clinic-recall-host'

const fixturesDir = join(projectRoot, 'tests/fixtures/imports')

function findEmisFixture(): string | null {
  if (!existsSync(fixturesDir)) return null
  const candidates = readdirSync(fixturesDir)
    .filter((name) => /emis/i.test(name) && /event/i.test(name) && name.toLowerCase().endsWith('.csv'))
    // The plainest name first: "emis-events-hypertension.csv" before its "-next-month" sibling.
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
  return candidates[0] ? join(fixturesDir, candidates[0]) : null
}

function generateDemoExport(workDir: string): string {
  const outDir = join(workDir, 'demo')
  execFileSync(process.execPath, [join(buildDir, 'main/cli.js'), 'demo', '--out', outDir, '--patients', '80'], {
    cwd: projectRoot,
    stdio: 'pipe'
  })
  // The demo also leaves SMS / call-list / batch-sheet CSVs in the folder; the export is the one with NHS numbers in a header row.
  const exportFile = readdirSync(outDir)
    .filter((name) => name.toLowerCase().endsWith('.csv') && !/sms|phone|call|reject|batch-sheet/i.test(name))
    .map((name) => join(outDir, name))[0]
  if (!exportFile) throw new Error(`clinic-recall demo wrote no export CSV into ${outDir}`)
  return exportFile
}

/** Turns a valid NHS number into one with the wrong check digit. */
function breakCheckDigit(nhsNumber: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = nhsNumber.slice(0, 9) + String(digit)
    if (candidate !== nhsNumber && !isValidNhsNumber(candidate)) return candidate
  }
  throw new Error(`could not make an invalid NHS number from ${nhsNumber}`)
}

/** The cells of one CSV line (no line breaks inside cells: the fixtures have none). */
function csvCells(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else cell += ch ?? ''
  }
  cells.push(cell)
  return cells
}

const csvLine = (cells: readonly string[]) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')

/** Gives every patient row a street before its postcode when the export has a postcode but no street. */
function withStreetAddresses(lines: string[]): string[] {
  const headerAt = lines.findIndex((line) => /nhs number/i.test(line) && /postcode/i.test(line))
  if (headerAt === -1 || /number and street/i.test(lines[headerAt] ?? '')) return lines
  const header = csvCells(lines[headerAt] ?? '').map((c) => c.trim().toLowerCase())
  const postcodeAt = header.indexOf('postcode')
  const nhsAt = header.indexOf('nhs number')
  if (postcodeAt === -1 || nhsAt === -1) return lines
  let house = 0
  return lines.map((line, i) => {
    if (i < headerAt || /^[,\s"]*$/.test(line)) return line
    const cells = csvCells(line)
    const isPatientRow = i > headerAt && (cells[nhsAt] ?? '').trim() !== '' && (cells[postcodeAt] ?? '').trim() !== ''
    cells.splice(postcodeAt, 0, i === headerAt ? 'Number and Street' : isPatientRow ? `${++house} Example Road` : '')
    return csvLine(cells)
  })
}

export interface PreparedExport {
  path: string
  source: string
  invalidNhsNumber: string
}

export function prepareExport(workDir: string): PreparedExport {
  const source = findEmisFixture() ?? generateDemoExport(workDir)
  const text = readFileSync(source, 'utf8')
  const newline = text.includes('\r\n') ? '\r\n' : '\n'
  const lines = withStreetAddresses(text.split(/\r?\n/))
  // The first data row that carries a valid NHS number as a whole cell: copy it with a broken check digit.
  let invalid: string | null = null
  let copied: string | null = null
  for (const line of lines) {
    const match = /(^|,)"?(\d{3} ?\d{3} ?\d{4})"?(?=,|$)/.exec(line)
    const digits = match?.[2]?.replace(/ /g, '')
    if (match?.[2] && digits && isValidNhsNumber(digits)) {
      invalid = breakCheckDigit(digits)
      copied = line.replace(match[2], invalid)
      break
    }
  }
  if (!invalid || !copied) throw new Error(`no row with a valid NHS number in ${source}`)
  // Put the bad row before any trailing blank / all-comma lines so it is read as data.
  let insertAt = lines.length
  while (insertAt > 0 && /^[,\s"]*$/.test(lines[insertAt - 1] ?? '')) insertAt--
  lines.splice(insertAt, 0, copied)
  const path = join(workDir, 'practice-export-with-a-bad-row.csv')
  writeFileSync(path, lines.join(newline))
  return { path, source, invalidNhsNumber: invalid }
}
