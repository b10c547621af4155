// Migration 0017: snapshot members as columns. Each snapshot's JSON document of listed patients is
// converted into shared patient versions and codes on the entry rows; an old snapshot must show
// exactly what it showed before (names, ages, ethnicity, reasons, BP rule) and still re-derive its
// "why" from the patient as built, in every format the document had.
import { afterEach, describe, expect, it } from 'vitest'
import { explainCohortEntry } from '../../../src/main/cohorts/cohort-explanation'
import { getCohort } from '../../../src/main/cohorts/cohort-snapshots'
import { openDatabase } from '../../../src/main/db/connection'
import { asWritable } from '../../../src/main/db/database-access'
import { schemaVersion } from '../../../src/main/db/migrations'
import { loadPatientRecords } from '../../../src/main/patients/patient-records'
import { cohortDefinitions } from '../../../src/shared/domain/cohort-definitions'
import { evaluateCohort, evaluateCohortForSnapshot } from '../../../src/shared/domain/cohort-engine'
import { cohortSeeder } from '../../support/cohort-seeder'
import { legacySnapshotDocument } from '../../support/legacy-snapshot-document'
import { applyMigration, databaseAtVersion, type DatabaseAtVersion } from '../../support/migrate-to'
import { columnsOf } from '../../support/schema-inspection'
import { contextOver } from '../../support/test-context'

let old: DatabaseAtVersion | undefined
afterEach(() => {
  old?.cleanup()
  old = undefined
})

const AS_OF = '2026-11-01'
const definition = cohortDefinitions.find((d) => d.id === 'uncontrolled-hypertension')!

/** A version-16 database with a varied register and snapshots stored the way each earlier build stored them. */
function practiceAtVersion16() {
  const at16 = databaseAtVersion(16)
  const seed = cohortSeeder(() => at16.db)
  const ids: number[] = []
  const people = [
    { nhs: '9434765919', given: 'Grace', family: 'ADEYEMI', dob: '1958-02-10', ethnicity: 'N', bp: [158, 96] },
    { nhs: '9111231114', given: 'Ivy', family: 'OKAFOR', dob: '1961-07-04', bp: [185, 112] },
    { nhs: '9111231122', given: 'Sam', family: 'PATEL', dob: '1990-01-20', ethnicity: 'H', bp: [150, 92] },
    { nhs: '9111231130', given: 'Tom', family: 'REED', dob: '1949-12-01', bp: [162, 101] },
    { nhs: '9111231149', given: 'Ann', family: 'LEE', dob: '1970-03-03', bp: [148, 91] }
  ]
  for (const p of people) {
    const id = seed.addPatient(p.nhs, { given: p.given, family: p.family, dob: p.dob, ...(p.ethnicity ? { ethnicity: p.ethnicity } : {}) })
    seed.addEvent(id, '2015-01-01', 'HYP', '38341003', 'Hypertensive disorder')
    seed.addReading(id, '2026-10-01', p.bp[0]!, p.bp[1]!)
    ids.push(id)
  }
  seed.addEvent(ids[1]!, '2026-06-01', 'BPDEC', '', 'BP declined')
  seed.addEvent(ids[2]!, '2024-01-01', 'DM', '', 'Diabetes')
  seed.bookIntoClinic(ids[3]!, '2026-11-20')

  // The evaluation a build made, and the snapshot it stored (values format, the one before 0017).
  const run = evaluateCohortForSnapshot(definition, loadPatientRecords(asWritable(at16.db), AS_OF, { withAnyOf: definition.candidatesHaveAnyOf ?? [] }), {
    asOf: AS_OF,
    mode: 'qof'
  })
  const listings = [...run.members, ...run.excluded]
  const facts = at16.db.prepare('SELECT (SELECT MAX(id) FROM bp_readings) AS r, (SELECT MAX(id) FROM coded_events) AS e').get() as { r: number; e: number }
  const cohort = at16.db.prepare(
    `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, parameters_json, built_at, built_by, member_count, excluded_count,
                          not_eligible_count, exclusion_counts_json, facts_reading_id, facts_event_id)
     VALUES ('uncontrolled-hypertension', ?, ?, ?, 'qof', ?, '2026-11-01T09:30:00Z', 'Priya Shah', ?, ?, 0, '[]', ?, ?)`
  )
  const entry = at16.db.prepare(
    `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, rule, severe, bp_json, reasons_json, explanation_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'null', 'null')`
  )
  const document = at16.db.prepare('INSERT INTO cohort_snapshot_patients (cohort_id, patients_json) VALUES (?, ?)')
  const store = (patientsJson: (listed: typeof listings) => string) => {
    const id = Number(
      cohort.run(definition.version, definition.name, AS_OF, JSON.stringify(run.parameters), run.members.length, run.excluded.length, facts.r, facts.e)
        .lastInsertRowid
    )
    for (const { entry: e } of listings) {
      entry.run(
        id,
        e.patientId,
        run.members.some((m) => m.entry === e) ? 'member' : 'excluded',
        e.priority,
        e.rule,
        e.severe ? 1 : 0,
        e.bp ? JSON.stringify(e.bp) : null
      )
    }
    document.run(id, patientsJson(listings))
    return id
  }
  const valuesFormat = store(legacySnapshotDocument)
  // Before reason codes: each sentence once in `strings`, referred to by index.
  const stringsFormat = store((listed) => {
    const strings: string[] = []
    const ref = (text: string) => (strings.includes(text) ? strings.indexOf(text) : strings.push(text) - 1)
    const patients = listed.map(({ entry: e, patient: p }) => [
      e.patientId,
      e.nhsNumber,
      e.name,
      e.age,
      e.sex,
      e.ethnicity,
      ref(e.bpRule),
      e.reasons.map(ref),
      p.dateOfBirth,
      p.ethnicityText,
      p.ethnicityCategory,
      p.registrationStatus,
      p.imdDecile,
      p.nextBookedAppointmentOn,
      p.lastInvitedOn
    ])
    return JSON.stringify({ strings, patients })
  })
  // The first compact format: a bare array of tuples with the sentences themselves.
  const bareFormat = store((listed) =>
    JSON.stringify(
      listed.map(({ entry: e, patient: p }) => [
        e.patientId,
        e.nhsNumber,
        e.name,
        e.age,
        e.sex,
        e.ethnicity,
        e.bpRule,
        e.reasons,
        p.dateOfBirth,
        p.ethnicityText,
        p.ethnicityCategory,
        p.registrationStatus,
        p.imdDecile,
        p.nextBookedAppointmentOn,
        p.lastInvitedOn
      ])
    )
  )
  // Three more builds in the values format where the first listed patient's name differs in the
  // middle one only (a correction made and then undone between builds).
  const renamedInMiddle = [
    store(legacySnapshotDocument),
    store((listed) => legacySnapshotDocument(listed.map((l, i) => (i === 0 ? { ...l, entry: { ...l.entry, name: 'Renamed PERSON' } } : l)))),
    store(legacySnapshotDocument)
  ]
  return { at16, run, ids, snapshots: [valuesFormat, stringsFormat, bareFormat], renamedInMiddle }
}

describe('migration 0017 (snapshot member columns)', () => {
  it('converts every stored document into versions and entry codes and drops the documents', () => {
    const practice = practiceAtVersion16()
    old = practice.at16
    const { db } = old
    const listed = practice.run.members.length + practice.run.excluded.length
    // The population covers members with different priorities, an exclusion and a booked patient.
    expect(practice.run.members.length).toBeGreaterThanOrEqual(3)
    expect(practice.run.excluded.length).toBeGreaterThanOrEqual(1)
    const entriesBefore = db.prepare('SELECT cohort_id, patient_id, status, priority, rule, severe, bp_json FROM cohort_entries ORDER BY rowid').all()

    applyMigration(db, 17)

    expect(schemaVersion(db)).toBe(17)
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'cohort_snapshot_patients'").pluck().get()).toBe(0)
    expect(db.prepare('SELECT cohort_id, patient_id, status, priority, rule, severe, bp_json FROM cohort_entries ORDER BY rowid').all()).toEqual(entriesBefore)
    // Snapshots that list a patient with the same details as the one before share its version: one per
    // patient, plus the renamed patient's change and change back.
    expect(db.prepare('SELECT COUNT(*) FROM cohort_patient_versions').pluck().get()).toBe(listed + 2)
    expect(db.prepare('SELECT COUNT(*) FROM cohort_entries WHERE reason_codes IS NULL OR bp_rule_code IS NULL').pluck().get()).toBe(0)
    expect(db.prepare('SELECT patient_version_bound FROM cohorts ORDER BY id').pluck().all()).toEqual([1, 2, 3, 4, 5, 6].map((n) => listed * n))
    expect(columnsOf(db, 'cohort_patient_versions').map((c) => c.name)).toContain('listed_name')
  })

  it('a name that differed in one old snapshot only reads back as each snapshot stored it', () => {
    const practice = practiceAtVersion16()
    old = practice.at16
    applyMigration(old.db, 17)
    const service = contextOver(asWritable(old.db), { databasePath: old.path, folder: old.folder })
    const renamed = [...practice.run.members, ...practice.run.excluded][0]!.entry
    const names = practice.renamedInMiddle.map((cohortId) => {
      const snapshot = getCohort(service, cohortId)
      return [...snapshot.members, ...snapshot.excluded].find((e) => e.patientId === renamed.patientId)?.name
    })
    expect(names).toEqual([renamed.name, 'Renamed PERSON', renamed.name])
  })

  it('an old snapshot shows the same names, reasons and BP rule after the patient changed, and re-derives the same "why", in every format', () => {
    const practice = practiceAtVersion16()
    old = practice.at16
    applyMigration(old.db, 17)
    old.db.close()
    const db = openDatabase(old.path)
    try {
      const service = contextOver(db, { databasePath: old.path, folder: old.folder })
      // The record changed after the builds: the snapshots still show the patient as built.
      db.prepare("UPDATE patients SET family_name = 'SMITH', date_of_birth = '2001-01-01', updated_at = '2026-11-10T09:00:00Z' WHERE id = ?").run(
        practice.ids[0]
      )
      const built = {
        members: practice.run.members.map((m) => m.entry),
        excluded: practice.run.excluded.map((m) => m.entry)
      }
      const explanation = evaluateCohort(definition, loadPatientRecords(db, AS_OF), { asOf: AS_OF, mode: 'qof' })
      for (const cohortId of practice.snapshots) {
        const snapshot = getCohort(service, cohortId)
        expect(snapshot.members).toEqual(built.members)
        expect(snapshot.excluded).toEqual(built.excluded)
        expect(snapshot.members.find((m) => m.patientId === practice.ids[0])).toMatchObject({ name: 'Grace ADEYEMI', ethnicity: expect.any(String) })
        for (const entry of [...built.members, ...built.excluded]) {
          const why = explainCohortEntry(service, cohortId, entry.patientId)
          expect(why.basis).toMatch(/^Re-derived with definition/)
          expect(why.basis).not.toMatch(/differs/)
          expect(why.entry.reasons).toEqual(entry.reasons)
          // Grace's "why" uses the date of birth the build saw, not the corrected one.
          if (entry.patientId !== practice.ids[0]) {
            const now = [...explanation.members, ...explanation.excluded].find((e) => e.patientId === entry.patientId)
            expect(why.entry.explanation).toEqual(now?.explanation)
          } else expect(why.entry.age).toBe(entry.age)
        }
      }
    } finally {
      db.close()
    }
  })
})
