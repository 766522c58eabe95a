-- The register of incoming items (RPW) and everything committed with an entry.
-- Every document enters once; numbers are gapless per year (seq) and never reused.
CREATE TABLE register (
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  registry_number TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  channel TEXT NOT NULL,               -- 'web' or 'chancellery:<id>'
  procedure_id TEXT,
  procedure_version TEXT,
  department TEXT NOT NULL,
  subject TEXT NOT NULL,
  sender TEXT NOT NULL,                -- JSON: the signer's identity, or the letter's sender
  sender_reference TEXT,
  document_date TEXT,
  document_sha256 TEXT,
  idempotency_key TEXT,
  nonce TEXT,
  attachment_count INTEGER NOT NULL,
  notes TEXT,
  PRIMARY KEY (year, seq)
) STRICT;
CREATE UNIQUE INDEX register_document ON register (document_sha256) WHERE document_sha256 IS NOT NULL;
CREATE UNIQUE INDEX register_idempotency ON register (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX register_nonce ON register (nonce) WHERE nonce IS NOT NULL;

-- Append-only: entries are never changed or removed.
CREATE TRIGGER register_no_update BEFORE UPDATE ON register BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
CREATE TRIGGER register_no_delete BEFORE DELETE ON register BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;

CREATE TABLE documents (
  registry_number TEXT PRIMARY KEY REFERENCES register (registry_number),
  media_type TEXT NOT NULL,
  document BLOB NOT NULL,
  signature BLOB,
  receipt_document TEXT NOT NULL,
  receipt_signature BLOB NOT NULL
) STRICT;

CREATE TABLE attachments (
  registry_number TEXT NOT NULL REFERENCES register (registry_number),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (registry_number, name)
) STRICT;

-- Department queues: at-least-once delivery with leases.
CREATE TABLE queue (
  id INTEGER PRIMARY KEY,
  department TEXT NOT NULL,
  registry_number TEXT NOT NULL REFERENCES register (registry_number),
  enqueued_at TEXT NOT NULL,
  visible_at INTEGER NOT NULL,         -- ms since epoch; a leased message is invisible until then
  deliveries INTEGER NOT NULL DEFAULT 0,
  lease_id TEXT,
  state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'acked', 'dead')),
  finished_at TEXT
) STRICT;
CREATE INDEX queue_ready ON queue (department, state, visible_at);

CREATE TABLE enrolments (
  code_hash TEXT PRIMARY KEY,
  given_names TEXT NOT NULL,
  surname TEXT NOT NULL,
  pesel TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;

CREATE TABLE certificates (
  serial TEXT PRIMARY KEY,
  pesel TEXT,
  subject TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  der BLOB NOT NULL,
  issued_at TEXT NOT NULL,
  revoked_at TEXT,
  revocation_reason TEXT
) STRICT;

CREATE TABLE crl_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  crl_number INTEGER NOT NULL
) STRICT;
INSERT INTO crl_state (id, crl_number) VALUES (1, 0);
