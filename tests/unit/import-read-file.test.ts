import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { assembleImport } from '../../src/main/import/map/assemble-import'
import type { ReadOptions } from '../../src/main/import/map/read-options'
import { readExportFile } from '../../src/main/import/read/read-export-file'
import { mapColumns, detectFormat } from '../../src/main/import/map/map-columns'
import { AppError } from '../../src/shared/result'

const options: ReadOptions = { library: loadCodeLibrary(), today: '2026-11-22', format: 'auto' }
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/imports', name))
const read = (text: string, name = 'test.csv', opts: Partial<ReadOptions> = {}) =>
  readExportFile({ name, bytes: new TextEncoder().encode(text) }, { ...options, ...opts })
const parse = (text: string) => assembleImport([read(text)])

describe('EMIS events-layout fixture', () => {
  const parsed = assembleImport([readExportFile({ name: 'emis.csv', bytes: fixture('emis-events-hypertension.csv') }, options)])
  const file = parsed.files[0]!

  test('finds the column row under the 9-line report header and keeps the header as metadata', () => {
    expect(file.preview.headerRowNumber).toBe(10)
    expect(file.preview.reportHeader[0]).toBe('Report Name: Hypertension BP recall list')
    expect(file.preview.reportHeader).toContain('Run Date: 12-Nov-2026')
    expect(file.format).toBe('emis')
    expect(file.preview.layout).toBe('events')
  })

  test('ignores the trailing empty column and the last line of commas; counts the empty confidential row', () => {
    expect(file.preview.columns.at(-1)).toMatchObject({ caption: '', role: 'ignored' })
    expect(file.preview.emptyRowsSkipped).toBe(1)
    expect(file.preview.rowsRead).toBe(14)
  })

  test('strips spaces from NHS numbers and carries the patient forward onto continuation rows', () => {
    expect(parsed.patients.map((p) => p.nhsNumber)).toEqual(['9991000003', '9991158383', '9991237577'])
    const smith = parsed.readings.filter((r) => r.nhsNumber === '9991000003')
    expect(smith).toEqual(
      expect.arrayContaining([
        { nhsNumber: '9991000003', date: '2026-10-03', systolic: 152, diastolic: 94, setting: 'clinic', measure: 'clinic' },
        { nhsNumber: '9991000003', date: '2026-08-15', systolic: 145, diastolic: 92, setting: 'clinic', measure: 'clinic' }
      ])
    )
    expect(smith).toHaveLength(2)
  })

  test('home average systolic and diastolic rows pair into one home reading', () => {
    expect(parsed.readings.filter((r) => r.nhsNumber === '9991158383')).toEqual([
      { nhsNumber: '9991158383', date: '2026-09-20', systolic: 138, diastolic: 86, setting: 'home', measure: 'home-average' }
    ])
  })

  test('reads demographics: dd-Mon-yyyy dates, sex, ethnicity mapped, postcode tidied', () => {
    expect(parsed.patients[0]!.fields).toMatchObject({
      emisNumber: '1001',
      title: 'Mrs',
      familyName: 'SMITH',
      givenName: 'Jane',
      dateOfBirth: '1958-03-05',
      sex: 'F',
      ethnicityText: 'Black African',
      ethnicityCategory: 'N',
      postcode: 'SW1A 1AA',
      mobile: '07700 900001',
      usualGp: 'JONES, Alan (Dr)'
    })
  })

  test('classifies diagnosis, resolved and diabetes codes', () => {
    expect(parsed.events.map((e) => [e.nhsNumber, e.date, e.concept])).toEqual([
      ['9991000003', '2026-01-12', 'HYP'],
      ['9991158383', '2020-02-02', 'HYP'],
      ['9991158383', '2026-06-01', 'HYPRES'],
      ['9991237577', '2026-10-10', 'DM'],
      // Body mass index (60621009) is in BMIVAL_COD: the obesity register reads it.
      ['9991237577', '2026-10-10', 'BMI']
    ])
  })

  test('reports each rejected row with row, column, the value as exported and reason', () => {
    expect(parsed.rejects).toEqual([
      { file: 'emis.csv', row: 18, column: 'Value', value: '420/95', reason: expect.stringMatching(/systolic 420 mmHg is outside/) },
      { file: 'emis.csv', row: 21, column: 'NHS Number', value: '999 100 0004', reason: expect.stringMatching(/fails the Modulus 11 check/) },
      { file: 'emis.csv', row: 22, column: 'NHS Number', value: '', reason: expect.stringMatching(/continues the patient on row 21/) }
    ])
  })

  test('an unpaired systolic is a warning, not a reading or an error', () => {
    expect(parsed.warnings.join('\n')).toMatch(/row 24: systolic 141 on 10 Oct 2026 \(clinic\) has no diastolic/)
  })
})

describe('wide BP columns and register flags', () => {
  const parsed = assembleImport([readExportFile({ name: 'wide.csv', bytes: fixture('wide-bp-columns.csv') }, options)])

  test('reads Systolic/Diastolic/BP Date columns, a Blood Pressure cell and BP Type', () => {
    expect(parsed.readings).toHaveLength(2)
    expect(parsed.readings).toEqual(
      expect.arrayContaining([
        { nhsNumber: '9991316760', date: '2026-11-03', systolic: 162, diastolic: 98, setting: 'clinic', measure: 'clinic' },
        { nhsNumber: '9991395954', date: '2026-10-01', systolic: 138, diastolic: 84, setting: 'home', measure: 'home-average' }
      ])
    )
  })

  test('register flags: Y and True without a date, a date as the diagnosis date, N/False ignored', () => {
    expect(parsed.events.map((e) => [e.nhsNumber, e.concept, e.date])).toEqual([
      ['9991316760', 'HYP', null],
      ['9991395954', 'HYP', '2019-05-12'],
      ['9991475141', 'HYP', null]
    ])
  })

  test('DD/MM/YYYY, D/M/YYYY and the 1900 sentinel; an impossible date of birth is rejected, the patient kept', () => {
    expect(parsed.patients.map((p) => p.fields.dateOfBirth)).toEqual(['1949-07-14', '1965-03-02', null, undefined])
    expect(parsed.rejects).toEqual([{ file: 'wide.csv', row: 5, column: 'DOB', value: '30/02/1970', reason: expect.stringMatching(/30\/02\/1970.*no day 30/) }])
    expect(parsed.patients.map((p) => p.fields.sex)).toEqual(['F', 'M', 'U', 'F'])
  })

  test('is not mistaken for an EMIS or SystmOne export', () => {
    expect(parsed.format).toBe('generic')
    expect(parsed.files[0]!.preview.layout).toBe('wide-bp+flags')
  })
})

describe('SystmOne-style exports', () => {
  for (const name of ['systmone-breakdown-windows-1252.csv', 'systmone-breakdown-utf16.csv']) {
    test(`${name}: NHS number on every row, terms without codes, names with accents`, () => {
      const parsed = assembleImport([readExportFile({ name, bytes: fixture(name) }, options)])
      expect(parsed.format).toBe('systmone')
      expect(parsed.patients).toEqual([
        {
          nhsNumber: '9991633529',
          fields: expect.objectContaining({ familyName: 'MÜLLER', givenName: 'Zoë', dateOfBirth: '1952-08-07', ethnicityCategory: 'A' })
        }
      ])
      expect(parsed.readings).toEqual([{ nhsNumber: '9991633529', date: '2026-09-03', systolic: 148, diastolic: 91, setting: 'clinic', measure: 'clinic' }])
      expect(parsed.events).toMatchObject([{ concept: 'HYP', date: '2015-04-01', code: '' }])
      expect(parsed.files[0]!.preview.columns[0]).toMatchObject({ caption: 'Patient ID', role: 'ignored' })
    })
  }

  test('"Patient ID" is the NHS number when there is no NHS number column', () => {
    const parsed = parse('Patient ID,Age in years\n9991000003,70\n')
    expect(parsed.patients.map((p) => p.nhsNumber)).toEqual(['9991000003'])
  })

  test('an explicit format choice overrides detection', () => {
    expect(read('NHS Number,Surname\n9991000003,A\n', 'x.csv', { format: 'systmone' }).format).toBe('systmone')
  })
})

describe('row rules', () => {
  test('rejects an NHS number that fails Modulus 11, and one with the wrong length', () => {
    const parsed = parse('NHS Number,Surname\n9991000004,A\n99910000,B\n9991000003,C\n')
    expect(parsed.rejects.map((r) => [r.row, r.column])).toEqual([
      [2, 'NHS Number'],
      [3, 'NHS Number']
    ])
    expect(parsed.rejects[1]!.reason).toMatch(/8 digits/)
    expect(parsed.patients).toHaveLength(1)
  })

  test('a row with patient details but no NHS number is rejected, not treated as a continuation', () => {
    const parsed = parse('NHS Number,Surname,Date,Code Term,Value\n9991000003,A,01/01/2026,Hypertension,\n,B,02/01/2026,Hypertension,\n')
    expect(parsed.rejects).toEqual([{ file: 'test.csv', row: 3, column: 'NHS Number', value: '', reason: expect.stringMatching(/missing/) }])
    expect(parsed.events).toHaveLength(1)
  })

  test('continuation rows after an empty (confidential) row are not credited to the patient above', () => {
    const parsed = parse(
      'NHS Number,Date,Code Term,Value\n9991000003,01/01/2026,Systolic blood pressure,150\n,01/01/2026,Diastolic blood pressure,90\n,,,\n,05/01/2026,Blood pressure,140/80\n'
    )
    expect(parsed.readings).toHaveLength(1)
    expect(parsed.rejects).toEqual([{ file: 'test.csv', row: 5, column: 'NHS Number', value: '', reason: expect.stringMatching(/row above is empty/) }])
  })

  test('event dates that are impossible or in the future are rejected with the date column', () => {
    const parsed = parse(
      'NHS Number,Date,Code Term,Value\n9991000003,31/04/2026,Blood pressure,140/80\n,01/12/2026,Blood pressure,150/85\n,01/11/2026,Blood pressure,150/85\n'
    )
    expect(parsed.rejects.map((r) => [r.row, r.column])).toEqual([
      [2, 'Date'],
      [3, 'Date']
    ])
    expect(parsed.rejects[1]!.reason).toMatch(/1 Dec 2026 is in the future/)
    expect(parsed.readings).toHaveLength(1)
  })

  test('a date of birth in the future or over 120 years ago is rejected', () => {
    const parsed = parse('NHS Number,Date of Birth\n9991000003,01/01/2027\n9991158383,01/01/1890\n')
    expect(parsed.rejects.map((r) => r.reason)).toEqual([expect.stringMatching(/in the future/), expect.stringMatching(/age over 120/)])
  })

  test('systolic not above diastolic is rejected on the systolic row', () => {
    const parsed = parse(
      'NHS Number,Date,Code Term,Value\n9991000003,01/01/2026,Systolic blood pressure,80\n,01/01/2026,Diastolic blood pressure,90\n,02/01/2026,Blood pressure,90/95\n'
    )
    expect(parsed.readings).toEqual([])
    expect(parsed.rejects.map((r) => [r.row, r.reason])).toEqual([
      [2, expect.stringMatching(/80\/90: systolic must be higher/)],
      [4, expect.stringMatching(/90\/95/)]
    ])
  })

  test('a bare number in a generic BP row is rejected rather than guessed', () => {
    const parsed = parse('NHS Number,Date,Code Term,Value\n9991000003,01/01/2026,Blood pressure,140\n')
    expect(parsed.rejects[0]!.reason).toMatch(/one number/)
  })

  test('two different dates of birth for one NHS number are a warning', () => {
    const parsed = parse('NHS Number,DOB\n9991000003,01/01/1950\n9991000003,02/01/1950\n')
    expect(parsed.warnings.join('\n')).toMatch(
      /999 100 0003 has two dates of birth: 1 Jan 1950 \(test.csv row 2\) and 2 Jan 1950 \(test.csv row 3\); 2 Jan 1950 is used/
    )
  })

  test('the same reading twice in a file is one reading', () => {
    const parsed = parse(
      'NHS Number,Date,Code Term,Value\n9991000003,01/01/2026,Blood pressure,140/80\n9991000003,01/01/2026,O/E - blood pressure reading,140/80\n'
    )
    expect(parsed.readings).toHaveLength(1)
  })

  test('full name "SMITH, Jane (Mrs)" gives title, given and family names', () => {
    const parsed = parse('NHS Number,Full Name\n9991000003,"SMITH, Jane (Mrs)"\n')
    expect(parsed.patients[0]!.fields).toMatchObject({ title: 'Mrs', givenName: 'Jane', familyName: 'SMITH' })
  })

  test('address columns become address lines; interpreter Y/N; language and LSOA kept', () => {
    const parsed = parse(
      'NHS Number,House Name / Flat Number,Number and Street,Locality,Town,County,Postcode,Main Language,Interpreter Required,LSOA,Registration Status\n' +
        '9991000003,Flat 2,1 High Street,,Leeds,West Yorkshire,ls14ap,Somali,Y,E01000001,Regular\n'
    )
    expect(parsed.patients[0]!.fields).toMatchObject({
      addressLines: ['Flat 2', '1 High Street', 'Leeds', 'West Yorkshire'],
      postcode: 'LS1 4AP',
      mainLanguage: 'Somali',
      interpreterRequired: true,
      lsoa: 'E01000001',
      registrationStatus: 'Regular'
    })
  })

  test('an ethnicity coded as an event fills the patient ethnicity', () => {
    const parsed = parse('NHS Number,Date,Code,Code Term\n9991000003,01/01/2020,185988007,Black Caribbean\n')
    expect(parsed.patients[0]!.fields).toMatchObject({ ethnicityText: 'Black Caribbean', ethnicityCategory: 'M' })
  })

  test('an unmapped ethnicity keeps the text and no category', () => {
    const parsed = parse('NHS Number,Ethnicity\n9991000003,Martian\n')
    expect(parsed.patients[0]!.fields).toMatchObject({ ethnicityText: 'Martian', ethnicityCategory: null })
  })
})

describe('columns', () => {
  test('duplicate captions from repeated column groups are mapped by position and labelled', () => {
    const map = mapColumns(['NHS Number', 'Date', 'Code Term', 'Value', 'Date', 'Code Term', 'Value'])
    expect(map.columns.map((c) => c.label)).toEqual([
      'NHS Number',
      'Date (1st)',
      'Code Term (1st)',
      'Value (1st)',
      'Date (2nd)',
      'Code Term (2nd)',
      'Value (2nd)'
    ])
    expect(map.eventGroups).toEqual([
      { date: 1, term: 2, value: 3 },
      { date: 4, term: 5, value: 6 }
    ])
  })

  test('both repeated groups on one row are read, and a reject names "Date (2nd)"', () => {
    const parsed = parse(
      'NHS Number,Date,Code Term,Value,Date,Code Term,Value\n9991000003,01/01/2026,Systolic blood pressure,150,01/01/2026,Diastolic blood pressure,90\n9991158383,01/01/2026,Systolic blood pressure,150,99/01/2026,Diastolic blood pressure,90\n'
    )
    expect(parsed.readings).toEqual([{ nhsNumber: '9991000003', date: '2026-01-01', systolic: 150, diastolic: 90, setting: 'clinic', measure: 'clinic' }])
    expect(parsed.rejects.map((r) => r.column)).toEqual(['Date (2nd)'])
  })

  test('EMIS "Group\'s Field" captions use the group name as the term', () => {
    const parsed = parse(
      "NHS Number,Systolic BP's Date,Systolic BP's Value,Diastolic BP's Date,Diastolic BP's Value\n9991000003,01/01/2026,150,01/01/2026,90\n"
    )
    expect(parsed.readings).toEqual([{ nhsNumber: '9991000003', date: '2026-01-01', systolic: 150, diastolic: 90, setting: 'clinic', measure: 'clinic' }])
  })

  test('a plain Date column beside wide BP columns dates the reading', () => {
    const parsed = parse('NHS Number,Systolic BP,Diastolic BP,Date\n9991000003,150,90,01/02/2026\n')
    expect(parsed.readings).toEqual([{ nhsNumber: '9991000003', date: '2026-02-01', systolic: 150, diastolic: 90, setting: 'clinic', measure: 'clinic' }])
    expect(parsed.files[0]!.preview.columns[3]).toMatchObject({ role: 'bp.date' })
  })

  test('header aliases are matched case-insensitively with spaces ignored', () => {
    const map = mapColumns(['  nhs NUMBER ', 'SURNAME', 'Forename', 'd.o.b.', 'Telecom Number', 'Usual GP', 'E-mail Address'])
    expect(map.columns.map((c) => c.role)).toEqual([
      'nhsNumber',
      'patient.familyName',
      'patient.givenName',
      'patient.dateOfBirth',
      'patient.mobile',
      'patient.usualGp',
      'patient.email'
    ])
  })

  test('format detection', () => {
    expect(detectFormat(['NHS Number', 'EMIS Number'], [])).toBe('emis')
    expect(detectFormat(['NHS Number', 'Surname'], ['Report Name: x'])).toBe('emis')
    expect(detectFormat(['Patient ID', 'NHS number', 'Age in years'], [])).toBe('systmone')
    expect(detectFormat(['NHS Number', 'Surname'], [])).toBe('generic')
  })
})

describe('files the importer refuses', () => {
  test('a file with no NHS number column fails with bad_file naming the file', () => {
    try {
      read('Surname,Forename\nSMITH,Jane\n', 'names.csv')
      throw new Error('expected an error')
    } catch (e) {
      expect(e).toBeInstanceOf(AppError)
      expect((e as AppError).code).toBe('bad_file')
      expect((e as AppError).message).toMatch(/"names.csv" has no NHS number column.*EMIS Web/)
    }
  })

  test('an explicit format does not rescue a file with no NHS number column', () => {
    expect(() => read('Surname\nSMITH\n', 'x.csv', { format: 'emis' })).toThrow(/no NHS number column/)
  })
})
