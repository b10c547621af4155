import { describe, expect, it } from 'vitest'
import {
  chooseChannel,
  defaultContactPreferences,
  effectiveLanguageNeed,
  interpreterLanguageProblem,
  NO_CONTACT_REASON,
  ukMobileNumber,
  type ContactFacts
} from '../../src/shared/domain/contact-channel'

const base: ContactFacts = {
  mobile: '07700 900123',
  homePhone: null,
  hasPostalAddress: true,
  registrationStatus: 'Regular',
  preferences: defaultContactPreferences
}
const options = { allowSms: true, phoneList: false }

describe('a letter patient whose recorded address cannot take a letter', () => {
  const postcodeOnly = { ...base, mobile: null, postalAddressProblem: 'only a postcode is recorded, no house or street' }
  it('is phoned instead when a number is recorded, even without the phone-list option', () => {
    expect(chooseChannel({ ...postcodeOnly, homePhone: '020 7946 0999' }, options)).toEqual({
      channel: 'phone',
      note: 'No usable postal address (only a postcode is recorded, no house or street): phone instead'
    })
  })
  it('cannot be contacted without a number, and the reason says why', () => {
    expect(chooseChannel(postcodeOnly, options)).toEqual({
      channel: null,
      reason: 'Cannot be contacted: no mobile, no usable postal address (only a postcode is recorded, no house or street), no phone number'
    })
    expect(chooseChannel({ ...postcodeOnly, preferences: { ...defaultContactPreferences, preferredChannel: 'phone' } }, options)).toEqual({
      channel: null,
      reason:
        'Cannot be contacted: prefers a phone call but no phone number is recorded, and no usable postal address (only a postcode is recorded, no house or street)'
    })
  })
  it('still gets an SMS when they can have one: the address only matters for a letter', () => {
    expect(chooseChannel({ ...postcodeOnly, mobile: '07700 900123' }, options)).toEqual({ channel: 'sms', note: null })
  })
})

describe('UK mobile numbers', () => {
  it('accepts 07… and +44 7… in any spacing, in the 07 form', () => {
    expect(ukMobileNumber('07700 900123')).toBe('07700900123')
    expect(ukMobileNumber('+44 (0)7700-900123')).toBe('07700900123')
    expect(ukMobileNumber('+447700900123')).toBe('07700900123')
    expect(ukMobileNumber('00447700900123')).toBe('07700900123')
    expect(ukMobileNumber('447700900123')).toBe('07700900123')
  })
  it('rejects landlines, short numbers, personal (070) and pager (076) numbers', () => {
    expect(ukMobileNumber('020 7946 0000')).toBeNull()
    expect(ukMobileNumber('0770090012')).toBeNull()
    expect(ukMobileNumber('07000 123456')).toBeNull()
    expect(ukMobileNumber('07624 123456')).toBeNull()
    expect(ukMobileNumber(null)).toBeNull()
  })
})

describe('channel per patient', () => {
  it('texts a valid mobile that has not declined SMS', () => {
    expect(chooseChannel(base, options)).toEqual({ channel: 'sms', note: null })
  })
  it('writes when SMS is declined, the mobile is invalid or missing, or SMS is off for the batch', () => {
    expect(chooseChannel({ ...base, preferences: { ...defaultContactPreferences, smsDeclined: true } }, options)).toEqual({
      channel: 'letter',
      note: 'Declined SMS'
    })
    expect(chooseChannel({ ...base, mobile: '020 7946 0000' }, options)).toEqual({ channel: 'letter', note: 'Mobile "020 7946 0000" is not a valid UK mobile' })
    expect(chooseChannel({ ...base, mobile: null }, options)).toEqual({ channel: 'letter', note: 'No mobile number' })
    expect(chooseChannel(base, { allowSms: false, phoneList: false })).toEqual({ channel: 'letter', note: null })
    expect(chooseChannel({ ...base, preferences: { ...defaultContactPreferences, preferredChannel: 'letter' } }, options)).toEqual({
      channel: 'letter',
      note: 'Prefers letters'
    })
  })
  it('puts a patient with neither SMS nor address on the phone list only when asked, else says why not', () => {
    const noRoute = { ...base, mobile: null, hasPostalAddress: false, homePhone: '020 7946 0999' }
    expect(chooseChannel(noRoute, { allowSms: true, phoneList: true })).toEqual({ channel: 'phone', note: 'No postal address: phone instead' })
    expect(chooseChannel(noRoute, options)).toEqual({
      channel: null,
      reason: 'Cannot be contacted: no mobile, no postal address, a phone number is recorded: ask for a phone list'
    })
    expect(chooseChannel({ ...noRoute, homePhone: null }, options)).toEqual({
      channel: null,
      reason: 'Cannot be contacted: no mobile, no postal address, no phone number'
    })
  })
  it('honours a preference for a phone call', () => {
    const prefers = { ...base, preferences: { ...defaultContactPreferences, preferredChannel: 'phone' as const } }
    expect(chooseChannel(prefers, options)).toEqual({ channel: 'phone', note: 'Prefers a phone call' })
  })
  it('never contacts a patient whose preferences say no contact permitted, whatever route exists', () => {
    const noContact = { ...defaultContactPreferences, noContact: true }
    expect(chooseChannel({ ...base, preferences: noContact }, options)).toEqual({ channel: null, reason: NO_CONTACT_REASON })
    expect(
      chooseChannel({ ...base, homePhone: '020 7946 0999', preferences: { ...noContact, preferredChannel: 'phone' } }, { allowSms: true, phoneList: true })
        .channel
    ).toBeNull()
    expect(NO_CONTACT_REASON).toMatch(/^Cannot be contacted: no contact permitted/)
  })
  it('never contacts a patient recorded as deceased or left', () => {
    expect(chooseChannel({ ...base, registrationStatus: 'Deceased' }, options)).toEqual({
      channel: null,
      reason: 'Registration status "Deceased": not contacted'
    })
    expect(chooseChannel({ ...base, registrationStatus: 'Left practice' }, options).channel).toBeNull()
  })
})

describe('the interpreter need', () => {
  it("is the app's record while set, whatever the export says, and the export's otherwise", () => {
    expect(effectiveLanguageNeed({ mainLanguage: 'English', interpreterRequired: false }, 'Polish')).toEqual({
      mainLanguage: 'Polish',
      interpreterRequired: true,
      source: 'app'
    })
    expect(effectiveLanguageNeed({ mainLanguage: 'Igbo', interpreterRequired: true }, null)).toEqual({
      mainLanguage: 'Igbo',
      interpreterRequired: true,
      source: 'export'
    })
    expect(effectiveLanguageNeed({ mainLanguage: null, interpreterRequired: null }, null)).toEqual({
      mainLanguage: null,
      interpreterRequired: false,
      source: 'export'
    })
  })

  it('takes 1–60 printable characters on one line, in any script', () => {
    expect(interpreterLanguageProblem('Kurdish (Sorani)')).toBeNull()
    expect(interpreterLanguageProblem('  Polish  ')).toBeNull()
    expect(interpreterLanguageProblem('فارسی')).toBeNull()
    expect(interpreterLanguageProblem('می\u200cخواهم')).toBeNull()
    expect(interpreterLanguageProblem('字'.repeat(60))).toBeNull()
    expect(interpreterLanguageProblem('')).toMatch(/expected the language/)
    expect(interpreterLanguageProblem(' \t ')).toMatch(/expected the language/)
    expect(interpreterLanguageProblem('x'.repeat(61))).toMatch(/at most 60 characters \(got 61\)/)
    for (const bad of ['Pol\nish', 'Pol\tish', 'Polish\u0000', 'Pol\u2028ish', '\u202ePolish'])
      expect(interpreterLanguageProblem(bad)).toMatch(/printable text on one line/)
  })
})
