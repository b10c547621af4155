// The streaming workbook reader: every kind of cell as the text a CSV would hold, only the cells
// the sheet really has, and each limit ending in a plain refusal naming the file.
import { describe, expect, test } from 'vitest'
import { readXlsxTable } from '../../src/main/import/read/xlsx-rows'
import { defaultWorkbookLimits, type WorkbookLimits } from '../../src/main/import/read/workbook/workbook-limits'
import { AppError } from '../../src/shared/result'
import { buildWorkbook, rawWorkbook, sheetXml, stylesXml, textRow, type WorkbookSpec } from '../fixtures/imports/xlsx/build-workbook'

const read = (spec: WorkbookSpec, limits: Partial<WorkbookLimits> = {}) =>
  readXlsxTable('test.xlsx', buildWorkbook(spec), { ...defaultWorkbookLimits, ...limits })
const rowsOf = async (spec: WorkbookSpec) => (await read(spec)).rows
const oneSheet = (rows: string, after = ''): WorkbookSpec => ({ sheets: [{ name: 'Data', xml: sheetXml(rows, after) }] })

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  const appError = error as AppError
  expect(appError.code).toBe('bad_file')
  expect(appError.message).toMatch(/^"test\.xlsx" /)
  expect(appError.message).not.toMatch(/undefined entity|Invalid string length|Error:|\d+:\d+:|unexpected EOF|invalid block/i)
  return appError
}

// Styles used below: s=0 General, s=1 built-in 14 (date), s=2 custom dd/mm/yyyy hh:mm, s=3 "0000000000",
// s=4 a quoted "d" (not a date), s=5 [Red]0.00 (not a date), s=6 [h]:mm (a time, shown by the same
// leap-year rule as any serial before March 1900).
const styles = stylesXml({ 164: 'dd/mm/yyyy hh:mm', 165: '0000000000', 166: '0 "days"', 167: '[Red]0.00', 168: '[h]:mm' }, [0, 14, 164, 165, 166, 167, 168])

describe('cells as the text a CSV would hold', () => {
  test('strings (shared, inline, rich text without phonetic guides, formula results), booleans, errors and numbers', async () => {
    const rows = await rowsOf({
      sharedStrings: ['ADAMS', '<r><t>MÜL</t></r><r><rPr><b/></rPr><t>LER</t></r><rPh><t>ミュラー</t></rPh>', 'line_x000D_break'],
      sheets: [
        {
          name: 'Data',
          xml: sheetXml(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Zoë</t></is></c>' +
              '<c r="D1" t="str"><f>A1&amp;""</f><v>ADAMS</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c>' +
              '<c r="G1" t="e"><f>NA()</f><v>#N/A</v></c><c r="H1"><f>140+0</f><v>140</v></c><c r="I1"><f>A1</f></c>' +
              '<c r="J1"><v>9990000018</v></c><c r="K1"><v>85.000000000000014</v></c><c r="L1"><v>145.5</v></c><c r="M1" t="s"><v>2</v></c></row>'
          )
        }
      ]
    })
    expect(rows).toEqual([['ADAMS', 'MÜLLER', 'Zoë', 'ADAMS', 'TRUE', 'FALSE', '#N/A', '140', '', '9990000018', '85', '145.5', 'line\rbreak']])
  })

  test('dates by built-in and custom formats, times kept, serials 0/1/59/61, the 1904 system; look-alike formats stay numbers', async () => {
    const row =
      '<row r="1"><c r="A1" s="1"><v>21249</v></c><c r="B1" s="2"><v>46148.4479166667</v></c><c r="C1" s="1"><v>0</v></c>' +
      '<c r="D1" s="1"><v>1</v></c><c r="E1" s="1"><v>59</v></c><c r="F1" s="1"><v>61</v></c><c r="G1" s="3"><v>123456789</v></c>' +
      '<c r="H1" s="4"><v>12</v></c><c r="I1" s="5"><v>3.5</v></c><c r="J1" s="6"><v>0.5</v></c><c r="K1" t="d"><v>2026-10-01T10:37:00</v></c></row>'
    expect(await rowsOf({ ...oneSheet(row), styles })).toEqual([
      [
        '1958-03-05',
        '2026-05-06 10:45',
        '00/01/1900',
        '1900-01-01',
        '1900-02-28',
        '1900-03-01',
        '0123456789',
        '12',
        '3.5',
        '1899-12-31 12:00',
        '2026-10-01 10:37'
      ]
    ])
    const rows1904 = await rowsOf({ ...oneSheet('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>19787</v></c></row>'), styles, date1904: true })
    expect(rows1904).toEqual([['1904-01-01', '1958-03-05']])
  })

  test('gaps are filled with "", blank rows kept as [""], trailing blank cells and rows trimmed, cells and rows without r follow on', async () => {
    const rows = await rowsOf(
      oneSheet(
        textRow(1, ['NHS Number', 'x'], ['A', 'D']) +
          textRow(3, ['9990000018', ' ', ''], ['B', 'C', 'F']) +
          '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>' +
          textRow(7, ['  '], ['B']) +
          '<row r="9"><c r="A9" s="1"/></row>'
      )
    )
    expect(rows).toEqual([['NHS Number', '', '', 'x'], [''], ['', '9990000018'], ['a', 'b']])
  })

  test('a merged area keeps its text in its first cell only', async () => {
    const rows = await rowsOf(
      oneSheet(textRow(1, ['Title', 'stale', 'kept']) + textRow(2, ['under', 'x']), '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>')
    )
    expect(rows).toEqual([['Title', '', 'kept']])
  })

  test('the first sheet with data in workbook order is read, with prefixed element names and absolute targets', async () => {
    const prefixed = sheetXml('').replace(
      '<sheetData></sheetData>',
      '<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>NHS Number</x:t></x:is></x:c></x:row></x:sheetData>'
    )
    const table = await read({
      sheets: [
        { name: 'Notes', xml: sheetXml(textRow(1, [' '])) },
        { name: 'Export', xml: prefixed }
      ]
    })
    expect(table).toMatchObject({ rows: [['NHS Number']], sheetName: 'Export', sheetCount: 2, fileType: 'xlsx' })
  })

  test('a stray cell at XFD1 costs one wide row and is read, not refused', async () => {
    const rows = await rowsOf(oneSheet(textRow(1, ['NHS Number', 'stray'], ['A', 'XFD']) + textRow(2, ['9990000018'])))
    expect(rows[0]).toHaveLength(16_384)
    expect(rows[0]![16_383]).toBe('stray')
    expect(rows[1]).toEqual(['9990000018'])
  })

  test('rows with cells far apart come out in full, a row number given twice adds to them (later cells win), merged areas still apply', async () => {
    const xml =
      textRow(1, ['NHS Number', 'title', 'covered', 'far'], ['A', 'L', 'M', 'ZZ']) +
      textRow(2, ['a', 'b'], ['A', 'B']) +
      textRow(2, ['late'], ['CV']) +
      textRow(3, ['x', 'y'], ['A', 'ZZ']) +
      textRow(3, ['z'], ['A'])
    const rows = await rowsOf(oneSheet(xml, '<mergeCells><mergeCell ref="L1:M1"/></mergeCells>'))
    const row = (width: number, cells: Record<number, string>) => Array.from({ length: width }, (_, i) => cells[i + 1] ?? '')
    // ZZ is column 702, CV column 100.
    expect(rows).toEqual([row(702, { 1: 'NHS Number', 12: 'title', 702: 'far' }), row(100, { 1: 'a', 2: 'b', 100: 'late' }), row(702, { 1: 'z', 702: 'y' })])
  })
})

describe('damaged and hostile workbooks are refused in plain words', () => {
  const good = oneSheet(textRow(1, ['NHS Number']) + textRow(2, ['9990000018']))

  test('not a whole zip, a missing sheet part, malformed XML, an undefined entity: "cannot be opened"', async () => {
    const whole = buildWorkbook(good)
    const cases = [
      readXlsxTable('test.xlsx', whole.subarray(0, Math.floor(whole.length / 2))),
      read({ ...good, omit: ['xl/worksheets/sheet1.xml'] }),
      read(oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>NHS Number</t></is></c></row')),
      read(oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')),
      read(oneSheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))
    ]
    for (const attempt of cases)
      expect((await refusal(attempt)).message).toMatch(
        /cannot be opened: it may be damaged or cut short: open it in Excel and save it again, or export the report as CSV/
      )
  })

  test('any <!DOCTYPE or <!ENTITY, in any part, is refused at once', async () => {
    const bomb = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    const withDoctype = sheetXml(textRow(1, ['&b;'])).replace('<worksheet', `${bomb}<worksheet`)
    for (const attempt of [
      read({ sheets: [{ name: 'Data', xml: withDoctype }] }),
      read({ ...good, parts: { 'xl/workbook.xml': '<!DOCTYPE html><workbook/>' } })
    ]) {
      const error = await refusal(attempt)
      expect(error.message).toMatch(/document type declaration/)
      expect(error.details).toMatchObject({ workbookLimit: 'documentType' })
    }
  })

  test('the real unpacked size counts, whatever the zip directory declares', async () => {
    const sheet = sheetXml(textRow(1, ['NHS Number']) + '<row r="2"/>'.repeat(20_000))
    const lying = rawWorkbook({ ...oneSheet('') }, [{ name: 'xl/worksheets/sheet1.xml', data: new TextEncoder().encode(sheet), declaredSize: 10 }])
    const error = await refusal(readXlsxTable('test.xlsx', lying, { ...defaultWorkbookLimits, maxPartBytes: 100_000 }))
    expect(error.details).toMatchObject({ workbookLimit: 'maxPartBytes' })
    expect(error.message).toMatch(/has a part that unpacks to more than 100,000 bytes/)
  })

  const big = (n: number) => textRow(1, ['NHS Number']) + Array.from({ length: n }, (_, i) => textRow(i + 2, [`99900000${i}`, 'x'])).join('')
  test.each<[keyof WorkbookLimits, Partial<WorkbookLimits>, WorkbookSpec, RegExp]>([
    ['maxTotalBytes', { maxTotalBytes: 5_000 }, oneSheet(big(100)), /unpacks to more than 5,000 bytes of data/],
    ['maxPartBytes', { maxPartBytes: 2_000 }, oneSheet(big(100)), /has a part that unpacks to more than 2,000 bytes/],
    ['maxZipEntries', { maxZipEntries: 3 }, good, /holds more than 3 files inside it/],
    ['maxSharedStrings', { maxSharedStrings: 2 }, { ...good, sharedStrings: ['a', 'b', 'c'] }, /more than 2 different texts/],
    ['maxSharedStringChars', { maxSharedStringChars: 5 }, { ...good, sharedStrings: ['abcdef'] }, /more than 5 characters of text/],
    ['maxRows', { maxRows: 50 }, oneSheet(big(100)), /beyond row 50, the last row Excel allows/],
    ['maxColumns', { maxColumns: 2 }, oneSheet(textRow(1, ['a', 'b', 'c'])), /beyond column 2, the last column Excel allows/],
    ['maxCells', { maxCells: 50 }, oneSheet(big(100)), /more than 50 cells on one sheet/],
    [
      'maxPaddedCells',
      { maxPaddedCells: 1_000 },
      oneSheet(Array.from({ length: 5 }, (_, i) => textRow(i + 1, ['a', 'far'], ['A', 'XFD'])).join('')),
      /holding more than 1,000 cells/
    ],
    [
      'maxMergedAreas',
      { maxMergedAreas: 1 },
      oneSheet(textRow(1, ['a']), '<mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/></mergeCells>'),
      /more merged cells than any practice export/
    ],
    ['maxCellFormats', { maxCellFormats: 2 }, { ...good, styles: stylesXml({}, [0, 0, 0]) }, /more than 2 cell formats/],
    [
      'maxMarkupStretch',
      { maxMarkupStretch: 100_000 },
      oneSheet(textRow(1, ['x'.repeat(300_000)])),
      /a single piece of text or markup longer than 100,000 characters/
    ]
  ])('%s is refused by name with plain words', async (limit, override, spec, message) => {
    const error = await refusal(read(spec, override))
    expect(error.details).toMatchObject({ workbookLimit: limit })
    expect(error.message).toMatch(message)
    expect(error.message).toMatch(/EMIS Web: Reporting > Population Reporting/)
  })

  test('stray far-right cells on every row are refused with the default limits', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => textRow(i + 1, [`r${i}`, 'far'], ['A', 'XFD'])).join('')
    expect((await refusal(read(oneSheet(rows)))).details).toMatchObject({ workbookLimit: 'maxPaddedCells' })
  })
})
