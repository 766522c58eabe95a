/** @module CSV files built in the browser, as the server writes its own: `;` between cells, CRLF, a UTF-8 BOM. */

/**
 * One cell: quoted per RFC 4180 when it holds `"`, `;` or a line break; a text starting with
 * = + - @ (or a tab or CR) gets an apostrophe first, so a spreadsheet never runs it as a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header row and the rows, each line CRLF-terminated, after a byte order mark (for spreadsheets). */
export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return `\uFEFF${rows.map((r) => `${r.map(csvCell).join(';')}\r\n`).join('')}`;
}

/** Offers `text` as a file named `fileName` to download. */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
