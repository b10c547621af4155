// Which names and addresses the letter PDF prints as written, and which it must leave for staff to
// write by hand, decided without a PDF (the same rules the PDF follows when it draws them).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { NOTO_SANS_COVERAGE, printableForm, unprintableInLines, unprintableNote, unprintableText } from '../../src/shared/domain/letter-scripts'
import { resourcesPath } from '../../src/main/resources-path'

// fontkit comes with pdfkit (it is what embeds the font); it is used here only to read the shipped
// font files' own character maps.
const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(path: string): { characterSet: number[]; postscriptName: string } }

describe('names the letter prints as written', () => {
  it.each([
    ['Turkish', 'Gülşen Yıldırım, İstanbul Ğ ğ Ş ş ı İ'],
    ['Polish', 'Łukasz Żółć, Kraków'],
    ['Irish', 'Seán Ó Súilleabháin'],
    ['Vietnamese', 'Nguyễn Thị Ánh Tuyết, Phạm Quỳnh'],
    ['Greek', 'Νικόλαος Παπαδόπουλος, Αθήνα'],
    ['Cyrillic', 'Анастасия Кузнецова, Ґанна Їжакевич'],
    ['Romanian and Czech', 'Ștefan Țurcanu, Jiří Dvořák'],
    ['Latin with digits and punctuation', "Flat 3/B, O'Brien-Smith & Co. (Unit 12) – £5 €"]
  ])('%s', (_, text) => {
    expect(unprintableText(text)).toBeNull()
  })

  it('takes accents typed as separate combining marks as the letters they make', () => {
    expect(unprintableText('Gu\u0308ls\u0327en')).toBeNull()
  })

  it('prints a full-width or compatibility letter as the plain letter', () => {
    expect(printableForm('Ａ')).toBe('A')
    expect(unprintableText('ＡＢＣ Road')).toBeNull()
  })
})

describe('names the letter cannot print, named by script', () => {
  it.each([
    ['Arabic', 'محمد علي', 'محمد'],
    ['Hebrew', 'דוד כהן', 'דוד'],
    ['Bengali', 'রহিম উদ্দিন', 'রহিম'],
    ['Chinese', '王伟', '王伟'],
    ['Japanese', 'さくら', 'さくら'],
    ['Korean', '김민준', '김민준'],
    ['Gurmukhi', 'ਗੁਰਪ੍ਰੀਤ', 'ਗੁਰਪ੍ਰੀਤ'],
    ['Tamil', 'முருகன்', 'முருகன்'],
    // Noto Sans has Devanagari glyphs, but the letter cannot join and reorder them: still listed.
    ['Devanagari', 'प्रिया शर्मा', 'प्रिया']
  ])('%s', (script, text, sample) => {
    expect(unprintableText(text)).toEqual({ script, sample })
  })

  it('finds the unprintable word inside an otherwise printable line', () => {
    expect(unprintableText('Mr Mohammed محمد Khan')).toEqual({ script: 'Arabic', sample: 'محمد' })
  })

  it('lists characters the font has no glyph for even when they belong to no named script', () => {
    expect(unprintableText('Jane 😀 Smith')).toEqual({ script: null, sample: '😀' })
  })

  it('lists the replacement character a wrongly decoded export leaves behind', () => {
    expect(unprintableText('Gonz\uFFFDlez')).toEqual({ script: null, sample: 'Gonz\uFFFDlez' })
  })

  it('checks every line of the block and reports the first problem', () => {
    expect(unprintableInLines(['Mrs Jane Smith', '12 High Street', 'שדרות רוטשילד'])).toEqual({ script: 'Hebrew', sample: 'שדרות' })
    expect(unprintableInLines(['Mrs Jane Smith', '12 High Street', 'SE1 1AA'])).toBeNull()
  })

  it('writes a batch-sheet note that names the script and says what to do', () => {
    const note = unprintableNote({ script: 'Arabic', sample: 'محمد' })
    expect(note).toMatch(/^Name or address is in Arabic script, which the letter cannot print: write this envelope and greeting by hand/)
    expect(unprintableNote({ script: null, sample: '😀' })).toContain('has characters ("😀")')
  })
})

describe('the embedded font', () => {
  it('is shipped byte for byte as the pinned npm package has it', () => {
    const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
    const fromPackage = (file: string) => createRequire(import.meta.url).resolve(`@expo-google-fonts/noto-sans/${file}`)
    expect(sha(resourcesPath('fonts', 'NotoSans-Regular.ttf'))).toBe(sha(fromPackage('400Regular/NotoSans_400Regular.ttf')))
    expect(sha(resourcesPath('fonts', 'NotoSans-Bold.ttf'))).toBe(sha(fromPackage('700Bold/NotoSans_700Bold.ttf')))
    expect(readFileSync(resourcesPath('fonts', 'OFL.txt'), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1')
  })

  it('lists exactly the code points both NotoSans-Regular.ttf and NotoSans-Bold.ttf map to a glyph', () => {
    const regular = fontkit.openSync(resourcesPath('fonts', 'NotoSans-Regular.ttf'))
    const bold = fontkit.openSync(resourcesPath('fonts', 'NotoSans-Bold.ttf'))
    expect([regular.postscriptName, bold.postscriptName]).toEqual(['NotoSans-Regular', 'NotoSans-Bold'])
    const inBold = new Set(bold.characterSet)
    const both = [...new Set(regular.characterSet)].filter((c) => inBold.has(c) && c >= 0x20).sort((a, b) => a - b)
    const listed = NOTO_SANS_COVERAGE.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i))
    expect(listed).toEqual(both)
  })
})
