-- Keys that find entries of the register without reading it: `signer:<identifier>` for every
-- person who signed a filing, by the semantics identifier recorded at intake (PNOPL-<PESEL>,
-- PAS<CC>-<number>, IDC<CC>-<number>; each co-signer of a filing signed by several). Written in
-- the registration's own transaction; other kinds of key (a PESEL named in a letter, a sender's
-- reference) can join under prefixes of their own.
CREATE TABLE register_keys (
  key TEXT NOT NULL,
  registry_number TEXT NOT NULL,
  PRIMARY KEY (key, registry_number)
) STRICT, WITHOUT ROWID;

-- The entries registered before: the signer is the sender the register recorded (a city
-- certificate's or a statutory signature's person); co-signers are found, by the pointer each
-- one's verification keeps, in the signed document's data.
INSERT OR IGNORE INTO register_keys (key, registry_number)
WITH people (registry_number, person) AS (
  SELECT registry_number, sender FROM register WHERE channel = 'web' AND signature_kind IS NOT NULL
  UNION ALL
  SELECT r.registry_number,
    json_extract(CAST(d.document AS TEXT), '$.data' ||
      CASE WHEN rtrim(s.pointer, '0123456789') = s.pointer OR substr(rtrim(s.pointer, '0123456789'), -1) <> '/'
        THEN replace(s.pointer, '/', '.')
        ELSE replace(substr(rtrim(s.pointer, '0123456789'), 1, length(rtrim(s.pointer, '0123456789')) - 1), '/', '.')
          || '[' || substr(s.pointer, length(rtrim(s.pointer, '0123456789')) + 1) || ']'
      END)
  FROM register r
  JOIN documents d ON d.registry_number = r.registry_number
  JOIN (SELECT r2.registry_number, json_extract(j.value, '$.pointer') AS pointer
        FROM register r2, json_each(r2.verification, '$.signers') j
        WHERE r2.channel = 'web' AND r2.verification IS NOT NULL AND json_type(r2.verification, '$.signers') = 'array') s
    ON s.registry_number = r.registry_number
),
identifiers (registry_number, identifier) AS (
  SELECT registry_number,
    CASE
      WHEN json_type(person, '$.pesel') = 'text' THEN 'PNOPL-' || json_extract(person, '$.pesel')
      WHEN json_extract(person, '$.identityDocument.kind') IN ('passport', 'id-card')
        THEN CASE json_extract(person, '$.identityDocument.kind') WHEN 'passport' THEN 'PAS' ELSE 'IDC' END
          || upper(json_extract(person, '$.identityDocument.country')) || '-'
          || upper(replace(json_extract(person, '$.identityDocument.number'), ' ', ''))
    END
  FROM people WHERE json_valid(person)
)
SELECT 'signer:' || identifier, registry_number FROM identifiers WHERE identifier IS NOT NULL;

-- Challenges a resident signs to ask for their applications: single use, short-lived; kept by
-- their SHA-256 (hex) only, with when they expire (ms since the epoch).
CREATE TABLE resident_challenges (
  challenge_hash TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX resident_challenges_expiry ON resident_challenges (expires_at);
