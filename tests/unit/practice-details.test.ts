// The practice details an invitation needs: placeholders and blanks are found field by field, and the
// refusal names each one, where to fill it (Settings) and the command-line option that does.
import { describe, expect, it } from 'vitest'
import {
  defaultPracticeSettings,
  holdsPlaceholder,
  practiceDetailsBlockMessage,
  practiceDetailsProblems,
  type PracticeSettings
} from '../../src/shared/domain/practice-settings'

const filled: PracticeSettings = {
  practiceName: 'Riverside Medical Practice',
  addressLines: ['1 River Road', 'London'],
  phone: '020 7946 0000',
  email: '',
  website: '',
  bookingInstructions: 'Please call us to book.',
  signatory: 'Practice Pharmacist',
  clinicLocation: ''
}

describe('practiceDetailsProblems', () => {
  it('lists every placeholder of a fresh database, in the order Settings shows them', () => {
    expect(practiceDetailsProblems(defaultPracticeSettings).map((p) => `${p.field}:${p.problem}`)).toEqual([
      'practiceName:placeholder',
      'addressLines:placeholder',
      'phone:placeholder',
      'bookingInstructions:placeholder',
      'signatory:placeholder'
    ])
  })

  it('finds nothing when the practice has filled them in; email, website and clinic location may stay blank', () => {
    expect(practiceDetailsProblems(filled)).toEqual([])
  })

  it('a blank or spaces-only field, or no address line, is missing', () => {
    const problems = practiceDetailsProblems({ ...filled, phone: '  ', addressLines: ['', ' '] })
    expect(problems.map((p) => `${p.field}:${p.problem}`)).toEqual(['addressLines:missing', 'phone:missing'])
  })

  it('one address line still holding the placeholder is enough to block', () => {
    const problems = practiceDetailsProblems({ ...filled, addressLines: ['1 River Road', defaultPracticeSettings.addressLines[0] ?? ''] })
    expect(problems.map((p) => p.field)).toEqual(['addressLines'])
  })
})

describe('practiceDetailsBlockMessage', () => {
  it('is one line naming each field, where to fill it and the command that does', () => {
    const message = practiceDetailsBlockMessage(practiceDetailsProblems({ ...filled, practiceName: defaultPracticeSettings.practiceName, signatory: '' }))
    expect(message).toBe(
      'Invitations cannot be made until the practice details are filled in: Practice name still says "set in Settings"; Letters signed by is blank. ' +
        'Fill them in Settings → Practice details, or with `clinic-recall settings set --practice-name … --signatory …`.'
    )
    expect(message).not.toContain('\n')
  })
})

describe('holdsPlaceholder', () => {
  it('finds the placeholder mark anywhere in a text', () => {
    expect(holdsPlaceholder(`Call ${defaultPracticeSettings.phone}`)).toBe(true)
    expect(holdsPlaceholder('Call 020 7946 0000')).toBe(false)
  })
})
