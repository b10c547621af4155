import { describe, expect, it } from 'vitest'
import { columnLetters, xmlText } from '../../src/main/documents/xlsx-row-xml'

describe('worksheet row markup', () => {
  it('names columns as spreadsheets do', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('escapes the XML specials and drops control characters XML cannot hold, keeping tab and line breaks', () => {
    expect(xmlText(`Tom & "Jerry's" <b>`)).toBe('Tom &amp; &quot;Jerry&apos;s&quot; &lt;b&gt;')
    expect(xmlText('a\u0000b\u0007c\u007fd')).toBe('abcd')
    expect(xmlText('a\tb\nc\rd')).toBe('a\tb\nc\rd')
    expect(xmlText('18–39 Ōtautahi')).toBe('18–39 Ōtautahi')
  })
})
