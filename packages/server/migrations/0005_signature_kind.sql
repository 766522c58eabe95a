-- How each signed document was signed: the city certificate ('city') or a signature the law names
-- ('qualified', 'personal', 'trusted-profile'), and what was verified of the latter (JSON: the
-- signer's certificate, its issuer, the file's format, revocation). Paper and e-mail have neither.
ALTER TABLE register ADD COLUMN signature_kind TEXT;
ALTER TABLE register ADD COLUMN verification TEXT;
