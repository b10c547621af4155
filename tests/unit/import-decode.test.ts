import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { decodeFileBytes, detectEncoding } from '../../src/main/import/read/decode-file'
import { parseCsvRows, parseCsvTable } from '../../src/main/import/read/parse-csv'
import { AppError } from '../../src/shared/result'

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/imports', name))
const utf8 = (s: string) => new TextEncoder().encode(s)

function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2)
  const view = new DataView(out.buffer)
  let o = 0
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian)
    o = 2
  }
  for (let i = 0; i < s.length; i++) view.setUint16(o + i * 2, s.charCodeAt(i), littleEndian)
  return out
}

function badFileMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('bad_file')
    return (e as AppError).message
  }
  throw new Error('expected a bad_file error')
}

describe('decoding export bytes', () => {
  const text = 'NHS Number,Family Name\r\n9991000003,Müller\r\n'

  test('UTF-8 with a BOM loses the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])
    expect(decodeFileBytes('a.csv', bytes).text).toBe(text)
  })

  test('UTF-8 without a BOM', () => {
    expect(decodeFileBytes('a.csv', utf8(text))).toEqual({ text, encoding: 'utf-8' })
  })

  test.each([
    ['LE with BOM', true, true, 'utf-16le'],
    ['BE with BOM', false, true, 'utf-16be'],
    ['LE without BOM (NUL pattern)', true, false, 'utf-16le'],
    ['BE without BOM (NUL pattern)', false, false, 'utf-16be']
  ])('UTF-16 %s', (_label, le, bom, encoding) => {
    const decoded = decodeFileBytes('a.csv', utf16(text, le, bom))
    expect(decoded).toEqual({ text, encoding })
  })

  test('bytes that are not valid UTF-8 are read as Windows-1252', () => {
    const decoded = decodeFileBytes('s1.csv', fixture('systmone-breakdown-windows-1252.csv'))
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.text).toContain('MÜLLER,Zoë')
  })

  test('the UTF-16 fixture decodes to the same text as the Windows-1252 one', () => {
    expect(decodeFileBytes('a', fixture('systmone-breakdown-utf16.csv')).text).toBe(decodeFileBytes('b', fixture('systmone-breakdown-windows-1252.csv')).text)
    expect(detectEncoding(fixture('systmone-breakdown-utf16.csv')).encoding).toBe('utf-16le')
  })
})

describe('files that are not CSV exports', () => {
  test('an HTML page saved as .csv names the file and says how to export a CSV from EMIS', () => {
    const message = badFileMessage(() => decodeFileBytes('emis-report-saved-as-html.csv', fixture('emis-report-saved-as-html.csv')))
    expect(message).toContain('"emis-report-saved-as-html.csv"')
    expect(message).toMatch(/web page \(HTML\)/)
    expect(message).toMatch(/EMIS Web: Reporting > Population Reporting/)
  })

  test('a PDF', () => {
    expect(badFileMessage(() => decodeFileBytes('list.pdf', utf8('%PDF-1.7\n1 0 obj')))).toMatch(/"list.pdf" is a PDF/)
  })

  test('an Excel workbook', () => {
    const workbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('xl/workbook.xml')])
    expect(badFileMessage(() => decodeFileBytes('list.xlsx', workbook))).toMatch(/Excel workbook/)
  })

  test('an empty file, and one of only commas', () => {
    expect(badFileMessage(() => decodeFileBytes('empty.csv', new Uint8Array()))).toMatch(/"empty.csv" is empty/)
    expect(badFileMessage(() => decodeFileBytes('commas.csv', utf8(',,,\r\n,,,\r\n')))).toMatch(/no data/)
  })
})

describe('parsing rows', () => {
  test('row numbers match the spreadsheet: a quoted newline stays in its cell', () => {
    const rows = parseCsvRows('a.csv', 'NHS Number,Note\r\n9991000003,"two\r\nlines"\r\n9991158383,x\r\n')
    expect(rows).toEqual([
      ['NHS Number', 'Note'],
      ['9991000003', 'two\r\nlines'],
      ['9991158383', 'x']
    ])
  })

  test('a last line of commas and the final newline are not rows; an empty row in the middle is kept', () => {
    const rows = parseCsvRows('a.csv', 'a,b\n1,2\n\n3,4\n,,\n')
    expect(rows).toEqual([['a', 'b'], ['1', '2'], [''], ['3', '4']])
  })

  test('an unclosed quote stops the import rather than swallowing rows', () => {
    expect(badFileMessage(() => parseCsvRows('cut.csv', 'a,b\n1,"oops\n2,3\n'))).toMatch(/row 2 that is never closed/)
  })
})

describe('judging the encoding by the bytes, not only by the byte-order mark', () => {
  const text = 'NHS Number,Family Name\r\n9991000003,Müller\r\n9991158383,Zoë\r\n'
  const fffe = (body: Uint8Array) => new Uint8Array([0xff, 0xfe, ...body])

  test('a UTF-16 marker in front of UTF-8 text is read as UTF-8, with a warning naming the file', () => {
    const decoded = decodeFileBytes('resaved.csv', fffe(utf8(text)))
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.text).toBe(text)
    expect(decoded.encodingWarning).toMatch(/^resaved\.csv: the file starts with a UTF-16 marker but its text is not UTF-16, so it was read as UTF-8/)
  })

  test('a big-endian UTF-16 marker in front of UTF-8 text is read as UTF-8 too', () => {
    const decoded = decodeFileBytes('resaved.csv', new Uint8Array([0xfe, 0xff, ...utf8(text)]))
    expect(decoded).toMatchObject({ text, encoding: 'utf-8' })
  })

  test('a UTF-16 marker in front of Windows-1252 text is read as Windows-1252', () => {
    const decoded = decodeFileBytes('resaved.csv', fffe(new Uint8Array(Buffer.from(text, 'latin1'))))
    expect(decoded).toMatchObject({ text, encoding: 'windows-1252' })
    expect(decoded.encodingWarning).toMatch(/read as Windows-1252/)
  })

  test('real UTF-16 behind its marker is still UTF-16 and has no warning, even with an odd last byte', () => {
    const real = utf16(text, true, true)
    expect(decodeFileBytes('a.csv', real)).toEqual({ text, encoding: 'utf-16le' })
    const odd = new Uint8Array([...real, 0x41])
    expect(detectEncoding(odd)).toEqual({ encoding: 'utf-16le', bomLength: 2 })
  })

  test('a UTF-16 marker over bytes with an unpaired surrogate is not believed', () => {
    // "NH" then a lone low surrogate (DC00) in UTF-16LE: no UTF-16 writer produces that.
    const bytes = new Uint8Array([0xff, 0xfe, 0x4e, 0x00, 0x48, 0x00, 0x00, 0xdc, 0x53, 0x00])
    expect(detectEncoding(bytes).encoding).not.toBe('utf-16le')
    expect(detectEncoding(bytes).mismatch).toMatch(/not UTF-16/)
  })

  test('UTF-16 without a marker is found by its NUL bytes', () => {
    expect(detectEncoding(utf16(text, true, false))).toEqual({ encoding: 'utf-16le', bomLength: 0 })
    expect(detectEncoding(utf16(text, false, false))).toEqual({ encoding: 'utf-16be', bomLength: 0 })
  })

  test('a UTF-8 marker over Windows-1252 bytes (not valid UTF-8) falls back to Windows-1252, with a warning', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'latin1')])
    const decoded = decodeFileBytes('excel.csv', bytes)
    expect(decoded).toMatchObject({ text, encoding: 'windows-1252' })
    expect(decoded.encodingWarning).toMatch(/^excel\.csv: the file starts with a UTF-8 marker but its text is not UTF-8, so it was read as Windows-1252/)
  })

  test('a file over the size limit is refused before decoding, in plain words', async () => {
    const { maxTextExportBytes } = await import('../../src/main/import/read/decode-file')
    // A view longer than the limit without allocating it: only its length is looked at first.
    const huge = new Uint8Array(new SharedArrayBuffer(maxTextExportBytes + 1))
    huge.set(utf8('NHS Number\r\n'))
    const message = badFileMessage(() => decodeFileBytes('everything.csv', huge))
    expect(message).toMatch(/^"everything\.csv" is 500 MB, larger than the 500 MB a text export can be/)
    expect(message).not.toMatch(/string|buffer|length|undefined/i)
  })
})

describe('cells and rows too long to be real', () => {
  test('a cell over 1 MB is refused naming the row and column', () => {
    const text = `NHS Number,Note\r\n9991000003,x\r\n9991158383,${'A'.repeat(1024 * 1024 + 1)}\r\n`
    expect(badFileMessage(() => parseCsvRows('long.csv', text))).toMatch(/^"long\.csv" has a cell on row 3 \(column B\) over 1,048,576 characters long/)
  })

  test('a row over 4 MB of short cells is refused naming the row', () => {
    const text = `NHS Number,Note\r\n${'x,'.repeat(2_200_000)}\r\n`
    expect(badFileMessage(() => parseCsvRows('wide.csv', text))).toMatch(/^"wide\.csv" has a row \(row 2\) over 4,194,304 characters long/)
  })

  test('a quote opened on the last line and never closed is the file ending part-way through that row, not a refusal', () => {
    const parsed = parseCsvTable('cut.csv', 'NHS Number,Name\r\n9991000003,"SMI')
    expect(parsed.rows).toEqual([
      ['NHS Number', 'Name'],
      ['9991000003', 'SMI']
    ])
    expect(parsed.cutOffInQuoteRow).toBe(2)
  })
})
