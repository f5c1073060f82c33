/**
 * Commissioning: wizard runs (draft + apply progress, so a restart resumes
 * after the last verified step), the credentials vault (AES-256-GCM
 * ciphertext only) and the commissioning records handed to the customer.
 */
export const sql = `
CREATE TABLE wizard_run (
  id          INTEGER PRIMARY KEY,
  site        TEXT NOT NULL,
  technician  TEXT NOT NULL DEFAULT '',
  state       TEXT NOT NULL CHECK (state IN ('draft', 'applying', 'interrupted', 'done', 'failed', 'cancelled')),
  draft       TEXT NOT NULL CHECK (json_valid(draft)),
  -- What started it (e.g. a hash of the CLI plan file), so the same plan resumes its run.
  source_key  TEXT,
  -- The process applying it: a run whose owner is gone was interrupted.
  owner_pid   INTEGER,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX wizard_run_source ON wizard_run(source_key);

CREATE TABLE wizard_step (
  run_id      INTEGER NOT NULL REFERENCES wizard_run(id) ON DELETE CASCADE,
  mac         TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'running', 'verified', 'failed', 'skipped')),
  detail      TEXT NOT NULL DEFAULT '',
  -- Anything a later step or a resume needs (the camera's address before, the old password id).
  data        TEXT CHECK (data IS NULL OR json_valid(data)),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (run_id, mac, name)
) STRICT;

CREATE TABLE vault_secret (
  id          TEXT PRIMARY KEY,
  site        TEXT NOT NULL,
  label       TEXT NOT NULL,
  username    TEXT NOT NULL DEFAULT '',
  iv          BLOB NOT NULL CHECK (length(iv) = 12),
  tag         BLOB NOT NULL CHECK (length(tag) = 16),
  ciphertext  BLOB NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX vault_secret_site ON vault_secret(site);

CREATE TABLE commission_record (
  id             INTEGER PRIMARY KEY,
  run_id         INTEGER,
  site           TEXT NOT NULL,
  technician     TEXT NOT NULL DEFAULT '',
  mac            TEXT NOT NULL,
  serial         TEXT NOT NULL DEFAULT '',
  model          TEXT NOT NULL DEFAULT '',
  manufacturer   TEXT NOT NULL DEFAULT '',
  firmware       TEXT NOT NULL DEFAULT '',
  network_before TEXT CHECK (network_before IS NULL OR json_valid(network_before)),
  network_after  TEXT CHECK (network_after IS NULL OR json_valid(network_after)),
  time_setting   TEXT NOT NULL DEFAULT '',
  hostname       TEXT,
  name           TEXT,
  location       TEXT,
  ok             INTEGER NOT NULL CHECK (ok IN (0, 1)),
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX commission_record_site ON commission_record(site, id);
-- One record per camera per run: a resumed run replaces its record instead of adding a second.
CREATE UNIQUE INDEX commission_record_run_mac ON commission_record(run_id, mac) WHERE run_id IS NOT NULL;

CREATE TABLE commission_check (
  record_id   INTEGER NOT NULL REFERENCES commission_record(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
  detail      TEXT NOT NULL,
  at          TEXT NOT NULL,
  PRIMARY KEY (record_id, seq)
) STRICT;
`;
