import { describe, expect, it } from 'vitest'
import type { ExistingAppointment } from '../../src/shared/domain/booking-rules'
import { undoDidNotAttendRefusal } from '../../src/shared/domain/did-not-attend-undo'

function appointment(over: Partial<ExistingAppointment>): ExistingAppointment {
  return { appointmentId: 1, clinicId: 10, clinicType: 'Pharmacist BP clinic', date: '2026-12-02', start: '14:00', status: 'did-not-attend', ...over }
}

const missed = appointment({})
const ask = (others: ExistingAppointment[], self = missed) =>
  undoDidNotAttendRefusal({ appointment: self, patientAppointments: [self, ...others], patientLabel: 'Tom BROWN (999 000 1006)' })

describe('undoing a did-not-attend', () => {
  it('is allowed when nothing else stands in the way: earlier visits and cancelled bookings do not', () => {
    expect(ask([])).toBeNull()
    expect(ask([appointment({ appointmentId: 2, date: '2026-10-01', status: 'attended' })])).toBeNull()
    expect(ask([appointment({ appointmentId: 3, date: '2026-12-09', status: 'cancelled' })])).toBeNull()
  })

  it.each([
    ['booked', 'still booked: there is no did-not-attend to undo'],
    ['attended', 'recorded as attended: only a did-not-attend can be undone'],
    ['cancelled', 'cancelled: only a did-not-attend can be undone']
  ] as const)('refuses an appointment that is %s', (status, words) => {
    expect(ask([], appointment({ status }))).toBe(`Appointment 1 is ${words}`)
  })

  it('refuses while the patient holds an open booking, on any day, naming it', () => {
    expect(ask([appointment({ appointmentId: 4, clinicType: 'Follow-up', date: '2026-12-09', start: '10:00', status: 'booked' })])).toBe(
      'Tom BROWN (999 000 1006) has been booked again since: Follow-up on 9 December 2026 at 10:00 (appointment 4). Undoing the did-not-attend would leave two open bookings: cancel that booking first if this one is to stand'
    )
  })

  it('refuses when a later appointment of the same day or after was recorded: the later record stands', () => {
    expect(ask([appointment({ appointmentId: 5, date: '2026-12-02', start: '16:00', status: 'attended' })])).toMatch(
      /^Tom BROWN \(999 000 1006\) was seen on or after this clinic day: Pharmacist BP clinic on 2 December 2026 at 16:00 \(appointment 5\)/
    )
    expect(ask([appointment({ appointmentId: 6, date: '2026-12-05', status: 'did-not-attend' })])).toMatch(/has another appointment recorded on or after/)
  })
})
