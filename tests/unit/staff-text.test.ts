// What staff read: NHS-style dates, local times, thousands separators, activity actions and cohort
// parameters in words, and sources that name their clinical authority rather than a document section.
import { describe, expect, it } from 'vitest'
import { parameterLabel, parameterValueText } from '../../src/shared/domain/cohort-parameter-words'
import { cohortRules } from '../../src/shared/domain/cohort-rules'
import { registerName } from '../../src/shared/domain/qof-registers'
import { describeActivityAction } from '../../src/shared/format/activity-actions'
import { formatCount, formatDateText, formatMegabytes, formatLocalDate, formatLocalDateTime, formatTimestampText } from '../../src/shared/format/staff-text'

describe('dates and times in running text', () => {
  it('writes an ISO date the NHS way, without a leading zero', () => {
    expect(formatDateText('2026-12-02')).toBe('2 Dec 2026')
    expect(formatDateText('2026-01-31')).toBe('31 Jan 2026')
    expect(formatDateText('2026-12-02T14:05:00Z')).toBe('2 Dec 2026')
  })
  it('leaves text that is not an ISO date as it came', () => {
    expect(formatDateText('today')).toBe('today')
    expect(formatDateText('2026-13-01')).toBe('2026-13-01')
  })
  it('gives a moment in local time, never UTC', () => {
    const at = new Date(2026, 11, 2, 14, 5)
    expect(formatLocalDateTime(at)).toBe('2 Dec 2026 14:05')
    expect(formatLocalDate(at)).toBe('2 Dec 2026')
    expect(formatTimestampText(at.toISOString())).toBe('2 Dec 2026 14:05')
  })
  it('reads a stored timestamp without a zone as written', () => {
    expect(formatTimestampText('2026-11-22 09:05:00')).toBe('22 Nov 2026 09:05')
    expect(formatTimestampText('2026-11-22')).toBe('22 Nov 2026')
  })
})

describe('counts', () => {
  it('separates thousands from 1,000 and leaves smaller counts alone', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1000)).toBe('1,000')
    expect(formatCount(40123)).toBe('40,123')
    expect(formatCount(1234567)).toBe('1,234,567')
  })

  it('gives a file size in whole megabytes, rounded, with thousands separated', () => {
    expect(formatMegabytes(500 * 1024 * 1024)).toBe('500 MB')
    expect(formatMegabytes(1.4 * 1024 * 1024)).toBe('1 MB')
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe('2 MB')
    expect(formatMegabytes(3 * 1024 * 1024 * 1024)).toBe('3,072 MB')
  })
})

describe('activity actions in words', () => {
  it('names the actions staff see most', () => {
    expect(describeActivityAction('appointments.markDidNotAttend')).toBe('Marked did not attend')
    expect(describeActivityAction('cohorts.build')).toBe('Built a cohort')
    expect(describeActivityAction('invitations.createBatch')).toBe('Sent an invitation batch')
  })
  it('words an action it does not know without the operation name', () => {
    expect(describeActivityAction('clinics.moveSession')).toBe('Move session (clinics)')
    expect(describeActivityAction('clinics.moveSession')).not.toContain('.')
  })
})

describe('cohort parameters in words', () => {
  it('says the mixed-categories switch as a question with yes or no', () => {
    expect(parameterLabel('includeMixedBlackCategories')).toBe('Include Mixed White and Black African/Caribbean categories')
    expect(parameterValueText('includeMixedBlackCategories', false)).toBe('no')
    expect(parameterValueText('includeMixedBlackCategories', true)).toBe('yes')
  })
  it('gives windows with their unit and switched-off exclusions by name', () => {
    expect(parameterValueText('invitedWithinDays', 28)).toBe('28 days')
    expect(parameterValueText('lookbackMonths', 12)).toBe('12 months')
    expect(parameterValueText('disabledExclusions', [])).toBe('none')
    expect(parameterValueText('disabledExclusions', ['exclude.palliative-care'])).toBe('On the palliative care register')
  })
  it('splits a key it does not know into words', () => {
    expect(parameterLabel('someNewKnob')).toBe('Some new knob')
    expect(parameterValueText('someNewKnob', undefined)).toBe('not set')
  })
})

describe('register codes and rule sources', () => {
  it('names registers in words', () => {
    expect(registerName('HYP')).toBe('Hypertension')
    expect(registerName('DM')).toBe('Diabetes')
    expect(registerName('XYZ')).toBe('XYZ')
  })
  it('every rule names a clinical or practice source, never a document section', () => {
    for (const rule of Object.values(cohortRules)) {
      expect(rule.source).not.toMatch(/spec|§|issue #/i)
      expect(rule.source).toMatch(/QOF|NICE|NHS|Practice setting|Registration status|Clinic Recall bookings|Patient preference/)
    }
  })
})

describe('every action the app logs has words', () => {
  it('finds each logActivity action name in src/main in the list', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { describedActivityActions } = await import('../../src/shared/format/activity-actions')
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []))
    const logged = new Set<string>()
    for (const file of walk(join(__dirname, '../../src/main'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/logActivity\(\s*ctx,\s*[\w.]+,\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) logged.add(m[1] as string)
    }
    expect(logged.size).toBeGreaterThan(20)
    expect([...logged].filter((a) => !describedActivityActions.includes(a))).toEqual([])
  })
})

describe('roles in the activity log', () => {
  it('reads each stored role id as the start screen names it, and keeps an unknown one as stored', async () => {
    const { describeActivityRole } = await import('../../src/shared/format/activity-actions')
    expect(describeActivityRole('manager')).toBe('Practice manager')
    expect(describeActivityRole('clinician')).toBe('Clinician')
    expect(describeActivityRole('admin')).toBe('Admin / reception')
    expect(describeActivityRole('toString')).toBe('toString')
  })
})
