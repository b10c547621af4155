// Reading one big CSV reports rows read of the file's rows (the progress bar), not
// only bytes: readExportFile calls its onRows hook every rowProgressEvery rows and once at the end.
import { describe, expect, test } from 'vitest'
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { readExportFile, rowProgressEvery } from '../../src/main/import/read/read-export-file'
import { csvLines, fileOf, validNhsNumber } from '../support/export-text'

const options = { library: loadCodeLibrary(), today: '2026-11-22', format: 'auto' as const }
const header = ['NHS Number', 'Family Name', 'Date of Birth']

describe('row progress while reading a file', () => {
  test('every rowProgressEvery rows and at the end, counting the rows below the column row', () => {
    const dataRows = rowProgressEvery * 2 + 123
    const text = csvLines([
      ['Report Name:', 'BP list'],
      header,
      ...Array.from({ length: dataRows }, (_, i) => (i === 7 ? ['', '', ''] : [validNhsNumber(i + 1), 'SMITH', '05/03/1958']))
    ])
    const calls: [number, number][] = []
    const read = readExportFile(fileOf('big.csv', text), options, (done, total) => calls.push([done, total]))
    expect(calls).toEqual([
      [rowProgressEvery, dataRows],
      [rowProgressEvery * 2, dataRows],
      [dataRows, dataRows]
    ])
    expect(read.preview.rowsRead + read.preview.emptyRowsSkipped).toBe(dataRows)
  })

  test('a small file hears only the end', () => {
    const calls: [number, number][] = []
    readExportFile(fileOf('small.csv', csvLines([header, [validNhsNumber(1), 'SMITH', '05/03/1958']])), options, (d, t) => calls.push([d, t]))
    expect(calls).toEqual([[1, 1]])
  })
})
