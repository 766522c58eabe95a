-- The people who signed in to the console, each as the provider last described them: their
-- subject, name and roles (JSON array) and when they last signed in. A head of department picks
-- officers from it. Kept up to date at every sign-in, in the session's transaction.
CREATE TABLE staff (
  subject TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  last_signed_in_at TEXT NOT NULL
) STRICT;

-- A department's overview: the items registered for it, counted by hour received in a bounded
-- window, and its unsettled cases counted by deadline, each without reading other departments' rows.
CREATE INDEX register_department_received ON register (department, received_at);
CREATE INDEX cases_department_status_due ON cases (department, status, due_on);

-- The items an officer was assigned (the work a head hands to someone else when they are away).
CREATE INDEX dispatches_department_officer ON dispatches (department, officer) WHERE officer IS NOT NULL;
