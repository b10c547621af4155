// What an export's report header says about it: when the clinical system ran it ("Run Date", "Last
// Run" and SystmOne's captions all read as the run date) and which report and search it is (their
// names or titles, so two searches with the same columns are two reports).
import { describe, expect, it } from 'vitest'
import { reportTitleOf, runDateOfLine } from '../../src/main/import/map/report-identity'

describe('the run date from a report-header line', () => {
  it('reads EMIS "Run Date" and "Last Run", with or without the colon and a time', () => {
    expect(runDateOfLine('Run Date: 12-Nov-2026')).toBe('2026-11-12')
    expect(runDateOfLine('Last Run: 14-Mar-2025')).toBe('2025-03-14')
    expect(runDateOfLine('Last Run 14/03/2025 10:37')).toBe('2025-03-14')
    expect(runDateOfLine('Last Run Date: 14/03/2025')).toBe('2025-03-14')
    expect(runDateOfLine('LAST RUN: 2025-03-14')).toBe('2025-03-14')
    expect(runDateOfLine('Run Date and Time: 14 Mar 2025 10:37')).toBe('2025-03-14')
  })

  it("reads SystmOne's captions", () => {
    expect(runDateOfLine('Date run: 14/03/2025')).toBe('2025-03-14')
    expect(runDateOfLine('Date and time run: 14/03/2025 10:37:12')).toBe('2025-03-14')
    expect(runDateOfLine('Report run on: 14 Mar 2025')).toBe('2025-03-14')
    expect(runDateOfLine('Run on Friday, 14th March 2025 at 10:37')).toBe('2025-03-14')
    expect(runDateOfLine('Date of run: 14/03/2025')).toBe('2025-03-14')
    expect(runDateOfLine('Extract date: 14-Mar-2025')).toBe('2025-03-14')
    expect(runDateOfLine('Extracted on: 14/03/2025')).toBe('2025-03-14')
  })

  it('is null for lines that are not a run date, or a date it cannot read', () => {
    expect(runDateOfLine('Run Time: 09:14')).toBeNull()
    expect(runDateOfLine('Run By: RECEPTION, Test (Mrs)')).toBeNull()
    expect(runDateOfLine('Last Run By: RECEPTION, Test (Mrs)')).toBeNull()
    expect(runDateOfLine('Report Name: Last run list')).toBeNull()
    expect(runDateOfLine('Run Date: 01/01/2025 - 31/12/2025')).toBeNull()
    expect(runDateOfLine('Run Date: 31/02/2025')).toBeNull()
  })
})

describe('the report and search the header names', () => {
  it('takes the report name or title and the search name or title', () => {
    expect(reportTitleOf(['Report Name: BP recall list', 'Report Description: Patients', 'Search Name: Hypertension register', 'Run Date: 12-Nov-2026'])).toBe(
      'report: bp recall list; search: hypertension register'
    )
    expect(reportTitleOf(['Report Title:  Hypertension  BP list '])).toBe('report: hypertension bp list')
    expect(reportTitleOf(['Title: Hypertension BP list', 'Search: Housebound'])).toBe('report: hypertension bp list; search: housebound')
  })

  it('is empty when the header names neither (an export saved without its header)', () => {
    expect(reportTitleOf([])).toBe('')
    expect(reportTitleOf(['Report Description: Patients with a BP', 'Run Date: 12-Nov-2026', 'Search criteria: HYP_COD'])).toBe('')
  })
})
