-- Per-clinic-type follow-up intervals, cancelling and rebooking appointments.

-- The follow-up interval (4–12 weeks) a practice has chosen for each clinic type. A type
-- with no row uses the built-in default (shared/domain/clinic-types.ts).
CREATE TABLE clinic_type_settings (
  type TEXT PRIMARY KEY,
  follow_up_weeks INTEGER NOT NULL CHECK (follow_up_weeks BETWEEN 4 AND 12),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- Why an appointment was cancelled, and the appointment a rebooking moved it to. Nothing is deleted:
-- a cancelled or rebooked appointment stays as history.
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;
ALTER TABLE appointments ADD COLUMN rebooked_to INTEGER REFERENCES appointments(id);

CREATE INDEX appointments_by_status ON appointments(status, patient_id);
