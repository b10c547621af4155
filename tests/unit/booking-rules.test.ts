import { describe, expect, it } from 'vitest'
import { chooseSlot, outcomeNotYetRecordable, type BookingRequest, type ExistingAppointment } from '../../src/shared/domain/booking-rules'
import { AppError } from '../../src/shared/result'

const base: BookingRequest = {
  clinicId: 10,
  clinicType: 'Pharmacist BP clinic',
  date: '2026-12-01',
  slotTimes: ['09:00', '09:15', '09:30'],
  takenSlots: new Set<number>(),
  patientAppointments: [],
  patientLabel: '999 000 0018'
}

function appointment(over: Partial<ExistingAppointment>): ExistingAppointment {
  return { appointmentId: 1, clinicId: 20, clinicType: 'Hypertension review', date: '2026-12-08', start: '14:00', status: 'booked', ...over }
}

function refusal(request: BookingRequest): AppError {
  try {
    chooseSlot(request)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the booking to be refused')
}

describe('double-booking rules', () => {
  it('gives the first free slot, or the slot asked for when it is free', () => {
    expect(chooseSlot({ ...base, takenSlots: new Set([0]) })).toBe(1)
    expect(chooseSlot({ ...base, slotIndex: 2 })).toBe(2)
  })

  it('refuses a slot already taken, naming its time', () => {
    const error = refusal({ ...base, takenSlots: new Set([1]), slotIndex: 1 })
    expect(error.code).toBe('conflict')
    expect(error.message).toBe('The 09:15 slot of this clinic is already taken')
  })

  it('refuses a full clinic and a slot that does not exist', () => {
    expect(refusal({ ...base, takenSlots: new Set([0, 1, 2]) }).message).toMatch(/is full \(3 slots booked\)/)
    const missing = refusal({ ...base, slotIndex: 3 })
    expect(missing.code).toBe('invalid_input')
    expect(missing.message).toMatch(/slots 0 to 2/)
  })

  it('refuses the same patient twice in one clinic', () => {
    const error = refusal({ ...base, patientAppointments: [appointment({ clinicId: 10, date: base.date, start: '09:30', appointmentId: 7 })] })
    expect(error.message).toBe('999 000 0018 is already booked into this clinic at 09:30 (appointment 7)')
  })

  it('refuses a second appointment the same day in another clinic, even one already attended', () => {
    const error = refusal({ ...base, patientAppointments: [appointment({ date: base.date, status: 'attended' })] })
    expect(error.message).toMatch(/already has an appointment that day: Hypertension review at 14:00/)
  })

  it('refuses a new booking while another is still open on another day: rebook that one instead', () => {
    const error = refusal({ ...base, patientAppointments: [appointment({ date: '2026-12-08' })] })
    expect(error.message).toMatch(/already has an open booking: Hypertension review on 8 Dec 2026 at 14:00 .*Rebook or cancel that one instead/)
  })

  it('allows booking after a cancellation, after a did-not-attend (even the same day), and after an attended visit on another day', () => {
    const history = [
      appointment({ appointmentId: 1, status: 'cancelled', clinicId: 10, date: base.date }),
      appointment({ appointmentId: 2, status: 'did-not-attend', clinicId: 30, date: base.date }),
      appointment({ appointmentId: 3, status: 'attended', date: '2026-10-20' })
    ]
    expect(chooseSlot({ ...base, patientAppointments: history })).toBe(0)
  })

  it('a rebooking does not count the appointment being moved against itself', () => {
    const moving = appointment({ appointmentId: 5, date: '2026-12-08' })
    expect(chooseSlot({ ...base, patientAppointments: [moving], movingAppointmentId: 5 })).toBe(0)
    expect(refusal({ ...base, patientAppointments: [moving], movingAppointmentId: 6 }).code).toBe('conflict')
  })
})

describe('recording a visit outcome', () => {
  it('is allowed on the clinic day and after, refused before it with a message naming the clinic and both dates', () => {
    const clinic = { type: 'Pharmacist BP clinic', date: '2026-12-01' }
    expect(outcomeNotYetRecordable(clinic, '2026-12-01')).toBeNull()
    expect(outcomeNotYetRecordable(clinic, '2026-12-05')).toBeNull()
    expect(outcomeNotYetRecordable(clinic, '2026-11-30')).toBe(
      'The Pharmacist BP clinic on 1 December 2026 has not happened yet (today is 30 November 2026): record the visit or a did-not-attend on or after the clinic day'
    )
  })
})
