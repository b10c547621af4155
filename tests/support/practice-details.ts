// A practice's own details, filled in as a practice does before its first invitation batch: a batch
// is refused while any required detail is still the "set in Settings" placeholder or blank. Tests
// that make batches start from these (and override what they are about).
import type { ServiceContext } from '../../src/main/context'
import { updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import type { PracticeSettings } from '../../src/shared/domain/practice-settings'

export const testPracticeDetails: PracticeSettings = {
  practiceName: 'Riverside Medical Practice',
  addressLines: ['1 River Road', 'London SE1 1AA'],
  phone: '020 7946 0000',
  email: '',
  website: '',
  bookingInstructions: 'Please call us on 020 7946 0000 to book.',
  signatory: 'Practice Pharmacist',
  clinicLocation: ''
}

/** Saves the test practice's details (with `overrides`) and returns what was saved. */
export function withPracticeDetails(ctx: ServiceContext, overrides: Partial<PracticeSettings> = {}): PracticeSettings {
  return updatePracticeSettings(ctx, { ...testPracticeDetails, ...overrides })
}

/** The same details as `clinic-recall settings set` options, for tests that drive the command line. */
export const practiceDetailsCliArgs: readonly string[] = [
  'settings',
  'set',
  '--practice-name',
  testPracticeDetails.practiceName,
  '--address',
  testPracticeDetails.addressLines.join(', '),
  '--phone',
  testPracticeDetails.phone,
  '--booking-hours',
  testPracticeDetails.bookingInstructions,
  '--signatory',
  testPracticeDetails.signatory
]
