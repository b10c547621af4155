// What Clinic Recall itself knows of a patient's invitations up to the as-of date: the patient record
// carries it and the invitation state (invitation-state.ts) reads it.
export interface InvitationHistory {
  /** Invitations sent from Clinic Recall on or before the as-of date. */
  sent: readonly { attempt: number; sentOn: string }[]
  /** The date (YYYY-MM-DD) the latest kept booking (booked or attended) was made, on or before as-of. */
  lastAnsweredOn: string | null
}
