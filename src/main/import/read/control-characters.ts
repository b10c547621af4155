// Control characters in imported text. A name such as "\u001b[2J" (a terminal "clear screen"
// sequence) or a BEL / backspace in an address does nothing useful in a patient record and can do
// harm where the text is shown: a terminal running the CLI obeys it, a letter prints garbage. So
// every cell read from an export loses its C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F)
// characters before anything is stored; whole escape sequences go, so "\u001b[31mRED" becomes
// "RED", not "[31mRED". Tabs and line breaks become a space, so words either side stay apart;
// only an address cell keeps its line breaks, as separate address lines (addressLines).
// The Unicode bidirectional embedding, override and isolate controls (U+202A–U+202E,
// U+2066–U+2069) go too: one in a name ("SMITH" + U+202E) turns the text after it round on screen
// and on a letter. Right-to-left names (Arabic, Hebrew) need none of them to show correctly.

// Unicode's Cc category is exactly C0, DEL and C1; then the bidirectional controls.
const anyControl = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u
// CSI (ESC [ … final byte, or the one-byte C1 CSI), OSC (ESC ] … BEL / ST) and two-byte ESC sequences.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const escapeSequences = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g
const spacing = /[\t\n\r\v\f\u0085]+/g
const otherControls = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu
const lineBreak = /\r\n|[\r\n\v\f\u0085]/

export function hasControlCharacters(text: string): boolean {
  return anyControl.test(text)
}

/** The text without control characters (tabs and line breaks become one space). */
export function withoutControlCharacters(text: string): string {
  if (!anyControl.test(text)) return text
  return text.replace(escapeSequences, '').replace(spacing, ' ').replace(otherControls, '')
}

/**
 * An address cell as address lines: a quoted line break inside the cell is a real line of the
 * address (EMIS puts "Flat 2" and "1 High Street" in one cell), every other control character goes.
 * `removed` says whether anything other than those line breaks was taken out.
 */
export function addressCellLines(text: string): { lines: string[]; removed: boolean } {
  const lines = text.split(lineBreak).map((part) => withoutControlCharacters(part).trim())
  const removed = text.split(lineBreak).some((part) => hasControlCharacters(part))
  return { lines: lines.filter((line) => line !== ''), removed }
}
