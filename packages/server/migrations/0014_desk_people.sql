-- The people the desk looks for (GET /v1/people?q=): `name:<word>` for each word of the given
-- names and surname of every enrolment, folded as core/search-keys.ts folds them, by the semantics
-- identifier the enrolment names (PNOPL-<PESEL>, PAS<CC>-<number>, IDC<CC>-<number>). New
-- enrolments get them as they are made; here those made before get them too (Polish letters folded,
-- words split at spaces and common punctuation, as migration 0011 does for the register).
CREATE TABLE person_keys (
  key TEXT NOT NULL,
  identifier TEXT NOT NULL,
  PRIMARY KEY (key, identifier)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO person_keys (key, identifier)
WITH RECURSIVE
names (identifier, rest) AS (
  SELECT identifier, ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(given_names || ' ' || surname), 'ą', 'a'), 'ć', 'c'), 'ę', 'e'), 'ł', 'l'), 'ń', 'n'), 'ó', 'o'), 'ś', 's'), 'ź', 'z'), 'ż', 'z'), 'Ą', 'a'), 'Ć', 'c'), 'Ę', 'e'), 'Ł', 'l'), 'Ń', 'n'), 'Ó', 'o'), 'Ś', 's'), 'Ź', 'z'), 'Ż', 'z'), ',', ' '), '.', ' '), ';', ' '), ':', ' '), '/', ' '), '\', ' '), '-', ' '), '(', ' '), ')', ' '), '"', ' '), '''', ' '), '&', ' '), '+', ' '), '_', ' '), '!', ' '), '?', ' '), '#', ' '), '@', ' '), '*', ' '), '=', ' '), '[', ' '), ']', ' '), '{', ' '), '}', ' '), char(9), ' '), char(10), ' '), char(13), ' ') || ' '
  FROM enrolments
),
split (identifier, word, rest) AS (
  SELECT identifier, '', rest FROM names
  UNION ALL
  SELECT identifier, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
  FROM split WHERE rest <> ''
)
SELECT DISTINCT 'name:' || substr(word, 1, 64), identifier FROM split WHERE length(word) >= 2;

-- A person's codes, newest first, and the name of their latest enrolment.
CREATE INDEX enrolments_identifier_created ON enrolments (identifier, created_at);

-- Certificates still in force by the day they end (GET /v1/certificates?expiringWithinDays=).
CREATE INDEX certificates_in_force_by_expiry ON certificates (not_after, serial) WHERE revoked_at IS NULL;
