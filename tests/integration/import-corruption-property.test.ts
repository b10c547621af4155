// Property: however the fields of a valid export are corrupted, nothing invalid is
// stored — every stored reading passes the plausibility rules (bp-plausibility.ts: systolic 40–350,
// diastolic 20–200, systolic above diastolic) and every stored patient has a Modulus 11 NHS number.
// The import may reject rows or refuse the file; it may never crash with anything but an AppError.
import fc from 'fast-check'
import { afterEach, describe, expect, test } from 'vitest'
import type { ServiceContext } from '../../src/main/context'
import { openDatabase } from '../../src/main/db/connection'
import { importFiles } from '../../src/main/import/import-service'
import { bloodPressureProblem } from '../../src/shared/domain/bp-plausibility'
import { isValidNhsNumber } from '../../src/shared/domain/nhs-number'
import { AppError } from '../../src/shared/result'
import { validNhsNumber } from '../support/export-text'

const opened: ServiceContext[] = []
afterEach(() => {
  for (const c of opened.splice(0)) c.db.close()
})

function memoryContext(): ServiceContext {
  const db = openDatabase(':memory:')
  const ctx: ServiceContext = {
    db,
    databasePath: ':memory:',
    documentsFolder: '',
    currentUser: () => ({ name: 'Property', role: 'admin' }),
    setCurrentUser: () => undefined,
    now: () => new Date('2026-11-22T10:00:00Z')
  }
  opened.push(ctx)
  return ctx
}

/** A valid EMIS-style export mixing the events layout and a one-cell BP, 4 patients. */
function validRows(): string[][] {
  const header = ['NHS Number', 'Family Name', 'Calling Name', 'Date of Birth', 'Gender', 'Date', 'Code Term', 'Value', 'Blood Pressure', 'BP Date']
  const rows: string[][] = [header]
  for (let p = 1; p <= 4; p++) {
    rows.push([validNhsNumber(p), `NAME${p}`, 'Jo', '05/03/1958', p % 2 ? 'F' : 'M', '03-Oct-2026', 'Systolic blood pressure', '152', '148/92', '01/09/2026'])
    rows.push(['', '', '', '', '', '03-Oct-2026', 'Diastolic blood pressure', '94', '', ''])
    rows.push(['', '', '', '', '', '15-Aug-2026', 'O/E - blood pressure reading', '145/92 mmHg', '', ''])
  }
  return rows
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** What a corrupted cell may become: junk text, numbers at and past every limit, BP and date shapes. */
const corruptValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.tuple(fc.integer({ min: -50, max: 500 }), fc.integer({ min: -50, max: 500 })).map(([s, d]) => `${s}/${d}`),
  fc.constantFrom('', ' ', '0', '39', '40', '350', '351', '19', '20', '200', '201', '120/120', '120/80/60', '1e2/8e1', 'NaN', 'Infinity', '-0'),
  fc.constantFrom('31/02/2026', '00/01/1900', '29-Feb-2025', '01/01/2099', '9999-12-31', '1/1/1', '05-Mar-2024'),
  fc.constantFrom('999 100 0003', '1234567890', '0000000000', '9434765919', '943476591', '=1+1', '"', '\u0000', '\r\n')
)

const corruption = fc.array(fc.record({ row: fc.nat({ max: 12 }), column: fc.nat({ max: 9 }), value: corruptValue }), { minLength: 1, maxLength: 8 })

describe('random field corruption of a valid export', () => {
  test('never stores an implausible reading or an invalid NHS number, and never crashes', () => {
    fc.assert(
      fc.property(corruption, (changes) => {
        const rows = validRows()
        for (const { row, column, value } of changes) {
          const target = rows[row]
          if (target && column < target.length) target[column] = value
        }
        const text = rows.map((r) => r.map(quote).join(',')).join('\r\n')
        const ctx = memoryContext()
        try {
          importFiles(ctx, [{ name: 'corrupted.csv', bytes: new TextEncoder().encode(text) }], 'auto', { backup: false })
        } catch (error) {
          // Refusing the whole file is allowed (e.g. the NHS Number caption itself was corrupted).
          expect(error).toBeInstanceOf(AppError)
        }
        const readings = ctx.db.prepare('SELECT systolic, diastolic FROM bp_readings').all() as { systolic: number; diastolic: number }[]
        for (const r of readings) {
          expect(Number.isInteger(r.systolic) && Number.isInteger(r.diastolic)).toBe(true)
          expect(bloodPressureProblem(r.systolic, r.diastolic)).toBeNull()
        }
        for (const nhs of ctx.db.prepare('SELECT nhs_number FROM patients').pluck().all() as string[]) {
          expect(isValidNhsNumber(nhs)).toBe(true)
        }
        ctx.db.close()
        opened.pop()
      }),
      { numRuns: 300, seed: 20261201 }
    )
  })

  test('the uncorrupted export itself imports every patient and reading (the property is not vacuous)', () => {
    const ctx = memoryContext()
    const text = validRows()
      .map((r) => r.map(quote).join(','))
      .join('\r\n')
    const result = importFiles(ctx, [{ name: 'valid.csv', bytes: new TextEncoder().encode(text) }], 'auto', { backup: false })
    expect(result).toMatchObject({ patientsAdded: 4, rejected: [] })
    expect(result.readingsAdded).toBe(12)
  })
})
