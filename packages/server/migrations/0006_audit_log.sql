-- The audit log: every staff action (who, when, what, on which entry or case, before and after),
-- each record holding the SHA-256 of the one before it, so that an edited, inserted or deleted
-- record breaks the chain at that point. seq is gapless from 1; a record is appended only as the
-- next number (INSERT OR IGNORE on the key: two writers racing for one number, one retries).
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  before TEXT,
  after TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
