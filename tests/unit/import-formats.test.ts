// The pure pieces behind the formats: what a file is by its bytes, Excel cells as CSV text, the
// header row of an unknown layout, layout hashes, mapping checks, LSOA → IMD decile, and the
// rule that nothing is dated before the patient was born.
import type ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { assembleImport } from '../../src/main/import/map/assemble-import'
import { notAnExportProblem, sniffFileKind } from '../../src/main/import/read/decode-file'
import { imdDecileFor, normaliseLsoaCode } from '../../src/main/import/map/imd-lookup'
import { guessHeaderRow, layoutHashOf, mapColumns } from '../../src/main/import/map/map-columns'
import { readExportFile } from '../../src/main/import/read/read-export-file'
import { cellText, excelDateText } from '../../src/main/import/read/xlsx-rows'
import { columnRoleChoices, columnRoleLabel, mappingProblems } from '../../src/shared/import-column-roles'

const ascii = (s: string) => new TextEncoder().encode(s)
const zipWith = (part: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, ...ascii(part)])

describe('what a file is, by its bytes', () => {
  test.each([
    [zipWith('xl/workbook.xml'), 'xlsx'],
    [zipWith('xl/worksheets/sheet1.xml'), 'xlsx'],
    [zipWith('word/document.xml'), 'docx'],
    [zipWith('ppt/presentation.xml'), 'pptx'],
    [zipWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), 'ods'],
    [zipWith('export.csv'), 'zip'],
    [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'ole'],
    [ascii('%PDF-1.7'), 'pdf'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image'],
    [ascii('{\\rtf1\\ansi'), 'rtf'],
    [ascii('NHS Number\n9990000018\n'), 'text']
  ] as const)('%#: %s', (bytes, kind) => {
    expect(sniffFileKind(bytes)).toBe(kind)
  })

  test('only text and workbooks are exports; everything else has a message', () => {
    expect(notAnExportProblem('text')).toBeNull()
    expect(notAnExportProblem('xlsx')).toBeNull()
    for (const kind of ['docx', 'pptx', 'ods', 'zip', 'ole', 'pdf', 'image', 'rtf'] as const) expect(notAnExportProblem(kind)).toMatch(/^is /)
  })
})

describe('Excel cells as the text a CSV would hold', () => {
  test('date cells: ISO date, with the minute when there is a time; float noise in times rounds away', () => {
    expect(excelDateText(new Date(Date.UTC(1958, 2, 5)))).toBe('1958-03-05')
    expect(excelDateText(new Date(Date.UTC(2026, 4, 6, 10, 36, 59, 999)))).toBe('2026-05-06 10:37')
  })

  test("serial 0 is 00/01/1900 and serial 1 is 1 January 1900 (the EMIS blanks); early 1900 corrects Excel's leap-year bug", () => {
    const serial = (n: number) => new Date(Date.UTC(1899, 11, 30) + n * 86_400_000)
    expect(excelDateText(serial(0))).toBe('00/01/1900')
    expect(excelDateText(serial(1))).toBe('1900-01-01')
    expect(excelDateText(serial(59))).toBe('1900-02-28')
    expect(excelDateText(serial(61))).toBe('1900-03-01')
  })

  test('numbers: NHS numbers whole, leading zeros from a 0000000000 format, float noise removed', () => {
    expect(cellText(9990000018)).toBe('9990000018')
    expect(cellText(123456789, '0000000000')).toBe('0123456789')
    expect(cellText(85.00000000000001)).toBe('85')
    expect(cellText(145.5)).toBe('145.5')
  })

  test('strings, booleans, rich text, formulas (by result), hyperlinks, errors and blanks', () => {
    expect(cellText('SMITH')).toBe('SMITH')
    expect(cellText(true)).toBe('TRUE')
    expect(cellText({ richText: [{ text: 'MÜL' }, { text: 'LER' }] })).toBe('MÜLLER')
    expect(cellText({ formula: 'A1', result: 140 } as ExcelJS.CellFormulaValue)).toBe('140')
    expect(cellText({ formula: 'A1', result: new Date(Date.UTC(2026, 9, 1)) } as ExcelJS.CellFormulaValue)).toBe('2026-10-01')
    expect(cellText({ text: 'link', hyperlink: 'https://example.org' })).toBe('link')
    expect(cellText({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A')
    expect(cellText(null)).toBe('')
  })
})

describe('the column row of an unknown layout', () => {
  test('below a short report-header block, the first wide row of words', () => {
    const rows = [['Practice BP list'], ['Printed 01/11/2026', ''], [''], ['Identifier', 'Surname', 'Sys', 'Dia'], ['9990000018', 'ADAMS', '150', '90']]
    expect(guessHeaderRow(rows)).toBe(3)
  })

  test('a table of numbers only, or a single column, has no column row', () => {
    expect(
      guessHeaderRow([
        ['1', '2', '3'],
        ['4', '5', '6']
      ])
    ).toBeNull()
    expect(guessHeaderRow([['a'], ['b']])).toBeNull()
  })

  test('the layout hash ignores case, spacing and trailing blank captions but not order', () => {
    expect(layoutHashOf(['NHS Number', ' Sys', '', ''])).toBe(layoutHashOf(['nhs number', 'SYS']))
    expect(layoutHashOf(['A', 'B'])).not.toBe(layoutHashOf(['B', 'A']))
  })

  test('chosen roles replace caption matching, by position, and keep EMIS group names for events', () => {
    const map = mapColumns(['Id', "Systolic BP's Value", "Systolic BP's Date"], { roles: ['nhsNumber', 'event.value', 'event.date'], source: 'chosen' })
    expect(map.nhsNumber).toBe(0)
    expect(map.eventGroups).toEqual([{ value: 1, date: 2, groupName: 'Systolic BP' }])
    expect(map.columns[1]).toMatchObject({ role: 'event.value', note: 'as you chose in the column mapping' })
  })
})

describe('SystmOne field paths as captions', () => {
  test('"Demographics -> NHS Number" is the NHS number; "Blood pressure -> Value" an event of that group', () => {
    const captions = ['Demographics -> NHS Number', 'Demographics -> Surname', 'Blood pressure -> Date', 'Blood pressure -> Value']
    const map = mapColumns(captions)
    expect(map.columns.map((c) => c.role)).toEqual(['nhsNumber', 'patient.familyName', 'event.date', 'event.value'])
    expect(map.eventGroups).toEqual([{ date: 2, value: 3, groupName: 'Blood pressure' }])
    const parsed = assembleImport([
      readExportFile(
        { name: 's1.csv', bytes: ascii(`${captions.join(',')}\n999 000 0018,ADAMS,03/09/2026,148/91\n`) },
        { library: loadCodeLibrary(), today: '2026-11-22', format: 'auto' }
      )
    ])
    expect(parsed.format).toBe('systmone')
    expect(parsed.readings).toEqual([{ nhsNumber: '9990000018', date: '2026-09-03', systolic: 148, diastolic: 91, setting: 'clinic', measure: 'clinic' }])
  })
})

describe('mapping checks and words', () => {
  test('an NHS number column is required, once; a single-valued field once', () => {
    expect(mappingProblems(['nhsNumber', 'patient.familyName'])).toEqual([])
    expect(mappingProblems(['ignored'])).toEqual(['choose the column that holds the NHS number'])
    expect(mappingProblems(['nhsNumber', 'nhsNumber'])).toEqual(['only one column can be the NHS number'])
    expect(mappingProblems(['nhsNumber', 'patient.address.line', 'patient.address.line'])).toEqual([])
    expect(mappingProblems(['nhsNumber', 'bp.systolic', 'bp.systolic'])).toEqual([])
    expect(mappingProblems(['nhsNumber', 'x'])).toEqual(['unknown column role(s): x'])
  })

  test('every role the screen offers has words', () => {
    for (const role of columnRoleChoices) expect(columnRoleLabel(role)).not.toBe(role)
    expect(columnRoleLabel('flag.HYP')).toBe('Register flag: Hypertension diagnosis (HYP_COD)')
  })
})

describe('LSOA → IMD decile', () => {
  test('codes are tidied; non-codes are not LSOAs', () => {
    expect(normaliseLsoaCode(' e01000001 ')).toBe('E01000001')
    expect(normaliseLsoaCode('Westminster 018A')).toBeNull()
  })

  test('IMD 2019 for 2011 codes, IMD 2025 for 2021 codes, the caption deciding for shared codes', () => {
    expect(imdDecileFor('E01000001', '2011')).toEqual({ decile: 9, version: 'IMD2019' })
    expect(imdDecileFor('E01000001', '2021')).toEqual({ decile: 8, version: 'IMD2025' })
    expect(imdDecileFor('E01000001', 'either')).toEqual({ decile: 9, version: 'IMD2019' })
    expect(imdDecileFor('E01033769', 'either')).toEqual({ decile: 4, version: 'IMD2025' })
    expect(imdDecileFor('E01033769', '2011')).toBeNull()
    expect(imdDecileFor('W01000001', 'either')).toBeNull()
  })
})

describe('dates before the date of birth', () => {
  const read = (text: string) =>
    assembleImport([readExportFile({ name: 't.csv', bytes: ascii(text) }, { library: loadCodeLibrary(), today: '2026-11-22', format: 'auto' })])

  test('a reading or event dated before the patient was born is rejected with both dates', () => {
    const parsed = read(
      'NHS Number,Date of Birth,Date,Code Term,Value\n9990000018,05/03/1958,01/01/1950,O/E - blood pressure reading,150/90\n,,01/01/2026,O/E - blood pressure reading,140/85\n'
    )
    expect(parsed.readings).toHaveLength(1)
    expect(parsed.rejects).toEqual([
      { file: 't.csv', row: 2, column: 'Date', value: '01/01/1950', reason: expect.stringMatching(/1 Jan 1950 is before the date of birth 5 Mar 1958/) }
    ])
  })

  test('the same for a wide BP date', () => {
    const parsed = read('NHS Number,DOB,Blood Pressure,BP Date\n9990000018,05/03/1958,150/90,01/01/1957\n')
    expect(parsed.readings).toEqual([])
    expect(parsed.rejects.map((r) => [r.row, r.column])).toEqual([[2, 'BP Date']])
  })
})
