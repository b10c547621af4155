// The read behind the invitation worklists (invitation-worklists.ts): every invitation not yet
// answered by a kept booking, with the patient it went to.
import type { ContactChannel } from '../../shared/domain/contact-channel'
import type { ReadableDb } from '../db/database-access'

export interface UnansweredInvitationRow {
  patient_id: number
  registration_status: string | null
  nhs_number: string
  title: string | null
  given_name: string | null
  family_name: string | null
  cohort_id: number
  attempt: number
  channel: ContactChannel
  sent_on: string
  /** The wait the batch was sent with (its "days since the last invitation"); null for old batches. */
  wait_days: number | null
  no_contact: number | null
}

/**
 * Invitations sent after the patient's latest kept booking (still booked, or attended) was made —
 * those sent before were answered by it. In patient order (family name, given name, NHS number),
 * each patient's oldest first.
 */
export function unansweredInvitations(db: ReadableDb): UnansweredInvitationRow[] {
  return db
    .prepare(
      `SELECT i.patient_id, p.registration_status, p.nhs_number, p.title, p.given_name, p.family_name, i.cohort_id, i.attempt, i.channel, i.sent_on,
              (SELECT json_extract(b.options_json, '$.waitDays') FROM invitation_batches b WHERE b.id = i.batch_id) AS wait_days,
              cp.no_contact
       FROM invitations i JOIN patients p ON p.id = i.patient_id
       LEFT JOIN contact_preferences cp ON cp.patient_id = i.patient_id
       -- Invitations answered by a later booking (kept or attended) are done with.
       WHERE i.sent_on > IFNULL((SELECT MAX(substr(a.booked_at, 1, 10)) FROM appointments a
                                  WHERE a.patient_id = i.patient_id AND a.status IN ('booked', 'attended')), '')
       ORDER BY LOWER(IFNULL(p.family_name, '')), LOWER(IFNULL(p.given_name, '')), p.nhs_number, i.sent_on, i.id`
    )
    .all() as UnansweredInvitationRow[]
}
