/**
 * RFC 4180 CSV, small enough to own: quoted fields, doubled quotes, CRLF or LF,
 * newlines inside quotes. A malformed row becomes an error for that row only and
 * reading resumes at the next line, so one bad line never hides the rest.
 */

/** One CSV row and the 1-based line it starts on; `error` instead of fields when malformed. */
export type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

/** Splits CSV text into rows. A trailing newline does not make an empty row; blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = '';
    let endOfRow = false;
    while (!endOfRow) {
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) {
          error = 'quoted field is never closed';
          i = n;
          break;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          error = `unexpected character after a closing quote in field ${fields.length + 1}`;
          break;
        }
      } else {
        while (i < n) {
          const c = text[i]!;
          if (c === ',' || c === '\n' || c === '\r') break;
          if (c === '"') {
            error = `stray quote inside unquoted field ${fields.length + 1} (quote the field and double the quote)`;
            break;
          }
          field += c;
          i++;
        }
        if (error) break;
      }
      fields.push(field);
      field = '';
      const c = text[i];
      if (c === ',') i++;
      else {
        if (c === '\r') i++;
        if (text[i] === '\n') i++;
        if (c !== undefined) line++;
        endOfRow = true;
      }
    }
    if (error) {
      // Resume at the next physical line.
      while (i < n && text[i] !== '\n') i++;
      if (i < n) {
        i++;
        line++;
      }
      rows.push({ line: start, error });
    } else if (!(fields.length === 1 && fields[0] === '')) {
      rows.push({ line: start, fields });
    }
  }
  return rows;
}

/** Cells a spreadsheet would run as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: neutralises formula injection by prefixing a quote to cells
 * that start with = + - @ tab or CR, then quotes per RFC 4180 when needed.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
