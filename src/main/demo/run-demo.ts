// `clinic-recall demo`: a synthetic practice run through the whole workflow with the real services:
// export → import → cohort → letters → clinic → visit → follow-up clinic → audit. The files it
// writes (export CSV, letters PDF, audit workbook) are left in the output folder to open and read.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
// One file per function: the package's index loads all of date-fns (iso-date.ts).
import { addDays } from 'date-fns/addDays'
import { addWeeks } from 'date-fns/addWeeks'
import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'
import type { OperationName } from '../../shared/operation-names'
import type { OperationInput, OperationOutput } from '../../shared/contract'
import { AppError } from '../../shared/result'
import type { ServiceContext } from '../context'
import { todayIso } from '../context'
import { dispatch } from '../dispatch'
import { createServices } from '../services'
import { importFiles } from '../import/import-service'
import { copyDocumentsInto, copyDocumentTo } from '../files/copy-documents-out'
import { assertSafeOutputFolder, assertSafeOutputPath } from '../files/output-path-guard'
import { writeFileAtomically } from '../files/write-file-atomically'
import { generateSyntheticEmisExport } from './synthetic-export'
import { seededRandom } from './seeded-random'

export interface DemoReport {
  outDir: string
  databasePath: string
  exportFile: string
  importId: number | null
  cohortId: number
  members: number
  lettersPdf: string | null
  letters: number
  clinicId: number
  followUpClinicId: number
  attended: number
  didNotAttend: number
  followedUp: number
  auditWorkbook: string
  bpOutcome: OperationOutput<'audit.summary'>['bpOutcome']
  funnel: OperationOutput<'audit.summary'>['funnel']
  lines: string[]
}

export async function runDemo(ctx: ServiceContext, options: { outDir: string; patients: number; seed?: number }): Promise<DemoReport> {
  const services = createServices(ctx)
  async function call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const result = await dispatch(services, name, input)
    if (!result.ok) throw new AppError(result.error.code, `demo step ${name} failed: ${result.error.message}`)
    return result.value as OperationOutput<K>
  }
  const random = seededRandom(options.seed ?? 20261122).next
  const iso = (d: Date) => format(d, 'yyyy-MM-dd')
  // The output folder is checked before the demo writes anything: with --db it shares a folder with
  // a real database, which no demo file may replace.
  assertSafeOutputFolder(ctx, options.outDir, '--out')
  mkdirSync(options.outDir, { recursive: true })

  // Timeline, ending today: the search ran 9 weeks ago, letters went the next day, the first clinic
  // was a fortnight later, and the follow-up clinic six weeks after that (last week).
  const today = parseISO(todayIso(ctx))
  const exportDate = addWeeks(today, -9)
  const letterDate = addDays(exportDate, 1)
  const clinicDate = addDays(exportDate, 14)
  const followUpDate = addWeeks(clinicDate, 6)

  await call('session.setUser', { name: 'Demo Pharmacist', role: 'clinician' })
  await call('settings.update', {
    practiceName: 'Riverside Medical Practice (demo)',
    addressLines: ['1 Riverside Road', 'Lambeth', 'London'],
    phone: '020 7946 0000',
    email: 'riverside.practice@nhs.net',
    website: 'www.riverside-practice.nhs.uk',
    bookingInstructions:
      'Please call us on 020 7946 0000 between 10am and 4pm, Monday to Friday, and ask for a blood pressure review with the practice pharmacist.',
    signatory: 'Practice Pharmacist, on behalf of the Riverside Medical Practice team',
    clinicLocation: 'Riverside Medical Practice, 1 Riverside Road'
  })

  const generated = generateSyntheticEmisExport({ patients: options.patients, seed: options.seed ?? 20261122, asOf: iso(exportDate) })
  const exportFile = assertSafeOutputPath(ctx, join(options.outDir, generated.fileName), '--out')
  writeFileAtomically(exportFile, generated.csv)
  const imported = importFiles(ctx, [{ name: generated.fileName, bytes: Buffer.from(generated.csv, 'utf8') }], 'auto')

  const cohort = await call('cohorts.build', { definition: 'uncontrolled-hypertension', asOf: iso(exportDate), mode: 'qof' })

  const batch = await call('invitations.createBatch', { cohortId: cohort.cohortId, attempt: 1, date: iso(letterDate) })
  const copies = copyDocumentsInto(ctx, batch.files, options.outDir, '--out')
  const lettersIndex = batch.files.findIndex((file) => file.kind === 'letters-pdf')
  const lettersPdf = lettersIndex === -1 ? null : (copies[lettersIndex] ?? null)

  // Book the invited patients (most urgent first) into the first clinic; P1s were phoned, so book them too.
  const toBook = [...cohort.members].sort((a, b) => (a.priority ?? 'P9').localeCompare(b.priority ?? 'P9')).slice(0, 24)
  const clinic = await call('clinics.create', {
    type: 'Hypertension review (pharmacist)',
    date: iso(clinicDate),
    start: '09:00',
    slots: Math.max(toBook.length, 1),
    slotMinutes: 15,
    clinician: 'Demo Pharmacist',
    location: 'Room 3'
  })
  const followUpClinic = await call('clinics.create', {
    type: 'Hypertension follow-up (pharmacist)',
    date: iso(followUpDate),
    start: '09:00',
    slots: Math.max(toBook.length, 1),
    slotMinutes: 15,
    clinician: 'Demo Pharmacist',
    location: 'Room 3'
  })

  let attended = 0
  let didNotAttend = 0
  let followedUp = 0
  for (const member of toBook) {
    const booking = await call('appointments.book', { clinicId: clinic.clinicId, nhsNumber: member.nhsNumber })
    if (random() < 0.15) {
      await call('appointments.markDidNotAttend', { appointmentId: booking.appointmentId })
      didNotAttend++
      continue
    }
    const base = member.bp ?? { systolic: 150, diastolic: 92 }
    const first = { systolic: base.systolic + Math.round(random() * 8), diastolic: base.diastolic + Math.round(random() * 4) }
    const second = { systolic: base.systolic - Math.round(random() * 6), diastolic: base.diastolic - Math.round(random() * 4) }
    await call('appointments.attend', {
      appointmentId: booking.appointmentId,
      readings: [first, second],
      actions: random() < 0.6 ? ['medication-change', 'home-bp-monitoring'] : ['lifestyle-advice'],
      note: 'Demo visit: discussed readings, medicines and home monitoring.'
    })
    attended++

    if (random() < 0.1) continue // not yet seen again: shows on the follow-ups list as overdue
    const followBooking = await call('appointments.book', { clinicId: followUpClinic.clinicId, nhsNumber: member.nhsNumber })
    // Roughly the seed programme's shape: most fall, a few unchanged, a good number rise.
    const change = Math.round((random() - 0.62) * 30)
    const systolic = Math.min(Math.max(Math.min(first.systolic, second.systolic) + change, 95), 230)
    const diastolic = Math.min(Math.max(Math.min(first.diastolic, second.diastolic) + Math.round(change / 2), 55), Math.min(130, systolic - 20))
    await call('appointments.attend', {
      appointmentId: followBooking.appointmentId,
      readings: [{ systolic, diastolic }],
      actions: [],
      note: 'Demo follow-up visit.'
    })
    followedUp++
  }

  const audit = await call('audit.summary', {})
  const workbookFile = await call('audit.exportWorkbook', { pseudonymised: false })
  const auditWorkbook = copyDocumentTo(ctx, workbookFile.fileId, join(options.outDir, workbookFile.name), '--out')

  const o = audit.bpOutcome
  const f = audit.funnel
  const lines = [
    `Demo practice written to ${options.outDir}`,
    `  export:   ${exportFile} (${imported.rowsRead} rows; ${imported.patientsAdded} patients; ${imported.rejected.length} rows rejected with reasons)`,
    `  cohort ${cohort.cohortId}: ${cohort.members.length} patients with uncontrolled hypertension as of ${cohort.asOf} (${cohort.excluded.length} excluded, each with a reason)`,
    `  letters:  ${lettersPdf ?? '(none)'} (${batch.letters} letters; ${batch.notInvited.length} not sent a letter, with reasons)`,
    `  clinics ${clinic.clinicId} and ${followUpClinic.clinicId}: ${attended} attended, ${didNotAttend} did not attend, ${followedUp} followed up`,
    `  audit:    ${auditWorkbook}`,
    `  BP outcome: ${o.patients} patients — reduced ${o.reduced} (${o.reducedPercent}%), no change ${o.unchanged} (${o.unchangedPercent}%), increased ${o.increased} (${o.increasedPercent}%)`,
    `  funnel: eligible ${f.eligible} → invited ${f.invited} → booked ${f.booked} → attended ${f.attended} → followed up ${f.followedUp}`,
    `  database: ${ctx.databasePath}`
  ]
  return {
    outDir: options.outDir,
    databasePath: ctx.databasePath,
    exportFile,
    importId: imported.importId,
    cohortId: cohort.cohortId,
    members: cohort.members.length,
    lettersPdf,
    letters: batch.letters,
    clinicId: clinic.clinicId,
    followUpClinicId: followUpClinic.clinicId,
    attended,
    didNotAttend,
    followedUp,
    auditWorkbook,
    bpOutcome: o,
    funnel: f,
    lines
  }
}
