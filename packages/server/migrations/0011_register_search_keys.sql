-- The register found by its senders (GET /v1/register?q=): `name:<word>` for each word of the
-- sender's name and `ref:<reference>` for the sender's reference, beside the signers' keys of
-- migration 0010. New entries get them in the registration's transaction (core/search-keys.ts
-- makes them); here the entries registered before get them too, with Polish letters folded and
-- words split at spaces and common punctuation as that code does (it also folds other marked
-- letters, which this does not).
INSERT OR IGNORE INTO register_keys (key, registry_number)
WITH RECURSIVE
names (registry_number, rest) AS (
  SELECT registry_number, ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(CASE
      WHEN json_type(sender, '$.name') = 'text' THEN json_extract(sender, '$.name')
      WHEN json_type(sender, '$.surname') = 'text' THEN coalesce(json_extract(sender, '$.givenNames'), '') || ' ' || json_extract(sender, '$.surname')
      WHEN json_type(sender, '$.subject') = 'text' THEN json_extract(sender, '$.subject')
      ELSE '' END), 'ą', 'a'), 'ć', 'c'), 'ę', 'e'), 'ł', 'l'), 'ń', 'n'), 'ó', 'o'), 'ś', 's'), 'ź', 'z'), 'ż', 'z'), 'Ą', 'a'), 'Ć', 'c'), 'Ę', 'e'), 'Ł', 'l'), 'Ń', 'n'), 'Ó', 'o'), 'Ś', 's'), 'Ź', 'z'), 'Ż', 'z'), ',', ' '), '.', ' '), ';', ' '), ':', ' '), '/', ' '), '\', ' '), '-', ' '), '(', ' '), ')', ' '), '"', ' '), '''', ' '), '&', ' '), '+', ' '), '_', ' '), '!', ' '), '?', ' '), '#', ' '), '@', ' '), '*', ' '), '=', ' '), '[', ' '), ']', ' '), '{', ' '), '}', ' '), char(9), ' '), char(10), ' '), char(13), ' ') || ' '
  FROM register
),
split (registry_number, word, rest) AS (
  SELECT registry_number, '', rest FROM names
  UNION ALL
  SELECT registry_number, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
  FROM split WHERE rest <> ''
)
SELECT DISTINCT 'name:' || substr(word, 1, 64), registry_number FROM split WHERE length(word) >= 2;

INSERT OR IGNORE INTO register_keys (key, registry_number)
SELECT 'ref:' || substr(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(sender_reference), 'ą', 'a'), 'ć', 'c'), 'ę', 'e'), 'ł', 'l'), 'ń', 'n'), 'ó', 'o'), 'ś', 's'), 'ź', 'z'), 'ż', 'z'), 'Ą', 'a'), 'Ć', 'c'), 'Ę', 'e'), 'Ł', 'l'), 'Ń', 'n'), 'Ó', 'o'), 'Ś', 's'), 'Ź', 'z'), 'Ż', 'z'), ' ', ''), char(9), ''), char(10), ''), char(13), ''), 1, 64), registry_number
FROM register WHERE sender_reference IS NOT NULL AND trim(sender_reference) <> '';
