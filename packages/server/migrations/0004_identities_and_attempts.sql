-- A person is named by a semantics identifier (ETSI EN 319 412-1): PNOPL-<PESEL>, or for a
-- person without a PESEL the identity document the clerk checked, PAS<CC>-<number> or
-- IDC<CC>-<number>. Enrolments keep it instead of a PESEL; certificates beside it.
CREATE TABLE enrolments_by_identifier (
  code_hash TEXT PRIMARY KEY,
  given_names TEXT NOT NULL,
  surname TEXT NOT NULL,
  identifier TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
INSERT INTO enrolments_by_identifier (code_hash, given_names, surname, identifier, created_at, expires_at, used_at)
  SELECT code_hash, given_names, surname, 'PNOPL-' || pesel, created_at, expires_at, used_at FROM enrolments;
DROP TABLE enrolments;
ALTER TABLE enrolments_by_identifier RENAME TO enrolments;

ALTER TABLE certificates ADD COLUMN identifier TEXT;
UPDATE certificates SET identifier = 'PNOPL-' || pesel WHERE pesel IS NOT NULL;
CREATE INDEX certificates_identifier ON certificates (identifier);

-- Failed activation attempts, counted per client address and overall in fixed windows
-- (window_start: ms since the epoch), so that codes cannot be guessed at speed.
CREATE TABLE activation_attempts (
  bucket TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
) STRICT;
