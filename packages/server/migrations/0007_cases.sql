-- Cases (sprawy): each with its znak UNIT.JRWA.N.YYYY, numbered without gaps per unit, JRWA class
-- and year (case_counters), the register's items it holds (each item in one case at most), and
-- what happened to it (case_events). due_on is the deadline as of the last change, NULL while
-- the clock stands still (suspended, or waiting for the resident) and once the case is settled.
CREATE TABLE case_counters (
  unit TEXT NOT NULL,
  jrwa TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (unit, jrwa, year)
) STRICT;

CREATE TABLE cases (
  case_number TEXT PRIMARY KEY,
  unit TEXT NOT NULL,
  jrwa TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  department TEXT NOT NULL,
  officer TEXT,
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  received_on TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  due_on TEXT,
  closed_at TEXT,
  outcome TEXT,
  UNIQUE (unit, jrwa, year, seq)
) STRICT;
CREATE INDEX cases_department_due ON cases (department, due_on);
CREATE INDEX cases_department_number ON cases (department, year, unit, jrwa, seq);

CREATE TABLE case_documents (
  registry_number TEXT PRIMARY KEY,
  case_number TEXT NOT NULL REFERENCES cases (case_number),
  added_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_documents_case ON case_documents (case_number);

CREATE TABLE case_events (
  case_number TEXT NOT NULL REFERENCES cases (case_number),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  on_day TEXT NOT NULL,
  reason TEXT,
  until TEXT,
  outcome TEXT,
  inform INTEGER NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (case_number, seq)
) STRICT;
