-- Push delivery on Cloudflare Workers: one row per registration, committed in the same
-- transaction as the entry, then put on the department's Cloudflare Queue; a cron trigger sends
-- the rows nobody sent. (The Node adapter delivers from the queue table alone; there it stays empty.)
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  department TEXT NOT NULL,
  registry_number TEXT NOT NULL REFERENCES register (registry_number),
  created_at INTEGER NOT NULL,         -- ms since epoch
  sent_at INTEGER,                     -- last put on a queue (ms since epoch)
  sends INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0, -- deliveries tried by the consumer
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  finished_at TEXT,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
