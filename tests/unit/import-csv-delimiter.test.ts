// The cell separator of a text export (csv-delimiter.ts): commas unless the file clearly uses
// semicolons or tabs; anchored on the NHS number caption so quoted terms cannot sway it.
import { describe, expect, test } from 'vitest'
import { detectDelimiter } from '../../src/main/import/read/csv-delimiter'

describe('detectDelimiter', () => {
  test.each([
    ['commas', 'NHS Number,Name\r\n9990000018,"SMITH; Jane"\r\n', ','],
    ['one NHS number column', 'NHS Number\r\n9990000018\r\n', ','],
    ['semicolons', 'NHS Number;Name\r\n9990000018;"SMITH, Jane"\r\n', ';'],
    ['tabs', 'NHS number\tName\r\n9990000018\tSMITH, Jane\r\n', '\t'],
    ['semicolons below a comma report header', 'Report Name:,BP list\r\n\r\nNHS Number;Name\r\n9990000018;SMITH\r\n', ';'],
    // No NHS number caption (a layout for the column-mapping screen): by how the rows split.
    ['a generic layout with semicolons', 'Ident;DOB;BP\r\n1;01/01/1950;140/90\r\n2;02/02/1960;150/95\r\n', ';'],
    ['a generic layout with commas and semicolons in text', 'Ident,Note\r\n1,a;b\r\n2,c;d;e\r\n', ','],
    ['no separator at all', 'just one line of text\r\n', ',']
  ])('%s', (_name, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected)
  })
})
