// How much of a workbook the importer will read before it refuses the file. A workbook is a zip
// of XML parts, and every measure of it can lie or be absurd: a tiny file can unpack to gigabytes,
// one stray cell far to the right can widen every row. Each limit sits well above the biggest
// practice export (a PCN list of 100,000 patients with several rows each is a few hundred
// thousand rows, about 100 MB of sheet XML) and well below what would exhaust memory or time.
// Tests pass smaller limits to trip each one with a small file.

export interface WorkbookLimits {
  /** Real (decompressed) bytes of all the parts read, added up. */
  maxTotalBytes: number
  /** Real (decompressed) bytes of any one part. */
  maxPartBytes: number
  /** Entries in the zip's directory. */
  maxZipEntries: number
  /** Distinct texts in the shared-strings part. */
  maxSharedStrings: number
  /** Characters of all shared strings together (they are all held in memory while the sheet is read). */
  maxSharedStringChars: number
  /** Rows of a sheet: a cell below Excel's last row is damage, not data. */
  maxRows: number
  /** Columns of a sheet: a cell right of Excel's last column (XFD) is damage, not data. */
  maxColumns: number
  /** Cell elements in a sheet, blank or not: bounds the parsing work. */
  maxCells: number
  /** Cells held for the sheet counting the blanks that fill the gaps (each row as wide as its last cell). */
  maxPaddedCells: number
  /** Merged areas in a sheet (the cells they cover are also counted, against `maxPaddedCells`). */
  maxMergedAreas: number
  /** Cell formats in the styles part. */
  maxCellFormats: number
  /** Characters of XML read with nothing finished in them: bounds any one text, tag or comment. */
  maxMarkupStretch: number
}

const MiB = 1024 * 1024

export const defaultWorkbookLimits: WorkbookLimits = {
  // Ten times the biggest plausible export, and still well inside a 4 GB machine's memory for the
  // rows it produces.
  maxTotalBytes: 1024 * MiB,
  // One sheet of 1,000,000 rows of ten short columns is about 500 MB of XML: more than that is not
  // a practice export.
  maxPartBytes: 512 * MiB,
  // A real workbook has tens of entries (sheets, styles, theme, pictures); a directory of millions
  // only costs time to list.
  maxZipEntries: 100_000,
  // A 100,000-row export has at most a few hundred thousand distinct texts (names, terms).
  maxSharedStrings: 5_000_000,
  // 100 million characters is at most 200 MB held as strings.
  maxSharedStringChars: 100_000_000,
  // Excel's own limits: 1,048,576 rows and 16,384 columns (A to XFD).
  maxRows: 1_048_576,
  maxColumns: 16_384,
  // 40 million cells: a full-height sheet of 40 columns, far beyond any export.
  maxCells: 40_000_000,
  // The same 40 million as held strings (about 320 MB of references): enough for one stray cell in
  // column XFD (one 16,384-wide row), not for stray far-right cells on thousands of rows.
  maxPaddedCells: 40_000_000,
  // Exports merge a few title cells at most.
  maxMergedAreas: 100_000,
  // Excel allows 64,000 cell formats in a workbook.
  maxCellFormats: 1_000_000,
  // Excel holds at most 32,767 characters in a cell (about 200,000 once escaped as XML); a million
  // characters with no tag in them is damage or an attack, and is never held whole.
  maxMarkupStretch: 1 * MiB
}
