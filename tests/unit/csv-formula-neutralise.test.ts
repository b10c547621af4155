// CSV injection (OWASP "CSV Injection"): every text cell we write to a CSV (rejects report, SMS
// upload, batch sheet) or workbook goes through neutraliseCell. Spreadsheets skip leading spaces and
// invisible characters before a formula, so those must be caught too; numbers must stay numbers.
import Papa from 'papaparse'
import { describe, expect, test } from 'vitest'
import { csvText, neutraliseCell } from '../../src/main/documents/csv-text'
import { rejectsCsv } from '../../src/main/import/commit/rejects-csv'

describe('neutraliseCell', () => {
  test.each([
    '=1+1',
    '+447700900123',
    '-5',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    ' =HYPERLINK("http://x","click")',
    '   +1',
    '\u00a0=1', // no-break space
    '\u200b=1', // zero-width space
    '\ufeff@cmd', // byte-order mark
    '\u0000=1',
    '\u001b-2',
    '\n=1',
    '\r\n@x',
    '\tplain tab first'
  ])('%j is prefixed with an apostrophe', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`)
  })

  test.each(['Smith', "O'Brien", '145/92', '2026-10-01', 'a=b', 'Jane - Smith', ' Smith', '', 'x@example.nhs.uk', '07700 900123'])(
    '%j is left as it is',
    (value) => {
      expect(neutraliseCell(value)).toBe(value)
    }
  )
})

describe('csvText', () => {
  test('negative numbers in numeric cells stay numbers; the same text in a text cell is neutralised', () => {
    const text = csvText(
      ['Name', 'Change'],
      [
        [' =HYPERLINK("x")', -5],
        ['-5', 12.5],
        ['\u200b+1', null]
      ]
    )
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { header: false }).data
    expect(rows).toEqual([
      ['Name', 'Change'],
      ['\' =HYPERLINK("x")', '-5'],
      ["'-5", '12.5'],
      ["'\u200b+1", '']
    ])
  })

  test('the import rejects report neutralises an indented formula in a value or file name', () => {
    const text = rejectsCsv([{ file: ' =evil.csv', row: 3, column: 'Family Name', value: "\t=cmd|' /C calc'!A0", reason: 'x' }], [])
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { header: false }).data
    expect(rows[1]).toEqual(["' =evil.csv", '3', 'Family Name', "'\t=cmd|' /C calc'!A0", 'x', 'no'])
  })
})
