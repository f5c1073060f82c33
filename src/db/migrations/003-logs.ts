/**
 * Captured syslog messages and serial console lines, with a full-text index.
 *
 * `log_fts` is contentless (the writer inserts the text it indexes, see src/logs/store/fts-text.ts:
 * CJK characters are spaced so a Chinese word matches as a substring) and contentless_delete lets
 * retention remove rows from it by rowid. Times are integers (ms since epoch, UTC) so range filters
 * and retention use the index; `size` is the entry's approximate byte size for retention by size.
 * Host and source are filtered through their FTS columns (then checked exactly), not B-tree indexes:
 * with hundreds of cameras those indexes take inserts at random places and cut ingest by 2-3x on a
 * million rows.
 * `flags`: 1 malformed, 2 truncated.
 */
export const sql = `
CREATE TABLE log_entries (
  id             INTEGER PRIMARY KEY,
  received_at    INTEGER NOT NULL,
  time           TEXT,
  time_raw       TEXT,
  transport      TEXT NOT NULL CHECK (transport IN ('udp', 'tcp', 'serial')),
  source         TEXT NOT NULL,
  source_address TEXT,
  source_port    INTEGER,
  device_id      TEXT,
  device_name    TEXT,
  host           TEXT,
  app            TEXT,
  procid         TEXT,
  msgid          TEXT,
  facility       INTEGER CHECK (facility BETWEEN 0 AND 23),
  severity       INTEGER CHECK (severity BETWEEN 0 AND 7),
  structured     TEXT CHECK (structured IS NULL OR json_valid(structured)),
  message        TEXT NOT NULL,
  format         TEXT NOT NULL CHECK (format IN ('rfc5424', 'rfc3164', 'unknown', 'console')),
  flags          INTEGER NOT NULL DEFAULT 0,
  problems       TEXT CHECK (problems IS NULL OR json_valid(problems)),
  raw            TEXT,
  raw_hex        TEXT,
  size           INTEGER NOT NULL
) STRICT;
CREATE INDEX log_entries_received ON log_entries (received_at);
CREATE INDEX log_entries_device ON log_entries (device_id) WHERE device_id IS NOT NULL;
CREATE VIRTUAL TABLE log_fts USING fts5 (text, host, source, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
`;
