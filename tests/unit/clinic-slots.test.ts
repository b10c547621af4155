import { describe, expect, it } from 'vitest'
import { clinicEndTime, slotStartTimes } from '../../src/shared/domain/clinic-slots'
import { AppError } from '../../src/shared/result'

describe('clinic slot times', () => {
  it('starts each slot one slot length after the previous one', () => {
    expect(slotStartTimes({ start: '09:00', slotMinutes: 15, slots: 5 })).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00'])
  })

  it('carries minutes past the hour and keeps the leading zero', () => {
    expect(slotStartTimes({ start: '08:50', slotMinutes: 20, slots: 3 })).toEqual(['08:50', '09:10', '09:30'])
  })

  it('allows a session that ends exactly at midnight', () => {
    expect(slotStartTimes({ start: '23:00', slotMinutes: 30, slots: 2 })).toEqual(['23:00', '23:30'])
    expect(clinicEndTime({ start: '23:00', slotMinutes: 30, slots: 2 })).toBe('24:00')
  })

  it('refuses a session that would run past midnight', () => {
    expect(() => slotStartTimes({ start: '23:00', slotMinutes: 30, slots: 3 })).toThrow(/past midnight/)
    try {
      slotStartTimes({ start: '23:50', slotMinutes: 15, slots: 1 })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('invalid_input')
    }
  })

  it('refuses a start that is not a 24-hour HH:MM time', () => {
    expect(() => slotStartTimes({ start: '24:00', slotMinutes: 10, slots: 1 })).toThrow(/start/)
    expect(() => slotStartTimes({ start: '9:00', slotMinutes: 10, slots: 1 })).toThrow(/start/)
  })

  it('refuses zero slots', () => {
    expect(() => slotStartTimes({ start: '09:00', slotMinutes: 10, slots: 0 })).toThrow(/slots/)
  })
})
