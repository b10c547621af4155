import { describe, expect, it } from 'vitest'
import { neutraliseCell, csvText } from '../../src/main/documents/csv-text'
import { buildInvitationLetter, letterPlainText } from '../../src/shared/domain/letter-content'
import { BUILT_IN_TEMPLATES, defaultTemplateKey, fillMergeFields, parseTemplateBody, templateProblems } from '../../src/shared/domain/letter-templates'
import { defaultPracticeSettings } from '../../src/shared/domain/practice-settings'
import { plainSmsText, smsLength, smsProblems } from '../../src/shared/domain/sms-message'

const practice = {
  ...defaultPracticeSettings,
  practiceName: 'Riverside Medical Practice',
  phone: '020 7946 0000',
  bookingInstructions: 'Call 020 7946 0000.',
  signatory: 'A Pharmacist'
}
const patient = { nhsNumber: '9434765919', title: 'Mrs', givenName: 'Jane', familyName: 'Smith', addressLines: ['1 Road'], postcode: 'SW9 7AB' }

describe('built-in templates', () => {
  it.each(Object.values(BUILT_IN_TEMPLATES))('$name is valid, has one boxed call to action, and its SMS fits one message', (t) => {
    expect(templateProblems(t)).toEqual([])
    const letter = buildInvitationLetter({ practice, patient, attempt: 1, date: '2026-11-22', template: t })
    expect(letter.sections.filter((s) => s.emphasis)).toHaveLength(1)
    const text = letterPlainText(letter)
    expect(text).not.toMatch(/[{}]/)
    expect(text).toMatch(/large print/)
    expect(text).toContain('Dear Mrs Smith')
    const sms = fillMergeFields(t.smsText, { practiceName: 'Riverside Medical Practice', practicePhone: '020 7946 0000' })
    expect(smsProblems(sms, t.smsText)).toEqual([])
  })
  it("picks the cohort's own template for the 1st invitation and the reminder after", () => {
    expect(defaultTemplateKey('uncontrolled-hypertension', 1)).toBe('hypertension-review')
    expect(defaultTemplateKey('hypertension-black-african-caribbean', 1)).toBe('pharmacist-bp-clinic')
    expect(defaultTemplateKey('time-to-talk', 1)).toBe('time-to-talk')
    expect(defaultTemplateKey('time-to-talk', 2)).toBe('second-invitation')
  })
})

describe('template text', () => {
  it('reads headings, the boxed call to action and paragraphs', () => {
    expect(parseTemplateBody('Hello\n\n## Why\nBecause\nit matters\n\n!! Book\nCall us\n\nBye')).toEqual([
      { heading: null, paragraphs: ['Hello'], emphasis: false },
      { heading: 'Why', paragraphs: ['Because it matters'], emphasis: false },
      { heading: 'Book', paragraphs: ['Call us'], emphasis: true },
      { heading: null, paragraphs: ['Bye'], emphasis: false }
    ])
  })
  it('names unknown fields, personal data in SMS and a missing call to action', () => {
    expect(templateProblems({ title: 'Hi {firstname}', body: 'Text', smsText: 'Dear {firstName}' })).toEqual([
      'Title: unknown merge field {firstname}',
      'SMS text: {firstName} is personal data and cannot go in an SMS (Accurx adds the name)',
      'Letter text: mark the call to action with a line starting "!!" (e.g. "!! How to book")'
    ])
  })
})

describe('SMS text', () => {
  it('counts extension characters twice and drops to 70 for characters outside GSM', () => {
    expect(smsLength('abc')).toEqual({ length: 3, limit: 160, nonGsm: [] })
    expect(smsLength('a[b]')).toEqual({ length: 6, limit: 160, nonGsm: [] })
    expect(smsLength('it’s')).toEqual({ length: 4, limit: 70, nonGsm: ['’'] })
  })
  it('replaces curly quotes and dashes with their plain forms so the text stays in the GSM alphabet', () => {
    const text = plainSmsText('Call St John’s Surgery – “BP clinic”…')
    expect(text).toBe('Call St John\'s Surgery - "BP clinic"...')
    expect(smsLength(text).limit).toBe(160)
  })
  it('refuses links that carry numbers and messages over one SMS', () => {
    expect(smsProblems('Book at https://book.example/9434765919', 'Book at https://book.example/9434765919')[0]).toMatch(/links must not contain personal data/)
    expect(smsProblems('x'.repeat(161), 'x')).toEqual(['161 characters: over the 160-character single-message limit'])
    expect(smsProblems('Book at https://www.nhs.uk/bp', 'Book at https://www.nhs.uk/bp')).toEqual([])
  })
})

describe('CSV cells', () => {
  it('neutralises formula-like cells and quotes commas and quotes', () => {
    expect(neutraliseCell('=1+1')).toBe("'=1+1")
    expect(neutraliseCell('+447700900123')).toBe("'+447700900123")
    expect(neutraliseCell('-5')).toBe("'-5")
    expect(neutraliseCell('@SUM')).toBe("'@SUM")
    expect(neutraliseCell('Smith')).toBe('Smith')
    expect(csvText(['a', 'b'], [['x,y', 'say "hi"']])).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n')
  })
})
