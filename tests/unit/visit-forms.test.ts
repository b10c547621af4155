import { describe, expect, it } from 'vitest'
import { builtInClinicTypes } from '../../src/shared/domain/clinic-types'
import {
  visitFormForClinicType,
  visitFormRequirements,
  visitRecordProblems,
  type BpReviewVisit,
  type TimeToTalkVisit,
  type VisitRecord
} from '../../src/shared/domain/visit-forms'

const bpReview = (over: Partial<BpReviewVisit> = {}): BpReviewVisit => ({
  form: 'bp-review',
  readings: [{ systolic: 148, diastolic: 92 }],
  bpDeclined: false,
  adherence: { status: 'taking', reasons: [] },
  medicineChanges: [],
  homeBpMonitoring: 'not-discussed',
  mecc: {},
  ...over
})

const timeToTalk = (over: Partial<TimeToTalkVisit> = {}): TimeToTalkVisit => ({
  form: 'time-to-talk',
  concerns: ['low-mood'],
  phq9: { items: [1, 1, 1, 1, 1, 0, 0, 0, 0] },
  gad7: { total: 6 },
  ons4: { lifeSatisfaction: 5, worthwhile: 6, happiness: 4, anxiety: 7 },
  ucla3: { items: [2, 2, 1] },
  readings: [],
  ...over
})

describe('which form a clinic uses', () => {
  it('uses the Time to Talk form for the Time to Talk type and the BP review for every other built-in type', () => {
    expect(builtInClinicTypes.map((t) => [t.type, visitFormForClinicType(t.type)])).toEqual([
      ['Hypertension review', 'bp-review'],
      ['Pharmacist BP clinic', 'bp-review'],
      ['Time to Talk', 'time-to-talk'],
      ['Follow-up', 'bp-review']
    ])
  })

  it('compares the type without regard to case or spacing, and gives a practice’s own type the BP review', () => {
    expect(visitFormForClinicType('  time to  TALK ')).toBe('time-to-talk')
    expect(visitFormForClinicType('Wellbeing chat')).toBe('bp-review')
  })

  it('says what each form requires', () => {
    expect(visitFormRequirements['bp-review']).toMatchObject({ needsBp: true })
    expect(visitFormRequirements['time-to-talk']).toMatchObject({ needsBp: false })
  })
})

describe('a BP review record', () => {
  it('accepts a complete record', () => {
    expect(visitRecordProblems(bpReview(), 'Hypertension review')).toEqual([])
  })

  it('needs a BP reading unless the patient declined', () => {
    expect(visitRecordProblems(bpReview({ readings: [] }))).toEqual([
      { field: 'readings', message: 'A BP review needs at least one BP reading; record one, or record that the patient declined.' }
    ])
    expect(visitRecordProblems(bpReview({ readings: [], bpDeclined: true }))).toEqual([])
  })

  it('refuses a decline recorded beside readings', () => {
    expect(visitRecordProblems(bpReview({ bpDeclined: true }))[0]?.field).toBe('bpDeclined')
  })

  it('refuses an implausible reading, naming which', () => {
    expect(
      visitRecordProblems(
        bpReview({
          readings: [
            { systolic: 150, diastolic: 90 },
            { systolic: 90, diastolic: 95 }
          ]
        })
      )
    ).toEqual([{ field: 'readings[1]', message: 'BP reading 2: blood pressure 90/95: systolic must be higher than diastolic.' }])
  })

  it('names the field of each adherence, medicine, home monitoring and MECC problem', () => {
    const record = {
      ...bpReview(),
      adherence: { status: 'stopped', reasons: ['other'] },
      medicineChanges: [
        { kind: 'started', drug: 'indapamide' },
        { kind: 'stopped', drug: '' }
      ],
      homeBpMonitoring: 'sometimes',
      mecc: { smoking: 'lectured' }
    } as unknown as VisitRecord
    expect(visitRecordProblems(record).map((p) => p.field)).toEqual(['adherence.otherReason', 'medicineChanges[1].drug', 'homeBpMonitoring', 'mecc.smoking'])
  })

  it('refuses a BP review recorded for a Time to Talk clinic', () => {
    expect(visitRecordProblems(bpReview(), 'Time to Talk')).toEqual([
      { field: 'form', message: 'A Time to Talk clinic uses the Time to Talk review form, but this record is a BP review.' }
    ])
  })
})

describe('a Time to Talk record', () => {
  it('accepts a complete record with no BP', () => {
    expect(visitRecordProblems(timeToTalk(), 'Time to Talk')).toEqual([])
  })

  it('accepts a record with no questionnaire asked', () => {
    expect(visitRecordProblems(timeToTalk({ phq9: null, gad7: null, ons4: null, ucla3: null }))).toEqual([])
  })

  it('names the questionnaire field of each problem', () => {
    const problems = visitRecordProblems(
      timeToTalk({
        phq9: { total: 14 },
        gad7: { items: [0, 0, 0, 0, 0, 0, 0], total: 3 },
        ons4: { lifeSatisfaction: 12, worthwhile: null, happiness: null, anxiety: null },
        ucla3: { items: [4, 1, 1] },
        concerns: ['other'],
        readings: [{ systolic: 400, diastolic: 90 }]
      })
    )
    expect(problems.map((p) => p.field)).toEqual(['otherConcern', 'readings[0]', 'phq9.items[8]', 'gad7.total', 'ons4.lifeSatisfaction', 'ucla3.items[0]'])
    expect(problems.find((p) => p.field === 'phq9.items[8]')?.message).toMatch(/PHQ-9 item 9 .* is not answered/)
  })

  it('names ONS4 itself when none of its questions is answered', () => {
    expect(visitRecordProblems(timeToTalk({ ons4: { lifeSatisfaction: null, worthwhile: null, happiness: null, anxiety: null } }))).toEqual([
      { field: 'ons4', message: 'ONS4: no question is answered; answer at least one, or leave ONS4 out.' }
    ])
  })

  it('refuses a Time to Talk record for a BP clinic, and an unknown form', () => {
    expect(visitRecordProblems(timeToTalk(), 'Pharmacist BP clinic')[0]?.message).toBe(
      'A Pharmacist BP clinic uses the BP review form, but this record is a Time to Talk review.'
    )
    expect(visitRecordProblems({ form: 'diabetes' } as unknown as VisitRecord)).toEqual([
      { field: 'form', message: 'Visit form “diabetes” is not one of: bp-review, time-to-talk.' }
    ])
  })
})
