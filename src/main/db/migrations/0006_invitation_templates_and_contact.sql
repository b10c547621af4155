-- 0006: invitation templates (editable, versioned), the practice's Word template, per-patient
-- contact preferences, and what each invitation contained so the exact document can be reproduced.

-- Each saved edit of a built-in template is a new row with the next version; none is ever changed.
-- Version 1 of every template is the built-in wording in the code (letter-templates.ts).
CREATE TABLE letter_templates (
  id INTEGER PRIMARY KEY,
  template_key TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 2),
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  sms_text TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  UNIQUE (template_key, version)
);

-- The practice's own Word letter (letterhead, signature) with {merge fields}. Uploading a new one
-- retires the previous one (active = 0); retired ones stay, so old batches can be regenerated.
CREATE TABLE word_templates (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  content BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  fields_json TEXT NOT NULL DEFAULT '[]',
  uploaded_at TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);

-- Recorded in the app (exports do not carry them): SMS declined, large print (Accessible
-- Information Standard), preferred channel. No row = no SMS refusal, standard print, any channel.
CREATE TABLE contact_preferences (
  patient_id INTEGER PRIMARY KEY REFERENCES patients(id),
  sms_declined INTEGER NOT NULL DEFAULT 0,
  large_print INTEGER NOT NULL DEFAULT 0,
  preferred_channel TEXT NOT NULL DEFAULT 'any' CHECK (preferred_channel IN ('any', 'letter', 'phone')),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- The merged letter (or SMS / call-list line) exactly as sent, as JSON.
ALTER TABLE invitations ADD COLUMN content_json TEXT;
-- The batch's choices (channels, wait, template, Word template) and its batch sheet rows.
ALTER TABLE invitation_batches ADD COLUMN options_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE invitation_batches ADD COLUMN sheet_json TEXT NOT NULL DEFAULT '[]';
