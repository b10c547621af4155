// Who in a cohort gets this invitation, and the one reason given for anyone who does not. The
// order matters: the batch sheet shows the reason that staff must act on first.
import { describe, expect, it } from 'vitest'
import { reasonNotInvited, SEVERE_NOT_A_LETTER_REASON, type MemberInvitationFacts } from '../../src/main/invitations/invitation-eligibility'
import { NO_CONTACT_REASON } from '../../src/shared/domain/contact-channel'

const invitable: MemberInvitationFacts = {
  priority: 'P3',
  severe: false,
  upcomingAppointmentOn: null,
  attendedSinceCohortOn: null,
  sameAttemptSentOn: null,
  previousInvitation: null
}

describe('reason a cohort member is not invited', () => {
  it('invites a member with nothing against it, and a 2nd invitation once 14 days (or the chosen wait) have passed', () => {
    expect(reasonNotInvited(invitable, 1, '2026-11-01')).toBeNull()
    const after = { ...invitable, previousInvitation: { attempt: 1, sentOn: '2026-11-01' } }
    expect(reasonNotInvited(after, 2, '2026-11-15')).toBeNull()
    expect(reasonNotInvited(after, 2, '2026-11-14')).toBe(
      'Invitation 1 was sent on 1 November 2026; invitation 2 can go from 15 November 2026 (at least 14 days later)'
    )
    expect(reasonNotInvited(after, 2, '2026-11-21', 21)).toMatch(/can go from 22 November 2026/)
    expect(reasonNotInvited(invitable, 2, '2026-11-15')).toMatch(/send invitation 1 before invitation 2/)
  })

  it('never posts a routine letter for a severe reading (NICE NG136 1.5.1), even to someone who asked not to be contacted', () => {
    expect(reasonNotInvited({ ...invitable, priority: 'P1', severe: true, noContactPermitted: true }, 1, '2026-11-01')).toBe(SEVERE_NOT_A_LETTER_REASON)
  })

  it('says "no contact permitted" before any reason that passes with time', () => {
    const both = { ...invitable, noContactPermitted: true, previousInvitation: { attempt: 1, sentOn: '2026-11-01' }, upcomingAppointmentOn: '2026-11-20' }
    expect(reasonNotInvited(both, 2, '2026-11-05')).toBe(NO_CONTACT_REASON)
  })

  it('does not invite someone already booked, already seen, or sent this invitation already', () => {
    expect(reasonNotInvited({ ...invitable, upcomingAppointmentOn: '2026-11-20' }, 1, '2026-11-01')).toBe('Already booked into a clinic on 20 November 2026')
    expect(reasonNotInvited({ ...invitable, attendedSinceCohortOn: '2026-10-30' }, 1, '2026-11-01')).toBe('Already seen in clinic on 30 October 2026')
    expect(reasonNotInvited({ ...invitable, sameAttemptSentOn: '2026-10-31' }, 1, '2026-11-01')).toMatch(/already sent on 31 October 2026/)
  })
})
