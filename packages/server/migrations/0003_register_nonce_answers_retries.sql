-- A signed document carries its nonce, so the nonce's UNIQUE index already keeps every document
-- to one entry: the same document again (the same nonce and hash) is a retry answered with the
-- first entry, the same nonce with another hash is a replay. The document-hash index only cost
-- every registration one more write to a random page.
DROP INDEX register_document;
