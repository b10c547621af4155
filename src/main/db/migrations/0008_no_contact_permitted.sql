-- 0008: "no contact permitted" (exclusion). Recorded in the app with the other contact
-- preferences, since exports do not carry it: the patient (or their record) says the practice must
-- not contact them about this programme. Such a patient is excluded from every cohort and, if already
-- a member of a snapshot, is listed on the batch sheet as not contactable.
ALTER TABLE contact_preferences ADD COLUMN no_contact INTEGER NOT NULL DEFAULT 0 CHECK (no_contact IN (0, 1));
