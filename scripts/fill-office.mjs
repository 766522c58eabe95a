// Fills an ebok SQLite database (made by the server, which is stopped) straight with a register of
// `entries` entries and `cases` cases, as an office's would be after years: the office's scale
// bench and the large-register bench read it back through the real server.
import Database from 'better-sqlite3';

/**
 * Writes the entries (web filings and letters, spread over the year and the departments, with the
 * search keys the registration writes) and the cases with their items and counters, then
 * checkpoints the log into the file and runs ANALYZE.
 */
export function fillOffice(path, { entries, cases, departments, year }) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const day = (n) => new Date(Date.UTC(year, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const fill = db.transaction(() => {
    const entry = db.prepare(
      `INSERT INTO register (year, seq, registry_number, received_at, channel, department, subject, sender,
         sender_reference, attachment_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    );
    // The keys the registration writes (core/search-keys.ts): the signer, the words of the name, a letter's reference.
    const key = db.prepare('INSERT INTO register_keys (key, registry_number) VALUES (?, ?)');
    for (let i = 1; i <= entries; i++) {
      const number = `RPW/${i}/${year}`;
      const web = i % 3 !== 0;
      const pesel = String(44051401359 + i);
      const reference = web ? null : `GN.6831.${i}.${year}`;
      entry.run(
        year,
        i,
        number,
        `${day(i % 330)}T09:00:00.000Z`,
        web ? 'web' : 'chancellery:k1',
        departments[i % departments.length],
        `Wniosek ${i}`,
        JSON.stringify({ givenNames: 'Jan', surname: `Kowalski${i % 5000}`, pesel }),
        reference,
      );
      if (web) key.run(`signer:PNOPL-${pesel}`, number);
      key.run('name:jan', number);
      key.run(`name:kowalski${i % 5000}`, number);
      if (reference) key.run(`ref:${reference.toLowerCase()}`, number);
    }
    const counter = db.prepare('INSERT INTO case_counters (unit, jrwa, year, last) VALUES (?, ?, ?, ?)');
    const kase = db.prepare(
      `INSERT INTO cases (case_number, unit, jrwa, year, seq, title, department, officer, opened_by, opened_at,
         received_on, period, status, due_on, closed_at, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 'bench', ?, ?, '{"months":1}', ?, ?, NULL, NULL)`,
    );
    const item = db.prepare('INSERT INTO case_documents (registry_number, case_number, added_at) VALUES (?, ?, ?)');
    const last = new Map();
    for (let i = 1; i <= cases; i++) {
      const department = departments[i % departments.length];
      const jrwa = String(6600 + (i % 20));
      const key = `${department}.${jrwa}`;
      const seq = (last.get(key) ?? 0) + 1;
      last.set(key, seq);
      const znak = `${department}.${jrwa}.${seq}.${year}`;
      const settled = i % 4 === 0;
      kase.run(
        znak,
        department,
        jrwa,
        year,
        seq,
        `Sprawa ${i}`,
        department,
        `${day(i % 330)}T10:00:00.000Z`,
        day(i % 330),
        settled ? 'closed' : 'open',
        settled ? null : day((i % 330) + 30),
      );
      item.run(`RPW/${i * 5}/${year}`, znak, `${day(i % 330)}T10:00:00.000Z`);
    }
    for (const [key, seq] of last) {
      const [unit, jrwa] = key.split('.');
      counter.run(unit, jrwa, year, seq);
    }
  });
  fill();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
}
