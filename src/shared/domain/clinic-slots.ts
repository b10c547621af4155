// When each appointment slot of a clinic session starts (a session is a start time, a slot
// length and a number of slots). Times are HH:MM on the clinic's own day.
import { AppError } from '../result'

const MINUTES_PER_DAY = 24 * 60

export interface ClinicTimes {
  /** HH:MM, 24-hour clock. */
  start: string
  slotMinutes: number
  slots: number
}

function minutesOfDay(clock: string, field: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock)
  const hours = Number(match?.[1])
  const minutes = Number(match?.[2])
  if (!match || hours > 23 || minutes > 59) {
    throw new AppError('invalid_input', `${field}: "${clock}" is not a time as HH:MM (00:00–23:59)`, { field })
  }
  return hours * 60 + minutes
}

function clockTime(minutesSinceMidnight: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(minutesSinceMidnight / 60))}:${pad(minutesSinceMidnight % 60)}`
}

/**
 * The start time of every slot, in slot order. A session must end by midnight: a slot that runs into
 * the next day would be booked on the wrong date, so it is refused rather than wrapped round.
 */
export function slotStartTimes(times: ClinicTimes): string[] {
  const first = minutesOfDay(times.start, 'start')
  if (!Number.isInteger(times.slots) || times.slots < 1) {
    throw new AppError('invalid_input', `slots: a clinic needs at least one slot (got ${times.slots})`, { field: 'slots' })
  }
  if (!Number.isInteger(times.slotMinutes) || times.slotMinutes < 1) {
    throw new AppError('invalid_input', `slotMinutes: a slot must last at least one minute (got ${times.slotMinutes})`, {
      field: 'slotMinutes'
    })
  }
  const end = first + times.slots * times.slotMinutes
  if (end > MINUTES_PER_DAY) {
    throw new AppError(
      'invalid_input',
      `A clinic starting at ${times.start} with ${times.slots} slots of ${times.slotMinutes} minutes would run past midnight; start earlier or use fewer or shorter slots`,
      { field: 'slots' }
    )
  }
  return Array.from({ length: times.slots }, (_, i) => clockTime(first + i * times.slotMinutes))
}

/** When the session ends (HH:MM; "24:00" for a session that ends exactly at midnight). */
export function clinicEndTime(times: ClinicTimes): string {
  slotStartTimes(times)
  return clockTime(minutesOfDay(times.start, 'start') + times.slots * times.slotMinutes)
}
