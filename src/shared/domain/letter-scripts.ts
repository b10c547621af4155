// Which names and addresses the letter PDF can print (docs/letters.md). The letters embed Noto Sans
// (resources/fonts), drawn by pdfkit one glyph after another, left to right. That prints Latin
// (with every accent: Turkish, Polish, Irish, Vietnamese…), Greek and Cyrillic correctly. It cannot
// print a script the font has no glyphs for (Arabic, Hebrew, Bengali, Chinese…), nor one that needs
// right-to-left ordering or joining/reordering of letters, even where the font has the glyphs
// (Devanagari is in Noto Sans, but pdfkit does not shape it): those would come out as "?" or as
// letters in the wrong order. A character is printable when both hold:
//   - its Unicode script is Latin, Greek, Cyrillic, Common (digits, punctuation) or Inherited
//     (combining accents), checked with the Unicode Script property; and
//   - the embedded font has a glyph for it: NOTO_SANS_COVERAGE is the font's own character map
//     (the code points both Regular and Bold have), tests/unit/letter-scripts.test.ts reads the
//     font files and fails if this list and the fonts ever disagree.

/** Code point ranges [first, last] that both NotoSans-Regular.ttf and NotoSans-Bold.ttf map to a glyph. */
export const NOTO_SANS_COVERAGE: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e],
  [0x00a0, 0x0377],
  [0x037a, 0x037f],
  [0x0384, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x03e1],
  [0x03f0, 0x052f],
  [0x0900, 0x097f],
  [0x10fb, 0x10fb],
  [0x1ab0, 0x1ac0],
  [0x1ac5, 0x1ac5],
  [0x1ac7, 0x1ace],
  [0x1c80, 0x1c88],
  [0x1d00, 0x1df9],
  [0x1dfb, 0x1f15],
  [0x1f18, 0x1f1d],
  [0x1f20, 0x1f45],
  [0x1f48, 0x1f4d],
  [0x1f50, 0x1f57],
  [0x1f59, 0x1f59],
  [0x1f5b, 0x1f5b],
  [0x1f5d, 0x1f5d],
  [0x1f5f, 0x1f7d],
  [0x1f80, 0x1fb4],
  [0x1fb6, 0x1fc4],
  [0x1fc6, 0x1fd3],
  [0x1fd6, 0x1fdb],
  [0x1fdd, 0x1fef],
  [0x1ff2, 0x1ff4],
  [0x1ff6, 0x1ffe],
  [0x2000, 0x2064],
  [0x2066, 0x2071],
  [0x2074, 0x208e],
  [0x2090, 0x209c],
  [0x20a0, 0x20c0],
  [0x20f0, 0x20f0],
  [0x2100, 0x215f],
  [0x2183, 0x2184],
  [0x2189, 0x2189],
  [0x2212, 0x2212],
  [0x25cc, 0x25cc],
  [0x2c60, 0x2c7f],
  [0x2de0, 0x2e5d],
  [0xa640, 0xa69f],
  [0xa700, 0xa7ca],
  [0xa7d0, 0xa7d1],
  [0xa7d3, 0xa7d3],
  [0xa7d5, 0xa7d9],
  [0xa7f2, 0xa7ff],
  [0xa8ff, 0xa8ff],
  [0xa92e, 0xa92e],
  [0xab30, 0xab6b],
  [0xfb00, 0xfb06],
  [0xfe00, 0xfe00],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
  [0xfffc, 0xfffd],
  [0x10780, 0x10785],
  [0x10787, 0x107b0],
  [0x107b2, 0x107ba],
  [0x1df00, 0x1df1e]
]

function inFont(code: number): boolean {
  let lo = 0
  let hi = NOTO_SANS_COVERAGE.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const range = NOTO_SANS_COVERAGE[mid]
    if (!range) return false
    if (code < range[0]) hi = mid - 1
    else if (code > range[1]) lo = mid + 1
    else return true
  }
  return false
}

const drawnInOrder = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]$/u
// U+FFFD and U+FFFC are what a wrongly decoded export leaves where a letter was: the font draws a
// box or a diamond, which is no more the patient's name than "?" is.
const lostCharacter = /^[\uFFFC\uFFFD]$/u

function drawnAsIs(ch: string): boolean {
  return inFont(ch.codePointAt(0) ?? 0) && drawnInOrder.test(ch) && !lostCharacter.test(ch)
}

const MAX_KNOWN_FORMS = 20_000
const printableForms = new Map<string, string | null>()

/**
 * How the letter PDF prints one character (a code point): itself when the font draws it; else its
 * compatibility form when that prints the same letter (full-width "Ａ" as "A", a ligature as its
 * letters); null when it cannot be printed at all. White space is one space.
 */
export function printableForm(ch: string): string | null {
  // A pure function of one code point, asked of every character of every letter of a batch: each
  // character is worked out once per process (a few hundred distinct ones in a practice's letters).
  const known = printableForms.get(ch)
  if (known !== undefined) return known
  const form = workOutPrintableForm(ch)
  if (printableForms.size < MAX_KNOWN_FORMS) printableForms.set(ch, form)
  return form
}

function workOutPrintableForm(ch: string): string | null {
  if (/^\s$/u.test(ch)) return ch === '\n' ? '\n' : ' '
  if (drawnAsIs(ch)) return ch
  const compatible = ch.normalize('NFKD')
  return compatible !== ch && compatible !== '' && [...compatible].every(drawnAsIs) ? compatible : null
}

// The scripts a practice's patients' names come in that the letter cannot print, by the name staff
// know them by (Han is written "Chinese": Japanese names also use it, next to Hiragana/Katakana).
// Script_Extensions, so a mark used only with one script (Arabic's tatweel, comma) names that script.
const namedScripts: readonly (readonly [string, RegExp])[] = [
  ['Arabic', /\p{Script_Extensions=Arabic}/u],
  ['Hebrew', /\p{Script_Extensions=Hebrew}/u],
  ['Bengali', /\p{Script_Extensions=Bengali}/u],
  ['Devanagari', /\p{Script_Extensions=Devanagari}/u],
  ['Gurmukhi', /\p{Script_Extensions=Gurmukhi}/u],
  ['Gujarati', /\p{Script_Extensions=Gujarati}/u],
  ['Tamil', /\p{Script_Extensions=Tamil}/u],
  ['Telugu', /\p{Script_Extensions=Telugu}/u],
  ['Kannada', /\p{Script_Extensions=Kannada}/u],
  ['Malayalam', /\p{Script_Extensions=Malayalam}/u],
  ['Oriya', /\p{Script_Extensions=Oriya}/u],
  ['Sinhala', /\p{Script_Extensions=Sinhala}/u],
  ['Thai', /\p{Script_Extensions=Thai}/u],
  ['Lao', /\p{Script_Extensions=Lao}/u],
  ['Khmer', /\p{Script_Extensions=Khmer}/u],
  ['Myanmar', /\p{Script_Extensions=Myanmar}/u],
  ['Tibetan', /\p{Script_Extensions=Tibetan}/u],
  ['Japanese', /[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]/u],
  ['Chinese', /\p{Script_Extensions=Han}/u],
  ['Korean', /\p{Script_Extensions=Hangul}/u],
  ['Armenian', /\p{Script_Extensions=Armenian}/u],
  ['Georgian', /\p{Script_Extensions=Georgian}/u],
  ['Ethiopic', /\p{Script_Extensions=Ethiopic}/u],
  ['Syriac', /\p{Script_Extensions=Syriac}/u],
  ['Thaana', /\p{Script_Extensions=Thaana}/u],
  ['Mongolian', /\p{Script_Extensions=Mongolian}/u],
  ['Cherokee', /\p{Script_Extensions=Cherokee}/u]
]

export interface UnprintableText {
  /** The script by its usual English name ("Arabic", "Chinese"), or null for other characters (emoji, symbols). */
  script: string | null
  /** The word the first such character is in (at most 24 characters), to show staff which part it is. */
  sample: string
}

/**
 * The first part of `text` the letter PDF cannot print, or null when all of it prints. Text is
 * taken in composed form (NFC), as the PDF draws it: "s" + combining cedilla is "ş".
 */
export function unprintableText(text: string): UnprintableText | null {
  const composed = text.normalize('NFC')
  for (const word of composed.split(/\s+/u)) {
    const bad = [...word].find((ch) => printableForm(ch) === null)
    if (bad === undefined) continue
    const script = namedScripts.find(([, pattern]) => pattern.test(bad))?.[0] ?? null
    return { script, sample: [...word].slice(0, 24).join('') }
  }
  return null
}

/** The first unprintable part of any of the lines (the name and address block, the greeting). */
export function unprintableInLines(lines: readonly string[]): UnprintableText | null {
  for (const line of lines) {
    const found = unprintableText(line)
    if (found) return found
  }
  return null
}

/** The batch sheet's note for a letter whose name or address has text the PDF cannot print. */
export function unprintableNote(found: UnprintableText): string {
  const what = found.script ? `is in ${found.script} script` : `has characters ("${found.sample}")`
  return `Name or address ${what}, which the letter cannot print: write this envelope and greeting by hand (the letter leaves a blank line for each word it cannot print), or print this letter from the Word document or the clinical system`
}
