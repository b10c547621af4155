// Builds the PatientRecord the domain rules read, for every patient.
//
// Speed (any cohort over 100k patients in under 200 ms, rebuilt live as a parameter
// changes): the stored facts — patients, BP readings, coded events — change only when an import or
// a clinic visit writes them, so they are read once per database into memory (three queries, each
// read as one JSON text a slice of patients at a time, grouped in one pass) and reused by every
// later build until the data changes. Only the
// patients a build can need are read: a cohort whose first criterion needs a coded event (the
// hypertension register needs a HYP event) reads the patients with such an event, any date; a
// later build that needs others reads only those not read yet.
// The cache key is read on every build from cheap MAX() lookups: facts are append-only (new rows get
// higher ids) and every change to a patient row comes with a new import or a newer updated_at. The
// programme state (booked appointments, invitations) changes all day and is small: it is read fresh.
//
// Only what was known on the as-of date is handed to the rules: readings and events dated after it
// are left out (undated register flags are always in), so a cohort as of a past date sees the record
// as it was. `loadPatientRecordAsBuilt` reads one patient's facts as they stood when a snapshot was
// built (stored before it: ids up to the snapshot's bound), to reproduce its explanation on demand.
import type { ReadableDb } from '../db/database-access'
import {
  allCodedEvents,
  allPatients,
  allReadings,
  type FactsScope,
  factsVersion,
  patientIdRange,
  invitationDatesByPatient,
  nextBookedClinicDates,
  noContactPatientIds,
  patientEventsAsBuilt,
  patientReadingsAsBuilt
} from './patient-fact-queries'
import { isBpMeasure } from '../../shared/domain/bp-measures'
import { type ClinicalConcept, isClinicalConcept } from '../../shared/domain/clinical-concepts'
import { type EthnicCategory, isEthnicCategory } from '../../shared/domain/ethnicity'
import type { BpReading, BpSetting, CodedEvent, PatientRecord } from '../../shared/domain/patient-record'

export interface LoadOptions {
  /**
   * Only patients with at least one coded event of these concepts (known by asOf). A cohort whose
   * first criterion needs such an event (the register needs a HYP event) evaluates a fraction of the
   * practice this way; the others could never be eligible.
   */
  withAnyOf?: readonly ClinicalConcept[]
}

/** A patient's stored facts, every date (the as-of filter is applied per build). */
type StoredPatient = Omit<PatientRecord, 'nextBookedAppointmentOn' | 'lastInvitedOn'> & {
  /** The latest dated fact, so a build as of an earlier date knows which records to trim. */
  latestFactDate: string
}

interface FactsCache {
  key: string
  /** Every patient read so far, in id order. */
  patients: StoredPatient[]
  /**
   * Who has been read: everyone, or the candidates of these concepts (patients with a coded event
   * of one of them, any date). A build whose cohort needs a HYP event reads only the register's
   * candidates — in a practice a fraction of the list — and a later build that needs others reads
   * only the patients not read yet.
   */
  read: 'everyone' | Set<string>
  /**
   * The records handed to builds, per as-of date and candidate filter, before programme state: the
   * same objects every time, so the per-record facts the engine remembers (patient-facts.ts: current
   * BP, register, conditions) are reused by the next build — a mode or parameter change rebuilds
   * without working them out again. A few views only (most recent last).
   */
  views: Map<string, RecordView>
  /**
   * Patients whose latest snapshot version (cohort_patient_versions) holds these same details: a
   * build stores a version only for listed patients not in here. Kept with the facts, so any change
   * to a patient row (a new key) or an invalidation starts it again empty.
   */
  versioned: Set<number>
}

interface RecordView {
  records: PatientRecord[]
  indexById: Map<number, number>
}

const MAX_VIEWS = 6

const caches = new WeakMap<ReadableDb, FactsCache>()

/**
 * Forget the in-memory facts (after a write that the cache key cannot see, e.g. a bulk re-mapping
 * without updated_at, or a restore into the open connection: same ids, other data and versions).
 */
export function invalidatePatientRecordCache(db: ReadableDb): void {
  caches.delete(db)
}

/** The cache for the data as it is now (empty when the data changed since it was filled). */
function storedFacts(db: ReadableDb): FactsCache {
  const key = factsVersion(db)
  const cached = caches.get(db)
  if (cached && cached.key === key) return cached
  const fresh: FactsCache = { key, patients: [], read: new Set(), views: new Map(), versioned: new Set() }
  caches.set(db, fresh)
  return fresh
}

/** Patient ids per read: 50,000 patients' readings and events are a few MB of text. */
const PATIENTS_PER_READ = 50_000

/** Reads the facts of the patients a build needs (`concepts`' candidates, or everyone) that are not read yet. */
function readNeeded(db: ReadableDb, cache: FactsCache, concepts: ReadonlySet<string> | null): void {
  const { read } = cache
  if (read === 'everyone') return
  const missing = concepts === null ? null : [...concepts].filter((c) => !read.has(c))
  if (missing !== null && missing.length === 0) return
  const exclude = [...read]
  const { lowest, highest } = patientIdRange(db)
  const added: StoredPatient[] = []
  // A slice of patients at a time, so no one read's text grows with the whole practice's history.
  for (let fromId = lowest; fromId <= highest; fromId += PATIENTS_PER_READ) {
    for (const patient of readFacts(db, { include: missing, exclude, fromId, toId: fromId + PATIENTS_PER_READ - 1 })) added.push(patient)
  }
  if (added.length > 0) {
    // Kept in id order whatever order the reads came in: builds walk the records in that order.
    const firstAdded = added[0] as StoredPatient
    const inOrder = cache.patients.length === 0 || (cache.patients[cache.patients.length - 1] as StoredPatient).patientId < firstAdded.patientId
    cache.patients = cache.patients.concat(added)
    if (!inOrder) cache.patients.sort((a, b) => a.patientId - b.patientId)
  }
  if (missing === null) cache.read = 'everyone'
  else for (const c of missing) read.add(c)
}

/** A stored reading; `measure` only when recorded (absent: the setting's usual kind). */
function readingOf(date: string, systolic: number, diastolic: number, setting: BpSetting, measure: string | null): BpReading {
  const reading: BpReading = { date, systolic, diastolic, setting }
  if (isBpMeasure(measure)) reading.measure = measure
  return reading
}

/** A stored event; the BMI value and how it was matched only when recorded. */
export function eventOf(date: string | null, concept: ClinicalConcept, code: string, term: string, value: number | null, matchedBy: string | null): CodedEvent {
  const event: CodedEvent = { date, concept, code, term }
  if (value !== null) event.value = value
  if (matchedBy === 'code' || matchedBy === 'term' || matchedBy === 'flag') event.matchedBy = matchedBy
  return event
}

function readFacts(db: ReadableDb, scope: FactsScope): StoredPatient[] {
  const rows = allPatients(db, scope)
  const byId = new Map<number, StoredPatient>()
  const patients = rows.map((p): StoredPatient => {
    const category = p[8]
    const patient: StoredPatient = {
      patientId: p[0],
      nhsNumber: p[1],
      title: p[2],
      givenName: p[3],
      familyName: p[4],
      dateOfBirth: p[5],
      sex: p[6],
      ethnicityText: p[7],
      ethnicityCategory: category && isEthnicCategory(category) ? (category as EthnicCategory) : null,
      registrationStatus: p[9],
      imdDecile: p[10],
      readings: [],
      events: [],
      latestFactDate: ''
    }
    byId.set(patient.patientId, patient)
    return patient
  })
  // In storage order, the order the one-patient query in loadPatientRecordAsBuilt uses, so a
  // re-derived explanation lists same-day readings the same way.
  for (const r of allReadings(db, scope)) {
    const patient = byId.get(r[0])
    if (!patient) continue
    patient.readings.push(readingOf(r[1], r[2], r[3], r[4], r[5]))
    if (r[1] > patient.latestFactDate) patient.latestFactDate = r[1]
  }
  for (const e of allCodedEvents(db, scope)) {
    const patient = byId.get(e[0])
    // A concept this build does not know (a newer code library) is skipped rather than guessed.
    if (!patient || !isClinicalConcept(e[2])) continue
    patient.events.push(eventOf(e[1], e[2], e[3], e[4], e[5], e[6]))
    if (e[1] !== null && e[1] > patient.latestFactDate) patient.latestFactDate = e[1]
  }
  return patients
}

/** The patients known to have a current snapshot version, for the facts the next build reads (see FactsCache.versioned). */
export function patientsWithCurrentVersion(db: ReadableDb): Set<number> {
  return storedFacts(db).versioned
}

interface ProgrammeState {
  nextBooked: Map<number, string>
  /** Each patient's invitations sent on or before the as-of date, oldest first, each day once. */
  invited: Map<number, string[]>
  /** Patients whose contact preferences say "no contact permitted" (migration 0008). */
  noContact: Set<number>
}

function programmeState(db: ReadableDb, asOf: string, patientId?: number): ProgrammeState {
  const nextBooked = new Map(nextBookedClinicDates(db, asOf, patientId))
  // Every invitation, not only the latest: "invited recently" looks at each one in its window. The
  // rows come grouped by patient and in date order, so each patient's list is started once.
  const invited = new Map<number, string[]>()
  let dates: string[] = []
  let of = -1
  for (const [id, sentOn] of invitationDatesByPatient(db, asOf, patientId)) {
    if (id !== of) {
      of = id
      dates = [sentOn]
      invited.set(id, dates)
    } else if (dates[dates.length - 1] !== sentOn) dates.push(sentOn)
  }
  const noContact = new Set(noContactPatientIds(db, patientId))
  return { nextBooked, invited, noContact }
}

function knownBy(date: string | null, asOf: string): boolean {
  return date === null || date <= asOf
}

/** The records known by asOf (with the filter), without programme state; built once per cache. */
function recordView(cache: FactsCache, asOf: string, concepts: ReadonlySet<string> | null): RecordView {
  const viewKey = `${asOf}|${concepts ? [...concepts].sort().join(',') : '*'}`
  const known = cache.views.get(viewKey)
  if (known) {
    cache.views.delete(viewKey)
    cache.views.set(viewKey, known)
    return known
  }
  const records: PatientRecord[] = []
  const indexById = new Map<number, number>()
  for (const p of cache.patients) {
    const trim = p.latestFactDate > asOf
    const events = trim ? p.events.filter((e) => knownBy(e.date, asOf)) : p.events
    if (concepts && !events.some((e) => concepts.has(e.concept))) continue
    indexById.set(p.patientId, records.length)
    records.push({
      patientId: p.patientId,
      nhsNumber: p.nhsNumber,
      title: p.title,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      ethnicityText: p.ethnicityText,
      ethnicityCategory: p.ethnicityCategory,
      registrationStatus: p.registrationStatus,
      imdDecile: p.imdDecile,
      readings: trim ? p.readings.filter((r) => r.date <= asOf) : p.readings,
      events,
      nextBookedAppointmentOn: null,
      lastInvitedOn: null
    })
  }
  const view = { records, indexById }
  cache.views.set(viewKey, view)
  if (cache.views.size > MAX_VIEWS) {
    const oldest = cache.views.keys().next().value
    if (oldest !== undefined) cache.views.delete(oldest)
  }
  return view
}

/**
 * Every patient (or every candidate with one of `withAnyOf`) as known on asOf, with today's
 * programme state. Records are shared between builds and must not be changed by callers; the few
 * with programme state (booked, invited, no contact) are fresh copies each build, since that state
 * changes all day.
 */
export function loadPatientRecords(db: ReadableDb, asOf: string, options: LoadOptions = {}): PatientRecord[] {
  const cache = storedFacts(db)
  const concepts = options.withAnyOf ? new Set<string>(options.withAnyOf) : null
  readNeeded(db, cache, concepts)
  const view = recordView(cache, asOf, concepts)
  const { nextBooked, invited, noContact } = programmeState(db, asOf)
  const records = view.records.slice()
  const withState = new Set<number>([...nextBooked.keys(), ...invited.keys(), ...noContact])
  for (const patientId of withState) {
    const index = view.indexById.get(patientId)
    const base = index === undefined ? undefined : records[index]
    if (index === undefined || !base) continue
    const dates = invited.get(patientId)
    records[index] = {
      ...base,
      nextBookedAppointmentOn: nextBooked.get(patientId) ?? null,
      lastInvitedOn: dates?.[dates.length - 1] ?? null,
      ...(dates ? { invitedOn: dates } : {}),
      ...(noContact.has(patientId) ? { noContactPermitted: true } : {})
    }
  }
  return records
}

/** What a snapshot recorded about the patient when it was built (demographics and programme state). */
export interface PatientAsBuilt {
  nhsNumber: string
  dateOfBirth: string | null
  sex: string | null
  ethnicityText: string | null
  ethnicityCategory: EthnicCategory | null
  registrationStatus: string | null
  imdDecile: number | null
  nextBookedAppointmentOn: string | null
  lastInvitedOn: string | null
  noContactPermitted?: boolean
}

/**
 * One patient's record as a snapshot saw it: readings and events dated on or before asOf and
 * stored before the build (facts are append-only, so this is exactly what the build read), with the
 * demographics and programme state the snapshot stored for them.
 */
export function loadPatientRecordAsBuilt(
  db: ReadableDb,
  patientId: number,
  asOf: string,
  seen: { readingId: number; eventId: number },
  asBuilt: PatientAsBuilt,
  names: Pick<PatientRecord, 'title' | 'givenName' | 'familyName'>
): PatientRecord {
  const readings = patientReadingsAsBuilt(db, patientId, asOf, seen.readingId).map((r) => readingOf(r[0], r[1], r[2], r[3], r[4]))
  const events = patientEventsAsBuilt(db, patientId, asOf, seen.eventId).flatMap((e): CodedEvent[] =>
    isClinicalConcept(e.concept) ? [eventOf(e.event_date, e.concept, e.code, e.term, e.value, e.matched_by)] : []
  )
  return { patientId, ...names, ...asBuilt, readings, events }
}
