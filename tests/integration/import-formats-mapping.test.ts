// Any other CSV/XLSX goes through the column-mapping screen: the user says which column is what,
// the mapping is saved per header layout (migration 0002) and reused automatically for the next
// file with the same columns; an auto-detected layout can be overridden the same way.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { forgetColumnMapping, listColumnMappings, saveColumnMapping } from '../../src/main/import/map/column-mapping-store'
import { importFiles, inspectImportFiles, previewImport } from '../../src/main/import/import-service'
import { layoutHashOf } from '../../src/main/import/map/map-columns'
import { readWorkbooks } from '../../src/main/import/read/xlsx-rows'
import { ImportFileColumns, ImportPreview, SavedColumnMapping } from '../../src/shared/contract'
import { AppError } from '../../src/shared/result'
import { createTestContext, type TestContext } from '../support/test-context'

const fixture = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports', path))) })
const november = () => fixture('custom-layout/practice-bp-list-november.csv')
const later = () => fixture('custom-layout/practice-bp-list-later.csv')

/** Patient Identifier, Surname, Given, Birth, Sex, Sys, Dia, Taken on, Post code area */
const practiceRoles = [
  'nhsNumber',
  'patient.familyName',
  'patient.givenName',
  'patient.dateOfBirth',
  'patient.sex',
  'bp.systolic',
  'bp.diastolic',
  'bp.date',
  'patient.postcode'
]

let ctx: TestContext
afterEach(() => ctx?.cleanup())

function caught(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected an error')
}

describe('an unknown layout', () => {
  test('cannot be previewed until its NHS number column is chosen; the message says how', () => {
    ctx = createTestContext()
    const error = caught(() => previewImport(ctx, [november()], 'auto'))
    expect(error.code).toBe('bad_file')
    expect(error.message).toMatch(/"practice-bp-list-november.csv" has no NHS number column.*column-mapping screen.*EMIS Web: Reporting > Population Reporting/)
    expect(error.details).toMatchObject({
      needsMapping: true,
      layoutHash: layoutHashOf(['Patient Identifier', 'Surname', 'Given', 'Birth', 'Sex', 'Sys', 'Dia', 'Taken on', 'Post code area'])
    })
  })

  test('the mapping screen shows each column, what it would be read as and sample values', () => {
    ctx = createTestContext()
    const [columns] = inspectImportFiles(ctx, [november()]).map((c) => ImportFileColumns.parse(c))
    expect(columns).toMatchObject({ needsMapping: true, headerRowNumber: 1, mappingSource: 'auto', fileType: 'csv' })
    expect(columns!.captions).toEqual(['Patient Identifier', 'Surname', 'Given', 'Birth', 'Sex', 'Sys', 'Dia', 'Taken on', 'Post code area'])
    expect(columns!.columns.map((c) => [c.caption, c.role])).toEqual([
      ['Patient Identifier', 'ignored'],
      ['Surname', 'patient.familyName'],
      ['Given', 'ignored'],
      ['Birth', 'ignored'],
      ['Sex', 'patient.sex'],
      ['Sys', 'ignored'],
      ['Dia', 'ignored'],
      ['Taken on', 'ignored'],
      ['Post code area', 'ignored']
    ])
    expect(columns!.columns[0]!.samples).toEqual(['999 000 0018', '999 000 0026', '999 000 0019'])
  })

  test('a mapping chosen for one preview reads the file as the user said, and is not saved', () => {
    ctx = createTestContext()
    const layoutHash = inspectImportFiles(ctx, [november()])[0]!.layoutHash
    const preview = ImportPreview.parse(previewImport(ctx, [november()], 'auto', [{ layoutHash, roles: practiceRoles }]))
    expect(preview).toMatchObject({ format: 'custom', patientsInFile: 2, readingsInFile: 2 })
    expect(preview.files[0]!.mapping).toMatchObject({ source: 'chosen', layoutHash })
    expect(preview.files[0]!.detection).toMatch(/^Your own layout, read with a column mapping: .*Using the column mapping you chose\.$/)
    expect(preview.files[0]!.columns[5]).toMatchObject({ caption: 'Sys', role: 'bp.systolic', note: 'as you chose in the column mapping' })
    expect(preview.rejected).toEqual([expect.objectContaining({ row: 4, column: 'Patient Identifier', reason: expect.stringMatching(/Modulus 11/) })])
    expect(listColumnMappings(ctx.db)).toEqual([])
  })

  test('a saved mapping is used automatically for the next file with the same columns, and says so', () => {
    ctx = createTestContext()
    const saved = SavedColumnMapping.parse(saveColumnMapping(ctx, { captions: inspectImportFiles(ctx, [november()])[0]!.captions, roles: practiceRoles }))
    expect(saved).toMatchObject({ savedBy: 'Test Pharmacist', savedAt: '2026-11-22T10:00:00.000Z' })

    const first = importFiles(ctx, [november()], 'auto')
    expect(first).toMatchObject({ format: 'custom', patientsAdded: 2, readingsAdded: 2 })
    expect(ctx.db.prepare("SELECT family_name, given_name, date_of_birth, sex, postcode FROM patients WHERE nhs_number = '9990000018'").get()).toEqual({
      family_name: 'ADAMS',
      given_name: 'Alice',
      date_of_birth: '1958-03-05',
      sex: 'F',
      postcode: 'SW1A 1AA'
    })

    const preview = previewImport(ctx, [later()], 'auto')
    expect(preview.files[0]!.mapping).toMatchObject({ source: 'saved', layoutHash: saved.layoutHash, savedBy: 'Test Pharmacist' })
    expect(preview.files[0]!.detection).toMatch(/Using your saved mapping for this layout \(saved 2026-11-22 by Test Pharmacist\)\./)
    expect(preview).toMatchObject({ patientsInFile: 3, patientsNew: 2, patientsExisting: 1, readingsInFile: 3 })
    expect(importFiles(ctx, [later()], 'auto')).toMatchObject({ patientsAdded: 2, readingsAdded: 3 })
    expect(ctx.db.prepare("SELECT summary FROM activity_log WHERE action = 'imports.saveMapping'").pluck().all()).toEqual([
      expect.stringMatching(/Patient Identifier → NHS number, Surname → Family name/)
    ])
  })

  test('the same layout with a trailing comma, other letter case or spacing is the same layout', () => {
    expect(layoutHashOf(['NHS Number', 'Sys ', ''])).toBe(layoutHashOf(['nhs  number', 'SYS']))
    expect(layoutHashOf(['NHS Number', 'Sys'])).not.toBe(layoutHashOf(['Sys', 'NHS Number']))
  })

  test('a workbook with the same captions uses the mapping saved from the CSV', async () => {
    ctx = createTestContext()
    const files = await readWorkbooks([fixture('xlsx/practice-own-layout.xlsx')])
    const captions = inspectImportFiles(ctx, files)[0]!.captions
    expect(captions).toEqual(['Patient Identifier', 'Surname', 'Birth', 'Sys', 'Dia', 'Taken on'])
    saveColumnMapping(ctx, { captions, roles: ['nhsNumber', 'patient.familyName', 'patient.dateOfBirth', 'bp.systolic', 'bp.diastolic', 'bp.date'] })
    const preview = previewImport(ctx, files, 'auto')
    expect(preview.files[0]).toMatchObject({ fileType: 'xlsx', format: 'custom', mapping: { source: 'saved' } })
    expect(importFiles(ctx, files, 'auto')).toMatchObject({ patientsAdded: 2, readingsAdded: 2, rejected: [] })
    expect(ctx.db.prepare("SELECT date_of_birth FROM patients WHERE nhs_number = '9990000085'").pluck().get()).toBe('1949-07-14')
  })

  test('repeated captions are mapped by position: two "Reading"/"Date" pairs give two readings', () => {
    ctx = createTestContext()
    const bytes = new TextEncoder().encode('Identifier,Reading,Date,Reading,Date\r\n9990000018,150/90,01/10/2026,140/85,01/11/2026\r\n')
    const file = { name: 'two-readings.csv', bytes }
    const columns = inspectImportFiles(ctx, [file])[0]!
    expect(columns.columns.map((c) => c.caption)).toEqual(['Identifier', 'Reading (1st)', 'Date (1st)', 'Reading (2nd)', 'Date (2nd)'])
    saveColumnMapping(ctx, { captions: columns.captions, roles: ['nhsNumber', 'bp.combined', 'bp.date', 'bp.combined', 'bp.date'] })
    importFiles(ctx, [file], 'auto')
    expect(ctx.db.prepare('SELECT taken_on, systolic, diastolic FROM bp_readings ORDER BY taken_on').all()).toEqual([
      { taken_on: '2026-10-01', systolic: 150, diastolic: 90 },
      { taken_on: '2026-11-01', systolic: 140, diastolic: 85 }
    ])
  })

  test('a mapping without an NHS number column, or with one field chosen twice, is refused', () => {
    ctx = createTestContext()
    const captions = ['Patient Identifier', 'Surname', 'Given']
    expect(caught(() => saveColumnMapping(ctx, { captions, roles: ['ignored', 'patient.familyName', 'ignored'] })).message).toMatch(
      /choose the column that holds the NHS number/
    )
    expect(caught(() => saveColumnMapping(ctx, { captions, roles: ['nhsNumber', 'patient.familyName', 'patient.familyName'] })).message).toMatch(
      /"Family name \(surname\)" is chosen for 2 columns/
    )
    expect(caught(() => saveColumnMapping(ctx, { captions, roles: ['nhsNumber', 'patient.shoeSize'] })).message).toMatch(/unknown column role/)
    expect(caught(() => previewImport(ctx, [november()], 'auto', [{ layoutHash: 'x', roles: ['ignored'] }])).code).toBe('invalid_input')
    expect(listColumnMappings(ctx.db)).toEqual([])
  })

  test('a saved mapping can be forgotten; the layout then needs mapping again', () => {
    ctx = createTestContext()
    const saved = saveColumnMapping(ctx, { captions: inspectImportFiles(ctx, [november()])[0]!.captions, roles: practiceRoles })
    expect(forgetColumnMapping(ctx, saved.layoutHash)).toBe(true)
    expect(forgetColumnMapping(ctx, saved.layoutHash)).toBe(false)
    expect(() => previewImport(ctx, [november()], 'auto')).toThrow(/has no NHS number column/)
  })
})

describe('overriding a recognised layout', () => {
  test('a saved mapping replaces what the captions said, for that layout only', () => {
    ctx = createTestContext()
    const wide = fixture('wide-bp-columns.csv')
    const auto = inspectImportFiles(ctx, [wide])[0]!
    expect(auto.mappingSource).toBe('auto')
    // The practice's "Diabetes" column is not a register flag in their report: ignore it.
    const roles = auto.columns.map((c) => (c.caption === 'Diabetes' ? 'ignored' : c.role))
    saveColumnMapping(ctx, { captions: auto.captions, roles })
    const preview = previewImport(ctx, [wide], 'auto')
    expect(preview.files[0]!.format).toBe('custom')
    expect(preview.files[0]!.mapping.source).toBe('saved')
    expect(preview.files[0]!.columns.find((c) => c.caption === 'Diabetes')).toMatchObject({ role: 'ignored', note: 'from your saved mapping' })
    expect(preview.files[0]!.columns.find((c) => c.caption === 'Hypertension')).toMatchObject({ role: 'flag.HYP' })
    // An EMIS export with other captions is untouched by it.
    expect(previewImport(ctx, [fixture('emis-events-hypertension.csv')], 'auto').files[0]!.mapping.source).toBe('auto')
  })
})

describe('through the contract (what the screen calls)', () => {
  test('imports.columns → imports.saveMapping → imports.preview uses it → imports.mappings lists it; an xlsx upload is read as a workbook', async () => {
    ctx = createTestContext()
    const { dispatch } = await import('../../src/main/dispatch')
    const { createServices } = await import('../../src/main/services')
    const services = createServices(ctx)
    const upload = (f: { name: string; bytes: Uint8Array }) => ({ name: f.name, contentBase64: Buffer.from(f.bytes).toString('base64') })
    const call = async (name: string, input: unknown) => {
      const result = await dispatch(services, name, input)
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
      return result.value as Record<string, unknown>
    }

    const failed = await dispatch(services, 'imports.preview', { files: [upload(november())] })
    expect(failed).toMatchObject({ ok: false, error: { code: 'bad_file', details: { needsMapping: true } } })

    const { files } = (await call('imports.columns', { files: [upload(november())] })) as { files: { captions: string[]; needsMapping: boolean }[] }
    expect(files[0]!.needsMapping).toBe(true)
    const saved = await call('imports.saveMapping', { captions: files[0]!.captions, roles: practiceRoles })
    const preview = (await call('imports.preview', { files: [upload(later())] })) as { files: { mapping: { source: string } }[]; patientsInFile: number }
    expect(preview).toMatchObject({ patientsInFile: 3, files: [{ mapping: { source: 'saved' } }] })
    expect(await call('imports.mappings', {})).toEqual({ mappings: [saved] })

    const workbook = fixture('xlsx/systmone-breakdown.xlsx')
    const fromXlsx = (await call('imports.preview', { files: [upload({ ...workbook, name: 'breakdown.csv' })] })) as { files: { fileType: string }[] }
    expect(fromXlsx.files[0]!.fileType).toBe('xlsx')

    const bad = await dispatch(services, 'imports.saveMapping', { captions: ['A', 'B'], roles: ['ignored', 'ignored'] })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/NHS number/) } })
    expect(await call('imports.forgetMapping', { layoutHash: saved.layoutHash })).toEqual({ forgotten: true })
  })
})
