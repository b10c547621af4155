import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ALL_INVITATION_CODES,
  invitationCode,
  nextAttemptFrom,
  nextAttemptTooSoon,
  unansweredPair,
  type SentInvitation
} from '../../src/shared/domain/invitation-attempts'

const letter = (attempt: number, sentOn: string): SentInvitation => ({ attempt, channel: 'letter', sentOn })

describe('attempt timing', () => {
  it('offers the next attempt 14 days after the previous by default, or after the chosen wait', () => {
    expect(nextAttemptFrom('2026-11-01')).toBe('2026-11-15')
    expect(nextAttemptFrom('2026-12-25', 7)).toBe('2027-01-01')
    expect(nextAttemptTooSoon({ attempt: 1, sentOn: '2026-11-01' }, 2, '2026-11-15')).toBeNull()
    expect(nextAttemptTooSoon({ attempt: 1, sentOn: '2026-11-01' }, 2, '2026-11-14')).toBe(
      'Invitation 1 was sent on 1 November 2026; invitation 2 can go from 15 November 2026 (at least 14 days later)'
    )
  })
  it('counts two invitations as unanswered only when the second is at least 7 days after the first (QOF)', () => {
    expect(unansweredPair([letter(1, '2026-11-01'), letter(2, '2026-11-07')], null)).toBeNull()
    expect(unansweredPair([letter(2, '2026-11-08'), letter(1, '2026-11-01')], null)).toEqual([letter(1, '2026-11-01'), letter(2, '2026-11-08')])
    expect(unansweredPair([letter(1, '2026-11-01')], null)).toBeNull()
  })
  it('does not count invitations answered by a booking made after the first', () => {
    const two = [letter(1, '2026-11-01'), letter(2, '2026-11-15')]
    expect(unansweredPair(two, '2026-11-03')).toBeNull()
    expect(unansweredPair(two, '2026-10-01')).not.toBeNull()
  })
})

describe('invitation codes (HYPINVITE_COD)', () => {
  it('gives the first/second/third letter and SMS codes and the telephone invite', () => {
    expect(invitationCode('letter', 1).code).toBe('185719002')
    expect(invitationCode('letter', 2).code).toBe('185720008')
    expect(invitationCode('letter', 3).code).toBe('185721007')
    expect(invitationCode('sms', 1).code).toBe('1066951000000101')
    expect(invitationCode('sms', 2).code).toBe('1066961000000103')
    expect(invitationCode('phone', 2).code).toBe('185723005')
  })
  it('uses only codes, with their terms, from the shipped HYPINVITE_COD refset', () => {
    const csv = readFileSync(join(__dirname, '../../resources/codelists/nhsd-primary-care-domain-refsets-hypinvite_cod.csv'), 'utf8')
    const refset = new Map(
      csv
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => [l.split(',')[0], l.split(',').slice(1).join(',')])
    )
    for (const c of ALL_INVITATION_CODES) expect(refset.get(c.code)).toBe(c.term)
  })
})
