-- 0014: the directory of local services the practice signposts or refers patients to (social
-- prescribing, NHS Talking Therapies, community navigation, stop smoking…) and the referrals made
-- to them, each awaiting its outcome. A service is never deleted — referrals point at it — only
-- deactivated; an inactive one takes no new referral (shared/domain/local-services.ts).
CREATE TABLE local_services (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
  offers TEXT NOT NULL DEFAULT '' CHECK (length(offers) <= 1000),
  category TEXT NOT NULL CHECK (category IN (
    'social-prescribing', 'talking-therapies', 'community-navigation', 'stop-smoking', 'weight', 'alcohol', 'money-housing', 'carers', 'other')),
  self_referral INTEGER NOT NULL DEFAULT 0 CHECK (self_referral IN (0, 1)),
  practice_referral INTEGER NOT NULL DEFAULT 1 CHECK (practice_referral IN (0, 1)),
  -- NULL = not known. A service with none of phone, web and address is allowed but warned about.
  phone TEXT CHECK (phone IS NULL OR length(trim(phone)) BETWEEN 1 AND 40),
  web TEXT CHECK (web IS NULL OR length(trim(web)) BETWEEN 1 AND 300),
  address TEXT CHECK (address IS NULL OR length(trim(address)) BETWEEN 1 AND 300),
  opening_times TEXT CHECK (opening_times IS NULL OR length(trim(opening_times)) BETWEEN 1 AND 300),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- 1 = shipped with the app as an example, its details still to be checked by the practice.
  is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK (self_referral = 1 OR practice_referral = 1)
);
-- Two active services with one name would be two entries staff cannot tell apart in the picker.
CREATE UNIQUE INDEX local_services_one_active_name ON local_services(lower(trim(name))) WHERE active = 1;

CREATE TRIGGER local_services_never_deleted BEFORE DELETE ON local_services
BEGIN
  SELECT RAISE(ABORT, 'a local service is never deleted: deactivate it instead');
END;

-- A referral (or signposting to self-refer) of one patient to one service, made at a visit
-- (appointment_id) or not, for a programme or not. Its outcome is NULL until recorded; a referral
-- with none after some weeks is on the "referrals with no outcome" worklist.
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  service_id INTEGER NOT NULL REFERENCES local_services(id),
  appointment_id INTEGER REFERENCES appointments(id),
  programme_id INTEGER REFERENCES programmes(id),
  referred_on TEXT NOT NULL CHECK (referred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  referred_by TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('self-referral', 'sent')),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('accepted', 'attended', 'declined', 'unknown')),
  outcome_on TEXT CHECK (outcome_on IS NULL OR outcome_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  outcome_by TEXT,
  recorded_at TEXT NOT NULL,
  -- An outcome is recorded with its day and who recorded it, or not at all.
  CHECK ((outcome IS NULL AND outcome_on IS NULL AND outcome_by IS NULL) OR (outcome IS NOT NULL AND outcome_on IS NOT NULL AND outcome_by IS NOT NULL)),
  CHECK (outcome_on IS NULL OR outcome_on >= referred_on)
);
CREATE INDEX referrals_by_patient ON referrals(patient_id, referred_on);
CREATE INDEX referrals_by_service ON referrals(service_id);
CREATE INDEX referrals_awaiting_outcome ON referrals(referred_on) WHERE outcome IS NULL;

-- Examples of the services a City & Hackney practice refers to, so the directory is not empty on
-- the first day. Every one is marked as an example to be checked (is_example = 1, and its text says
-- so); no phone number is shipped, since a wrong number given to a patient is worse than none — the
-- directory warns about a service with no contact details until the practice adds them. The one web
-- address is the public NHS page for finding and self-referring to NHS Talking Therapies.
INSERT INTO local_services (name, offers, category, self_referral, practice_referral, phone, web, address, opening_times, active, is_example, created_at, created_by, updated_at, updated_by)
VALUES
  ('Social prescribing link worker (GP-based)',
   'Example — check details before use. A social prescribing link worker in the practice''s primary care network: time to talk about what matters to the patient, and help to connect with local groups, activities and advice (loneliness, money, housing, getting active). Referred by the practice.',
   'social-prescribing', 0, 1, NULL, NULL, NULL, NULL, 1, 1,
   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)'),
  ('NHS Talking Therapies',
   'Example — check details before use. Free NHS talking therapies (such as CBT and counselling) for adults with anxiety or depression. Patients can refer themselves online; the practice can also refer.',
   'talking-therapies', 1, 1, NULL, 'https://www.nhs.uk/nhs-services/mental-health-services/find-nhs-talking-therapies-for-anxiety-and-depression/', NULL, NULL, 1, 1,
   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)'),
  ('Community navigation service',
   'Example — check details before use. A community connections / navigation service: helps residents find local support such as befriending, advice services, community groups and activities.',
   'community-navigation', 1, 1, NULL, NULL, NULL, NULL, 1, 1,
   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)'),
  ('Stop smoking service',
   'Example — check details before use. The local NHS stop smoking service: free support from an adviser, with stop smoking medicines or a vape starter kit where offered.',
   'stop-smoking', 1, 1, NULL, NULL, NULL, NULL, 1, 1,
   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'Clinic Recall (shipped example)');
