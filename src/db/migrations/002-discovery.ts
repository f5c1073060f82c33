/**
 * Devices found by LAN discovery, so the list (ids, first/last seen, identities) survives
 * restarts. Identity columns are indexed for merging; `record` is the registry's JSON record.
 */
export const sql = `
CREATE TABLE discovery_devices (
  id         TEXT PRIMARY KEY NOT NULL,
  mac        TEXT,
  endpoint   TEXT,
  udn        TEXT,
  serial     TEXT,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  record     TEXT NOT NULL CHECK (json_valid(record))
) STRICT;
CREATE INDEX discovery_devices_mac ON discovery_devices (mac) WHERE mac IS NOT NULL;
CREATE INDEX discovery_devices_last_seen ON discovery_devices (last_seen);
`;
