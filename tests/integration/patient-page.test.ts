// One patient's page on a real SQLite file, built by the real services: import, cohort build, an
// invitation, a clinic visit with its follow-up, a referral and contact preferences, then
// `patients.show` (through dispatch, so the page is checked against the contract). The reasons the
// page cuts out of each snapshot are checked against the snapshot's own full decoding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getCohort } from '../../src/main/cohorts/cohort-snapshots'
import { dispatch } from '../../src/main/dispatch'
import { importFiles } from '../../src/main/import/import-service'
import { listLocalServices } from '../../src/main/local-services/local-services'
import { patientIdOfNhsNumber } from '../../src/main/patients/patient-queries'
import { snapshotPatientOf } from '../../src/main/patients/snapshot-patient-excerpt'
import { createServices } from '../../src/main/services'
import type { OperationInput, OperationOutput } from '../../src/shared/contract'
import type { OperationName } from '../../src/shared/operation-names'
import type { Result } from '../../src/shared/result'
import { fileOf } from '../support/export-text'
import { searchPatients, searchPracticeExport } from '../support/patient-search-practice'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let cohortId = 0
const zoe = searchPatients.zoe.nhsNumber
const sean = searchPatients.sean.nhsNumber

async function call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
  const result = (await dispatch(createServices(ctx), name, input)) as Result<OperationOutput<K>>
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  return result.value
}

/** An invitation as a batch records it (batches have tests of their own; here only what the page reads back matters). */
function recordInvitation(nhsNumber: string, attempt: number, sentOn: string, channel: 'letter' | 'sms') {
  const patientId = patientIdOfNhsNumber(ctx.db, nhsNumber)
  const batch = ctx.db
    .prepare(
      `INSERT INTO invitation_batches (cohort_id, attempt, created_on, created_by, template_id, template_version) VALUES (?, ?, ?, 'Test', 'hypertension-review', 1)`
    )
    .run(cohortId, attempt, sentOn).lastInsertRowid
  ctx.db
    .prepare(
      `INSERT INTO invitations (batch_id, cohort_id, patient_id, attempt, channel, sent_on, template_id, template_version, created_by)
       VALUES (?, ?, ?, ?, ?, ?, 'hypertension-review', 1, 'Test')`
    )
    .run(batch, cohortId, patientId, attempt, channel, sentOn)
}

beforeAll(async () => {
  ctx = createTestContext()
  importFiles(ctx, [fileOf('search-practice.csv', searchPracticeExport('2026-10-01'))], 'auto')
  cohortId = (await call('cohorts.build', { definition: 'uncontrolled-hypertension', asOf: '2026-11-01', mode: 'qof' })).cohortId
  recordInvitation(zoe, 1, '2026-11-05', 'sms')
  recordInvitation(sean, 1, '2026-11-15', 'letter')
  const today = (await call('clinics.create', { type: 'Hypertension review', date: '2026-11-22', start: '09:00', slots: 4, slotMinutes: 15 })).clinicId
  const booked = await call('appointments.book', { clinicId: today, nhsNumber: zoe })
  await call('appointments.attend', {
    appointmentId: booked.appointmentId,
    readings: [
      { systolic: 148, diastolic: 92 },
      { systolic: 144, diastolic: 94 }
    ]
  })
  const later = (await call('clinics.create', { type: 'Hypertension review', date: '2026-12-10', start: '10:00', slots: 4, slotMinutes: 15 })).clinicId
  await call('appointments.book', { clinicId: later, nhsNumber: zoe })
  const service = listLocalServices(ctx).find((s) => s.active && s.selfReferral)
  if (!service) throw new Error('expected a shipped local service that takes self-referrals')
  await call('referrals.create', { nhsNumber: zoe, serviceId: service.serviceId, kind: 'self-referral', appointmentId: booked.appointmentId })
  await call('contacts.setPreferences', { nhsNumber: zoe, smsDeclined: true, largePrint: true, preferredChannel: 'letter' })
})
afterAll(() => ctx.cleanup())

describe("a patient's page", () => {
  it('shows the demographics as imported, the contact preferences recorded here and the registers the cohorts decide', async () => {
    const page = await call('patients.show', { nhsNumber: '943 476 5919' })
    expect(page.asOf).toBe('2026-11-22')
    expect(page.patient).toMatchObject({
      nhsNumber: zoe,
      name: 'Zoë GARCÍA',
      dateOfBirth: '1960-12-02',
      age: 65,
      postcode: 'SW1A 1AA',
      addressLines: ['1 High Street', 'London'],
      registrationStatus: 'Regular',
      noLongerRegistered: false
    })
    expect(page.contact).toMatchObject({ nhsNumber: zoe, smsDeclined: true, largePrint: true, preferredChannel: 'letter', noContact: false })
    expect(page.registers.map((r) => r.name)).toEqual(['Hypertension'])
    expect(page.registers[0]?.since).toBe('2020-01-12')
  })

  it('records who opened the page, and whose it was, in the activity log', async () => {
    const before = (await call('activity.list', {})).entries.filter((e) => e.action === 'patients.show').length
    await call('patients.show', { nhsNumber: zoe })
    const opened = (await call('activity.list', {})).entries.filter((e) => e.action === 'patients.show')
    expect(opened).toHaveLength(before + 1)
    expect(opened[0]?.summary).toBe('Opened the patient page of Zoë GARCÍA (NHS 943 476 5919)')
    expect(opened[0]?.user).toBe(ctx.currentUser()?.name)
  })

  it('records nothing for a patient who is not there', async () => {
    const before = (await call('activity.list', {})).entries.length
    const result = await dispatch(createServices(ctx), 'patients.show', { nhsNumber: '999 000 0018' })
    expect(result.ok).toBe(false)
    expect((await call('activity.list', {})).entries.length).toBe(before)
  })

  it('lists every BP reading oldest first, those from the visit marked with it', async () => {
    const page = await call('patients.show', { nhsNumber: zoe })
    expect(page.readings.map((r) => [r.date, `${r.systolic}/${r.diastolic}`, r.source])).toEqual([
      ['2025-10-06', '148/88', 'import'],
      ['2026-04-04', '162/99', 'import'],
      ['2026-10-01', '156/96', 'import'],
      ['2026-11-22', '148/92', 'visit'],
      ['2026-11-22', '144/94', 'visit']
    ])
  })

  it('lists the snapshot that listed her, with the status, priority, BP and the reasons the build gave', async () => {
    const page = await call('patients.show', { nhsNumber: zoe })
    expect(page.snapshots).toHaveLength(1)
    const [snapshot] = page.snapshots
    const built = getCohort(ctx, cohortId).members.find((m) => m.nhsNumber === zoe)
    expect(snapshot).toMatchObject({ cohortId, status: 'member', rule: null, bp: { systolic: 156, diastolic: 96, date: '2026-10-01', setting: 'clinic' } })
    expect(snapshot?.priority).toBe(built?.priority)
    expect(snapshot?.reasons.length).toBeGreaterThan(0)
    expect(snapshot?.reasons).toEqual(built?.reasons)
    expect(snapshot?.programme).toBeTruthy()
  })

  it('lists the invitation, the appointments (the visit and the next booking), the visit with its BP, the follow-up and the referral', async () => {
    const page = await call('patients.show', { nhsNumber: zoe })
    expect(page.invitations.map((i) => [i.attempt, i.channel, i.sentOn, i.cohortId])).toEqual([[1, 'sms', '2026-11-05', cohortId]])
    expect(page.appointments.map((a) => [a.date, a.start, a.status])).toEqual([
      ['2026-12-10', '10:00', 'booked'],
      ['2026-11-22', '09:00', 'attended']
    ])
    expect(page.visits).toHaveLength(1)
    expect(page.visits[0]).toMatchObject({ date: '2026-11-22', clinicType: 'Hypertension review', bp: { systolic: 144, diastolic: 92 } })
    expect(page.visits[0]?.record.formLabel).toBeTruthy()
    expect(page.followUps).toHaveLength(1)
    expect(page.followUps[0]?.appointmentId).toBe(page.visits[0]?.appointmentId)
    expect(page.referrals.map((r) => [r.kind, r.appointmentId])).toEqual([['self-referral', page.visits[0]?.appointmentId]])
  })

  it('says what re-inviting means: booked already, so none is needed; invited once and not booked, invitation 2 from 14 days on', async () => {
    const booked = await call('patients.show', { nhsNumber: zoe })
    expect(booked.reInvitation).toMatchObject({ cohortId, attempt: null })
    expect(booked.reInvitation.explanation).toMatch(/^Already booked into a clinic on 10 December 2026/)
    const invitedOnce = await call('patients.show', { nhsNumber: sean })
    expect(invitedOnce.reInvitation).toMatchObject({ cohortId, attempt: 2, from: '2026-11-29' })
    expect(invitedOnce.reInvitation.cohortName).toBe(booked.snapshots[0]?.name)
    expect(invitedOnce.reInvitation.explanation).toMatch(/It can go from 29 November 2026/)
  })

  it('a patient in no snapshot, with nothing recorded, has a page of empty lists and says so about re-inviting', async () => {
    const page = await call('patients.show', { nhsNumber: searchPatients.anna.nhsNumber })
    // Anna has died: the cohort leaves her out, so no snapshot lists her as a member.
    expect(page.patient.noLongerRegistered).toBe(true)
    expect(page.snapshots.every((s) => s.status === 'excluded')).toBe(true)
    expect(page.invitations).toEqual([])
    expect(page.appointments).toEqual([])
    expect(page.reInvitation).toMatchObject({ cohortId: null, attempt: null })
    expect(page.reInvitation.explanation).toMatch(/died or left the practice/)
  })
})

describe('reading one patient of a stored snapshot', () => {
  it('gives, for every listed patient, exactly what reading the whole snapshot gives', () => {
    const snapshot = getCohort(ctx, cohortId)
    const listed = [...snapshot.members, ...snapshot.excluded]
    expect(listed.length).toBeGreaterThan(50)
    for (const entry of listed) {
      const cut = snapshotPatientOf(ctx.db, cohortId, entry.patientId)
      expect(cut?.reasons, entry.nhsNumber).toEqual(entry.reasons)
      expect(cut?.bpRule, entry.nhsNumber).toEqual(entry.bpRule)
      expect(cut?.name, entry.nhsNumber).toEqual(entry.name)
    }
  })
})
