import { describe, expect, it } from 'vitest'
import {
  buildInvitationLetter,
  formatUkLongDate,
  HYPERTENSION_REVIEW_TEMPLATE_ID,
  HYPERTENSION_REVIEW_TEMPLATE_VERSION,
  letterGreeting,
  letterPlainText,
  nameCase,
  recipientAddressBlock,
  type LetterPatient
} from '../../src/shared/domain/letter-content'
import { defaultPracticeSettings, isPlaceholderPractice, type PracticeSettings } from '../../src/shared/domain/practice-settings'

const practice: PracticeSettings = {
  practiceName: 'Riverside Medical Practice',
  addressLines: ['1 Riverside Road', 'London'],
  phone: '020 7946 0000',
  email: 'riverside.practice@nhs.net',
  website: 'www.riverside-practice.nhs.uk',
  bookingInstructions: 'Please call us on 020 7946 0000 between 10am and 4pm and ask for a blood pressure review.',
  signatory: 'Adaeze Okafor, Practice Pharmacist',
  clinicLocation: 'Riverside Medical Practice, 1 Riverside Road'
}

const patient: LetterPatient = {
  nhsNumber: '9434765919',
  title: 'Mrs',
  givenName: 'Jane',
  familyName: 'Smith',
  addressLines: ['Flat 3', '12 Brixton Road', 'London'],
  postcode: 'sw9 7ab'
}

const letter = (attempt: 1 | 2 | 3, p: LetterPatient = patient) => buildInvitationLetter({ practice, patient: p, attempt, date: '2026-11-22' })

describe('invitation letter content', () => {
  it('shows the NHS number in the 3-3-4 form near the top', () => {
    expect(letter(1).nhsNumberLine).toBe('NHS number: 943 476 5919')
    const text = letterPlainText(letter(1))
    expect(text.indexOf('NHS number: 943 476 5919')).toBeLessThan(text.indexOf('Why this matters'))
  })

  it('dates the letter in the UK long form', () => {
    expect(letter(1).dateText).toBe('22 November 2026')
    expect(formatUkLongDate('2026-03-05')).toBe('5 March 2026')
  })

  it('greets formally with title and family name, else full name, never "Hi"', () => {
    expect(letter(1).greeting).toBe('Dear Mrs Smith')
    expect(letterGreeting({ title: null, givenName: 'Jane', familyName: 'Smith' })).toBe('Dear Jane Smith')
    expect(letterGreeting({ title: 'MR', givenName: 'KWAME', familyName: 'MENSAH' })).toBe('Dear Mr Mensah')
    expect(letterGreeting({ title: null, givenName: null, familyName: null })).toBe('Dear Patient')
  })

  it('puts names exported in capitals into name case but keeps mixed-case names as recorded', () => {
    expect(nameCase("O'BRIEN-SMITH")).toBe("O'Brien-Smith")
    expect(nameCase('McDonald')).toBe('McDonald')
    expect(nameCase('de Souza')).toBe('de Souza')
  })

  it('addresses the envelope window with name, address lines and the postcode in capitals', () => {
    expect(recipientAddressBlock(patient)).toEqual(['Mrs Jane Smith', 'Flat 3', '12 Brixton Road', 'London', 'SW9 7AB'])
    expect(recipientAddressBlock({ ...patient, addressLines: ['', '  '], postcode: null })).toEqual(['Mrs Jane Smith'])
  })

  it('says why (a raised reading), what (a short appointment with the pharmacist or nurse) and how to book, in one boxed call to action', () => {
    const l = letter(1)
    const text = letterPlainText(l)
    expect(text).toContain('higher than we would like')
    expect(text).toContain('practice pharmacist or practice nurse')
    const booking = l.sections.filter((s) => s.emphasis)
    expect(booking).toHaveLength(1)
    expect(booking[0]?.paragraphs).toEqual([practice.bookingInstructions])
    expect(l.title).toBe('Please book a blood pressure review')
  })

  it('tells the patient how to get large print, another language or an interpreter', () => {
    const text = letterPlainText(letter(1))
    expect(text).toMatch(/large print/)
    expect(text).toMatch(/another language/)
    expect(text).toMatch(/interpreter/)
    expect(text).toContain('020 7946 0000')
  })

  it('says "We wrote to you recently" on the second invitation only', () => {
    expect(letterPlainText(letter(1))).not.toContain('We wrote to you recently')
    expect(letterPlainText(letter(2))).toContain('We wrote to you recently')
    expect(letter(2).title).toMatch(/^Reminder/)
    expect(letterPlainText(letter(3))).toContain('last reminder')
  })

  it('signs off with the signatory and the practice name, and records the template id and version', () => {
    const l = letter(1)
    expect(l.signOff).toEqual({ closing: 'Yours sincerely', signatory: 'Adaeze Okafor, Practice Pharmacist', practiceName: 'Riverside Medical Practice' })
    expect(l.templateId).toBe(HYPERTENSION_REVIEW_TEMPLATE_ID)
    expect(l.templateVersion).toBe(HYPERTENSION_REVIEW_TEMPLATE_VERSION)
  })

  it('marks the default practice settings as placeholders to be changed', () => {
    expect(isPlaceholderPractice(defaultPracticeSettings)).toBe(true)
    expect(isPlaceholderPractice(practice)).toBe(false)
    expect(defaultPracticeSettings.practiceName).toContain('set in Settings')
  })
})
