// Whether a registration status, as an export words it, means the patient has died or is no longer
// registered with the practice. Exports give the status as free text that differs by system and
// practice (EMIS "Regular", "Temporary", "Applied", "Deceased", "Left", "Removed"; SystmOne
// "Registered", "Deducted", "Transferred out", "Transferred in", …), so it is read by wording. Both
// sides of a mistake lose a patient or reach the wrong one: a registered patient read as gone is
// silently left out of every cohort, and a patient who has died read as registered is sent a letter.
// So only wordings that say it unambiguously count, each as a whole word or phrase: "Transferred in"
// (a new arrival), "Registered", "Current", "Temporary", "Applied", "Pending", "GMS" never match.
// The cohort exclusion, the channel choice and the invitation worklists all ask this one function.

/** Each wording, lower case, words separated by one space; matched as whole words, case and punctuation ignored. */
const noLongerRegisteredWordings: readonly string[] = [
  // Died: EMIS and SystmOne "Deceased"; "Died", "Dead" and "Death" in practice-made and older exports
  // (e.g. "Deducted - death").
  'deceased',
  'died',
  'dead',
  'death',
  // Moved off the list: EMIS "Left" / "Left practice" and "Removed" (removed from the list by the
  // practice or the ICB); "Moved away" and "Emigrated" are reasons written in their place.
  'left',
  'removed',
  'moved away',
  'emigrated',
  // SystmOne and PCSE: "Deducted" (taken off the list; the reason follows, e.g. "Deducted - embarkation"),
  // and the embarkation wording when it stands alone (left the country).
  'deducted',
  'deduction',
  'embarkation',
  // Registered elsewhere now. Only the outgoing direction: "Transferred in" is a patient who has just joined,
  // and a bare "Transferred" does not say which way, so neither is read as gone.
  'transferred out',
  'transfer out',
  // Said outright.
  'no longer registered',
  'deregistered',
  'de registered',
  'ex patient',
  'former patient'
]

const wordingPattern = new RegExp(`(?:^| )(?:${noLongerRegisteredWordings.join('|')})(?: |$)`)

/** Lower case, every run of characters other than letters and digits one space: "Left-Practice." → "left practice". */
function normalised(status: string): string {
  return status
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** The status means the patient has died or is no longer registered; null (no status in the export) is taken as registered. */
export function isNoLongerRegistered(status: string | null): boolean {
  return status !== null && wordingPattern.test(normalised(status))
}
