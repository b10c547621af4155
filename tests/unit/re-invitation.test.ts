import { describe, expect, test } from 'vitest'
import { reInvitation, type ReInvitationFacts } from '../../src/shared/domain/re-invitation'

const snapshot = { cohortId: 7, name: 'Uncontrolled hypertension', asOf: '2026-10-01', priority: 'P3', severe: false }
const facts = (over: Partial<ReInvitationFacts> = {}): ReInvitationFacts => ({
  snapshot,
  sentFromSnapshot: [],
  noContact: false,
  noLongerRegistered: false,
  upcomingBookingOn: null,
  attendedSinceSnapshotOn: null,
  today: '2026-11-22',
  ...over
})

describe('what re-inviting one patient means', () => {
  test('never invited from their latest snapshot: invitation 1 from it, now', () => {
    const next = reInvitation(facts())
    expect(next).toMatchObject({ cohortId: 7, attempt: 1, from: '2026-11-22' })
    expect(next.explanation).toMatch(/^The next invitation is invitation 1 from “Uncontrolled hypertension” \(as of 1 October 2026\)\. It can go now\./)
    expect(next.explanation).toMatch(/Invitations go out in batches/)
  })

  test('invited once 5 days ago: invitation 2, from 14 days after the first', () => {
    const next = reInvitation(facts({ sentFromSnapshot: [{ attempt: 1, sentOn: '2026-11-17' }] }))
    expect(next).toMatchObject({ cohortId: 7, attempt: 2, from: '2026-12-01' })
    expect(next.explanation).toMatch(/It can go from 1 December 2026, 14 days after invitation 1 \(17 November 2026\)/)
  })

  test('invited twice long ago: invitation 3 may go now', () => {
    const sent = [
      { attempt: 2, sentOn: '2026-10-20' },
      { attempt: 1, sentOn: '2026-10-05' }
    ]
    expect(reInvitation(facts({ sentFromSnapshot: sent }))).toMatchObject({ attempt: 3, from: '2026-11-22' })
  })

  test('all three sent: no further routine invitation, and says so', () => {
    const sent = [1, 2, 3].map((attempt) => ({ attempt, sentOn: `2026-10-0${attempt}` }))
    const next = reInvitation(facts({ sentFromSnapshot: sent }))
    expect(next).toMatchObject({ cohortId: 7, attempt: null, from: null })
    expect(next.explanation).toMatch(/All 3 invitations .* were sent, the last on 3 October 2026/)
  })

  test.each<[string, Partial<ReInvitationFacts>, RegExp, number | null]>([
    ['no longer registered', { noLongerRegistered: true }, /died or left the practice/, null],
    ['no contact permitted', { noContact: true }, /No contact permitted is recorded/, null],
    ['in no cohort', { snapshot: null }, /Not a member of any saved cohort/, null],
    ['a severe reading', { snapshot: { ...snapshot, severe: true } }, /phone the patient for a review within 7 days/, 7],
    ['already booked', { upcomingBookingOn: '2026-12-03' }, /Already booked into a clinic on 3 December 2026/, 7],
    ['seen since the snapshot', { attendedSinceSnapshotOn: '2026-10-20' }, /Already seen in clinic on 20 October 2026/, 7]
  ])('%s: no invitation, with the reason', (_, over, says, cohortId) => {
    const next = reInvitation(facts(over))
    expect(next.attempt).toBeNull()
    expect(next.cohortId).toBe(cohortId)
    expect(next.explanation).toMatch(says)
  })
})
