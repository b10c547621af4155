import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { generateSyntheticEmisExport, patientColumns, eventColumns } from '../../src/main/demo/synthetic-export'
import { ageOn } from '../../src/shared/domain/age'
import { classifyPriority } from '../../src/shared/domain/bp-priority'
import { isControlled, targetFor } from '../../src/shared/domain/bp-targets'
import type { ClinicalConcept } from '../../src/shared/domain/clinical-concepts'
import { currentBloodPressure } from '../../src/shared/domain/current-bp'
import { buildEthnicityLibrary, mapEthnicity } from '../../src/shared/domain/ethnicity-mapping'
import { hypertensionRegisterStatus } from '../../src/shared/domain/hypertension-register'
import { isValidNhsNumber, normaliseNhsNumber } from '../../src/shared/domain/nhs-number'
import type { BpReading, CodedEvent } from '../../src/shared/domain/patient-record'
import { parseUkDate } from '../../src/shared/domain/uk-date'

const asOf = '2026-09-20'

interface ParsedPatient {
  nhsNumber: string
  dateOfBirth: string
  ethnicity: string
  rows: string[][]
}

/** Reads the export back the way an EMIS importer must: find the header row, carry patients forward. */
function parseExport(csv: string) {
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: false }).data
  const headerIndex = rows.findIndex((r) => r[0] === 'EMIS Number' && r.includes('NHS Number'))
  const header = rows[headerIndex] ?? []
  const body = rows.slice(headerIndex + 1).filter((r) => !(r.length === 1 && r[0] === ''))
  const col = (name: string) => header.indexOf(name)
  const patients: ParsedPatient[] = []
  let emptyRows = 0
  for (const r of body) {
    if (r.every((c) => c === '')) {
      emptyRows++
      continue
    }
    const nhs = r[col('NHS Number')] ?? ''
    if (nhs !== '') {
      const dob = parseUkDate(r[col('Date of Birth')] ?? '')
      patients.push({ nhsNumber: nhs, dateOfBirth: dob.ok && dob.date ? dob.date : '', ethnicity: r[col('Ethnicity')] ?? '', rows: [] })
    }
    patients[patients.length - 1]?.rows.push(r)
  }
  return { rows, header, headerIndex, patients, emptyRows, col }
}

const conceptOfCode: Readonly<Record<string, ClinicalConcept>> = {
  '59621000': 'HYP',
  '162659009': 'HYPRES',
  '44054006': 'DM',
  '73211009': 'DM',
  '22298006': 'CHD',
  '194828000': 'CHD',
  '414545008': 'CHD',
  '230690007': 'STIA',
  '266257000': 'STIA',
  '413123006': 'BPDEC',
  '407567007': 'HTMAX'
}

const ethnicityLibrary = buildEthnicityLibrary(
  Papa.parse<string[]>(readFileSync(join(__dirname, '../../resources/codelists/opensafely-ethnicity-snomed-0removed.csv'), 'utf8'), {
    skipEmptyLines: true
  })
    .data.slice(1)
    .map((r) => ({ code: r[0] ?? '', term: r[1] ?? '', grouping16: Number(r[2]) }))
)

/** The state each patient is in on the as-of date by the app's own rules (QOF mode). */
function stateOf(p: ParsedPatient, col: (name: string) => number): string {
  const readings = new Map<string, { sys: number[]; dia: number[]; setting: 'clinic' | 'home' }>()
  const events: CodedEvent[] = []
  for (const r of p.rows) {
    const dateParse = parseUkDate(r[col('Date')] ?? '')
    const date = dateParse.ok && dateParse.date ? dateParse.date : ''
    const code = r[col('Code')] ?? ''
    const value = r[col('Value')] ?? ''
    const home = code === '413606001' || code === '413605002'
    const key = `${date}|${home ? 'home' : 'clinic'}`
    const entry = readings.get(key) ?? { sys: [], dia: [], setting: home ? 'home' : 'clinic' }
    if (code === '271649006' || code === '413606001') entry.sys.push(Number(value))
    else if (code === '271650006' || code === '413605002') entry.dia.push(Number(value))
    else if (code === '75367002') {
      const [s, d] = value.split('/').map(Number)
      entry.sys.push(s ?? NaN)
      entry.dia.push(d ?? NaN)
    } else {
      const concept = conceptOfCode[code]
      if (concept) events.push({ date, concept, code, term: r[col('Code Term')] ?? '' })
      continue
    }
    readings.set(key, entry)
  }
  const bpReadings: BpReading[] = [...readings.entries()].flatMap(([key, e]) =>
    e.sys.map((s, i) => ({ date: key.split('|')[0] ?? '', systolic: s, diastolic: e.dia[i] ?? NaN, setting: e.setting }))
  )
  if (!hypertensionRegisterStatus(events, asOf).onRegister) return 'not on register'
  const bp = currentBloodPressure(bpReadings, asOf).bp
  if (!bp) return 'no recent BP'
  const age = ageOn(p.dateOfBirth, asOf) ?? 0
  if (isControlled(bp, targetFor('qof', age, bp.setting))) return 'controlled'
  return classifyPriority(bp, {
    conditions: events.map((e) => e.concept),
    ethnicityCategory: mapEthnicity(p.ethnicity, ethnicityLibrary)
  }).priority
}

describe('synthetic EMIS export', () => {
  const generated = generateSyntheticEmisExport({ patients: 120, seed: 42, asOf })
  const parsed = parseExport(generated.csv)

  it('has an EMIS report header block, a header row ending in a comma and a last line of commas', () => {
    const lines = generated.csv.split('\r\n')
    expect(parsed.headerIndex).toBeGreaterThan(0)
    expect(lines.some((l) => l.startsWith('Last Run,') && l.includes('Relative Date,20-Sep-2026'))).toBe(true)
    const headerLine = lines[parsed.headerIndex] ?? ''
    expect(headerLine.endsWith(',')).toBe(true)
    expect(parsed.header.slice(0, patientColumns.length + eventColumns.length)).toEqual([...patientColumns, ...eventColumns])
    const last = lines.filter((l) => l !== '').at(-1) ?? ''
    expect(last).toMatch(/^,+$/)
    expect(generated.fileName).toBe('synthetic-emis-hypertension-export-2026-09-20.csv')
  })

  it('parses back with papaparse into the requested number of patients, with continuation rows and one confidential empty row', () => {
    expect(parsed.patients).toHaveLength(120)
    expect(parsed.patients.some((p) => p.rows.length > 1)).toBe(true)
    // The confidential patient's empty row plus the final line of commas.
    expect(parsed.emptyRows).toBe(2)
    for (const p of parsed.patients) {
      for (const continuation of p.rows.slice(1)) expect(continuation.slice(0, patientColumns.length).every((c) => c === '')).toBe(true)
    }
  })

  it('prints every NHS number spaced 3-3-4, valid by Modulus 11 and from the 999 test range, each once', () => {
    const numbers = parsed.patients.map((p) => p.nhsNumber)
    for (const n of numbers) {
      expect(n).toMatch(/^999 \d{3} \d{4}$/)
      expect(isValidNhsNumber(n)).toBe(true)
    }
    expect(new Set(numbers.map(normaliseNhsNumber)).size).toBe(numbers.length)
  })

  it('writes dates as dd-Mon-yyyy and GP names as "SURNAME, Given (Dr)"', () => {
    const dobs = parsed.patients.map((p) => p.rows[0]?.[parsed.col('Date of Birth')] ?? '')
    for (const d of dobs) expect(d).toMatch(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/)
    const gp = parsed.patients[0]?.rows[0]?.[parsed.col("Usual GP's Full Name")] ?? ''
    expect(gp).toMatch(/^[A-Z]+, [A-Z][a-z]+ \(Dr\)$/)
  })

  it('gives ages from 25 to 95 and about 40% Black African, Caribbean or other Black patients', () => {
    const ages = parsed.patients.map((p) => ageOn(p.dateOfBirth, asOf) ?? -1)
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(25)
    expect(Math.max(...ages)).toBeLessThanOrEqual(95)
    const black = parsed.patients.filter((p) => ['M', 'N', 'P'].includes(mapEthnicity(p.ethnicity, ethnicityLibrary) ?? '')).length
    expect(black / parsed.patients.length).toBeGreaterThan(0.25)
    expect(black / parsed.patients.length).toBeLessThan(0.55)
  })

  it('holds BP as systolic and diastolic rows, as combined 152/94 rows and as home averages', () => {
    const codes = parsed.patients.flatMap((p) => p.rows.map((r) => r[parsed.col('Code')]))
    for (const code of ['271649006', '271650006', '75367002', '413606001', '413605002', '59621000', '162659009']) {
      expect(codes).toContain(code)
    }
    const combined = parsed.patients.flatMap((p) => p.rows).filter((r) => r[parsed.col('Code')] === '75367002')
    for (const r of combined) {
      expect(r[parsed.col('Value')]).toMatch(/^\d{2,3}\/\d{2,3}$/)
      expect(r[parsed.col('Unit')]).toBe('mmHg')
    }
  })

  it('contains every state the clinic works with: P1, P2, P3, P4, controlled, no recent BP and not on the register', () => {
    const states = new Set(parsed.patients.map((p) => stateOf(p, parsed.col)))
    for (const s of ['P1', 'P2', 'P3', 'P4', 'controlled', 'no recent BP', 'not on register']) expect(states).toContain(s)
  })

  it('covers every priority state even in a small export of 8 patients', () => {
    const small = generateSyntheticEmisExport({ patients: 8, seed: 3, asOf })
    const p = parseExport(small.csv)
    const states = new Set(p.patients.map((x) => stateOf(x, p.col)))
    for (const s of ['P1', 'P2', 'P3', 'P4', 'controlled', 'no recent BP']) expect(states).toContain(s)
  })

  it('is the same file for the same seed and a different file for another seed', () => {
    expect(generateSyntheticEmisExport({ patients: 120, seed: 42, asOf }).csv).toBe(generated.csv)
    expect(generateSyntheticEmisExport({ patients: 120, seed: 43, asOf }).csv).not.toBe(generated.csv)
  })
})
