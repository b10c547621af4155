// Spreadsheet column letters (A, B … Z, AA …): how the practice finds a column when it opens the
// file in Excel, so messages about a column name its letter beside its caption.

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    letters = String.fromCharCode(65 + rem) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}
