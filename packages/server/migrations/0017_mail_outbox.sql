-- E-mail to residents on the changes of a case an officer flags "inform". The language the
-- resident filled the form in (pl, en, uk; NULL: Polish) is kept with the document, so that the
-- message speaks it. Each message is a row of the mail outbox, committed in the same transaction
-- as the case's event, then sent by the runtime's sender (SMTP on Node, an HTTP relay on Workers):
-- claimed for a while (lease_until, ms since the epoch), marked sent only once the relay accepted
-- it, retried later (next_at) on failure, and dead after the last try, for an admin to retry.
-- The address is forgotten once the message went out.
ALTER TABLE documents ADD COLUMN language TEXT;

CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  registry_number TEXT NOT NULL REFERENCES register (registry_number),
  department TEXT NOT NULL,
  case_number TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  recipient TEXT,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_at INTEGER NOT NULL,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  sent_at TEXT,
  finished_at TEXT,
  last_error TEXT,
  UNIQUE (case_number, event_seq, registry_number)
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox (next_at) WHERE state = 'pending';
CREATE INDEX mail_outbox_dead ON mail_outbox (finished_at) WHERE state = 'dead';
