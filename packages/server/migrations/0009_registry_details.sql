-- What the instrukcja kancelaryjna's annex 1 part A asks of an incoming item beyond what the
-- register already had (JSON in details: access level, delivery method, date posted, document
-- type, the sender's address, the number of paper attachments), and the items not fully scanned
-- (a book, a large map), listed apart. New columns only: the register stays append-only.
ALTER TABLE register ADD COLUMN details TEXT;
ALTER TABLE register ADD COLUMN not_fully_scanned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX register_not_fully_scanned ON register (year, seq) WHERE not_fully_scanned = 1;
