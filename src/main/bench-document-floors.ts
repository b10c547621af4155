// The floors the bench prints beside its document figures: what the document library alone takes to
// write a file of the same size, with none of the app's work (no database, no audit, no layout).
// A figure near its floor has little left to gain in our code; far above it, the difference is ours.
import type ExcelJS from 'exceljs'
import type PDFDocument from 'pdfkit'
import type { AuditPatient } from './audit/audit-service'
import { FONT, useLetterFonts } from './documents/letter-fonts'
import { pdfBytes } from './documents/pdf-bytes'
import { loadOnFirstUse } from './load-on-first-use'

type Plain = string | number | null

/** The Patients sheet's cells as plain values (dates as their ISO text, no styles): the same cells, filled or empty, as the workbook's. */
function plainPatientRow(p: AuditPatient): Plain[] {
  return [
    p.nhsNumber,
    p.name,
    p.dateOfBirth,
    p.ageBand,
    p.sex,
    p.ethnicity,
    p.imdQuintile,
    p.firstInvitedOn,
    p.invitations,
    p.booked ? 'Yes' : 'No',
    p.firstAttendedOn,
    p.baseline?.date ?? null,
    p.baseline?.systolic ?? null,
    p.baseline?.diastolic ?? null,
    p.baseline?.source ?? null,
    p.followUp?.date ?? null,
    p.followUp?.systolic ?? null,
    p.followUp?.diastolic ?? null,
    p.systolicChange,
    p.diastolicChange,
    p.outcome,
    p.pair?.atTarget ? (p.pair.atTarget.baseline ? 'Yes' : 'No') : null,
    p.pair?.atTarget ? (p.pair.atTarget.followUp ? 'Yes' : 'No') : null
  ]
}

/**
 * The audit workbook's floor: exceljs's streaming WorkbookWriter writing the identifiable workbook's
 * sheets — Summary, the five breakdowns, Programmes and a Patients row per patient with the same
 * cells — as plain values through its own rows, with the same compression.
 */
export async function writeAuditWorkbookFloor(path: string, patients: readonly AuditPatient[]): Promise<void> {
  const workbook = new (loadOnFirstUse<typeof ExcelJS>('exceljs').stream.xlsx.WorkbookWriter)({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } }
  })
  const small = (name: string, rows: number, columns: number) => {
    const sheet = workbook.addWorksheet(name)
    for (let r = 0; r < rows; r++) sheet.addRow(Array.from({ length: columns }, (_, c) => (c === 0 ? `row ${r}` : r * columns + c))).commit()
    sheet.commit()
  }
  small('Summary', 30, 5)
  for (const name of ['By ethnic group', 'By age band', 'By sex', 'By IMD quintile', 'By Core20']) small(name, 12, 19)
  small('Programmes', 3, 21)
  const sheet = workbook.addWorksheet('Patients')
  const first = patients[0]
  sheet.addRow(first ? plainPatientRow(first).map((_, i) => `Column ${i + 1}`) : []).commit()
  for (const p of patients) sheet.addRow(plainPatientRow(p)).commit()
  sheet.commit()
  await workbook.commit()
}

/** The letters PDF's floor: pdfkit writing `pages` A4 pages with the letter fonts embedded (one word in each, so both are) and nothing else. */
export function renderBlankPagesPdf(pages: number): Promise<Buffer> {
  const doc = new (loadOnFirstUse<typeof PDFDocument>('pdfkit'))({ size: 'A4', margin: 0, autoFirstPage: false })
  useLetterFonts(doc)
  return pdfBytes(doc, () => {
    for (let i = 0; i < pages; i++) {
      doc.addPage({ size: 'A4', margin: 0 })
      if (i === 0) doc.font(FONT.regular).text('Floor', 40, 40).font(FONT.bold).text('Floor', 40, 60)
    }
  }).then(({ bytes }) => bytes)
}
