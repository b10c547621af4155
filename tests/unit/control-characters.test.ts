import { expect, test } from 'vitest'
import { addressCellLines, hasControlCharacters, withoutControlCharacters } from '../../src/main/import/read/control-characters'

test('escape sequences go whole, tabs and line breaks become a space, other controls go', () => {
  expect(withoutControlCharacters('\u001b[31mRED\u001b[0m')).toBe('RED')
  expect(withoutControlCharacters('ANN\tMARIE\r\nSMITH\u0007')).toBe('ANN MARIE SMITH')
  expect(withoutControlCharacters('\u001b]0;title\u0007JONES')).toBe('JONES')
})

test('bidirectional overrides and isolates go, so nothing after them is shown reversed', () => {
  for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
    expect(hasControlCharacters(`SMITH${control}evil`)).toBe(true)
    expect(withoutControlCharacters(`SMITH${control}evil`)).toBe('SMITHevil')
  }
})

test('names in any script, with their own marks, are kept exactly', () => {
  for (const name of ['محمد', 'שרה', 'Ağaoğlu', 'Ó Súilleabháin', 'Łukasz', 'Σοφία', 'Дмитрий', '王小明', 'নাসরিন', 'क्षत्रिय']) {
    expect(hasControlCharacters(name)).toBe(false)
    expect(withoutControlCharacters(name)).toBe(name)
  }
})

test('an address keeps its line breaks as lines and says when something else was removed', () => {
  expect(addressCellLines('Flat 2\n1 High Street')).toEqual({ lines: ['Flat 2', '1 High Street'], removed: false })
  expect(addressCellLines('Flat 2\u202E\n1 High Street')).toEqual({ lines: ['Flat 2', '1 High Street'], removed: true })
})
