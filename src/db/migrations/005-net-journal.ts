/**
 * The undo journal of laptop network changes (temporary addresses, pinned
 * neighbours). A row is written before the change is made, so a crash or kill
 * leaves a record that the next start reverts.
 */
export const sql = `
CREATE TABLE net_journal (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('address', 'neighbour')),
  iface       TEXT NOT NULL,
  change      TEXT NOT NULL CHECK (json_valid(change)),
  reason      TEXT NOT NULL,
  -- 1: FieldKit's own temporary change, reverted at the next start if still there;
  -- 0: asked for by the technician (fieldkit net alias add), reverted only on request.
  auto_revert INTEGER NOT NULL DEFAULT 1 CHECK (auto_revert IN (0, 1)),
  -- The process that made the change: a start-up revert skips changes of a FieldKit still running.
  owner_pid   INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'reverted', 'failed')),
  updated_at  TEXT NOT NULL,
  error       TEXT
) STRICT;
CREATE INDEX net_journal_open ON net_journal(state) WHERE state IN ('pending', 'applied');
`;
