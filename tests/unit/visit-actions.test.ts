import { describe, expect, it } from 'vitest'
import { visitActionsOfRecord } from '../../src/shared/domain/visit-actions'
import type { BpReviewVisit } from '../../src/shared/domain/visit-forms'

const review = (over: Partial<BpReviewVisit> = {}): BpReviewVisit => ({
  form: 'bp-review',
  readings: [{ systolic: 150, diastolic: 90 }],
  bpDeclined: false,
  adherence: null,
  medicineChanges: [],
  homeBpMonitoring: 'not-discussed',
  mecc: {},
  ...over
})

describe('the old action ticks of a record', () => {
  it('ticks what the record holds', () => {
    expect(
      visitActionsOfRecord(
        review({ medicineChanges: [{ kind: 'started', drug: 'ramipril' }], mecc: { alcohol: 'given' }, homeBpMonitoring: 'already-monitoring' }),
        1
      )
    ).toEqual(['medication-change', 'lifestyle-advice', 'home-bp-monitoring', 'referral'])
  })

  it('does not tick advice declined, monitoring declined, or a Time to Talk review with no referral', () => {
    expect(visitActionsOfRecord(review({ mecc: { smoking: 'declined', alcohol: 'not-discussed' }, homeBpMonitoring: 'declined' }), 0)).toEqual([])
    expect(visitActionsOfRecord({ form: 'time-to-talk', concerns: [], phq9: null, gad7: null, ons4: null, ucla3: null, readings: [] }, 0)).toEqual([])
  })
})
