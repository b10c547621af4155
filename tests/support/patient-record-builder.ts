// A PatientRecord for domain tests: a registered adult with nothing recorded, plus what a test adds.
import type { BpReading, CodedEvent, PatientRecord } from '../../src/shared/domain/patient-record'

let nextId = 1

export function patientRecord(overrides: Partial<PatientRecord> = {}): PatientRecord {
  const id = nextId++
  return {
    patientId: id,
    nhsNumber: String(9000000000 + id),
    title: null,
    givenName: 'Test',
    familyName: `PATIENT${id}`,
    dateOfBirth: '1960-06-15',
    sex: 'F',
    ethnicityText: null,
    ethnicityCategory: null,
    registrationStatus: 'Regular',
    imdDecile: null,
    readings: [],
    events: [],
    nextBookedAppointmentOn: null,
    lastInvitedOn: null,
    ...overrides
  }
}

export function clinic(date: string, systolic: number, diastolic: number): BpReading {
  return { date, systolic, diastolic, setting: 'clinic' }
}

export function home(date: string, systolic: number, diastolic: number): BpReading {
  return { date, systolic, diastolic, setting: 'home' }
}

export function event(concept: CodedEvent['concept'], date: string | null, code = '', term = ''): CodedEvent {
  return { date, concept, code, term }
}
