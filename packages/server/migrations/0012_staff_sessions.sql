-- Staff sessions after an OpenID Connect sign-in. The cookie holds a random id; only its SHA-256
-- is kept here, so a copy of the database opens no session. Each session has its CSRF token, the
-- person's subject and name at the provider, the roles it granted, and two ends: idle (from
-- last_seen_at) and absolute (expires_at). Sign-out deletes the row.
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  csrf_token TEXT NOT NULL,
  subject TEXT NOT NULL,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,                 -- JSON array
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);
