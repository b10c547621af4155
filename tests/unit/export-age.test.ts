// The as-of date hint's rule: the newest export's run date is offered when it is more than a
// calendar month before today.
import { describe, expect, it } from 'vitest'
import { isExportOutOfDate, outOfDateExportRunDate } from '../../src/shared/domain/export-age'

describe('isExportOutOfDate', () => {
  it('is false up to a month to the day, true from the day before', () => {
    expect(isExportOutOfDate('2026-11-03', '2026-12-03')).toBe(false)
    expect(isExportOutOfDate('2026-11-02', '2026-12-03')).toBe(true)
    expect(isExportOutOfDate('2026-12-03', '2026-12-03')).toBe(false)
  })
  it('follows the calendar at month ends and leap days', () => {
    // A month before 31 March is 28 February (no 31 February).
    expect(isExportOutOfDate('2025-02-28', '2025-03-31')).toBe(false)
    expect(isExportOutOfDate('2025-02-27', '2025-03-31')).toBe(true)
    expect(isExportOutOfDate('2024-02-29', '2024-03-29')).toBe(false)
    expect(isExportOutOfDate('2024-02-28', '2024-03-29')).toBe(true)
  })
  it('never calls an export run after today out of date', () => {
    expect(isExportOutOfDate('2027-01-10', '2026-12-03')).toBe(false)
  })
})

describe('outOfDateExportRunDate', () => {
  it('offers the newest run date when even that is more than a month old', () => {
    expect(outOfDateExportRunDate(['2025-01-10', '2025-03-14', null], '2026-12-03')).toBe('2025-03-14')
  })
  it('offers nothing when a recent export exists, or no export states a run date', () => {
    expect(outOfDateExportRunDate(['2025-03-14', '2026-11-20'], '2026-12-03')).toBeNull()
    expect(outOfDateExportRunDate([null, null], '2026-12-03')).toBeNull()
    expect(outOfDateExportRunDate([], '2026-12-03')).toBeNull()
  })
})
