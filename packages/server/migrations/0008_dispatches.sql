-- Where an item of the register went after registration (dekretacja): assigned to a department
-- (and an officer, with a deadline and a note), accepted, or forwarded by a department that got
-- it wrongly (with a reason). register.department is the department that holds it now; the
-- office's date received never changes.
CREATE TABLE dispatches (
  registry_number TEXT NOT NULL REFERENCES register (registry_number),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('assigned', 'accepted', 'forwarded')),
  from_department TEXT NOT NULL,
  department TEXT NOT NULL,
  officer TEXT,
  deadline TEXT,
  note TEXT,
  reason TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (registry_number, seq)
) STRICT;
