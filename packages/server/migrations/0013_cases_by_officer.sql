-- An officer's own cases (GET /v1/cases?officer=), in the order of their znak, without reading
-- the department's others.
CREATE INDEX cases_department_officer_number ON cases (department, officer, year, unit, jrwa, seq);
