/**
 * RFC 4180 CSV reading and writing. Private to idic (used by the command line, the demo and the
 * benchmarks). Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF and LF line
 * endings are both accepted; a UTF-8 byte-order mark is dropped.
 */

/** Options of {@link parseCsv}. */
export interface CsvParseOptions {
  /** Field delimiter (default `","`). */
  readonly delimiter?: string;
  /** Trim unquoted whitespace around fields, as in FEBRL's `a, b` files (default `false`). */
  readonly trim?: boolean;
}

/**
 * Parses CSV text into rows of fields. Blank lines are skipped.
 *
 * @param text - The whole CSV text.
 * @param options - See {@link CsvParseOptions}.
 * @returns One array of strings per row, header included.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): string[][] {
  const delimiter = (options.delimiter ?? ",").charCodeAt(0);
  const trim = options.trim ?? false;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const pushRow = (): void => {
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
  };
  while (i < n) {
    // skip leading spaces before a possibly quoted field when trimming
    let start = i;
    if (trim) while (start < n && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
    if (text.charCodeAt(start) === QUOTE) {
      let value = "";
      let j = start + 1;
      let segment = j;
      for (;;) {
        if (j >= n) {
          value += text.slice(segment, j);
          break;
        }
        const c = text.charCodeAt(j);
        if (c === QUOTE) {
          if (text.charCodeAt(j + 1) === QUOTE) {
            value += text.slice(segment, j + 1);
            j += 2;
            segment = j;
            continue;
          }
          value += text.slice(segment, j);
          j += 1;
          break;
        }
        j += 1;
      }
      // skip anything up to the delimiter or line end (spaces after a closing quote)
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j += 1;
      }
      row.push(value);
      i = j;
    } else {
      let j = start;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j += 1;
      }
      const raw = text.slice(start, j);
      row.push(trim ? raw.trim() : raw);
      i = j;
    }
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i += 1;
      if (i >= n) row.push("");
    } else {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      pushRow();
    }
  }
  if (row.length > 0) pushRow();
  return rows;
}

/**
 * Parses CSV text with a header row into objects keyed by the header names.
 *
 * @param text - The whole CSV text.
 * @param options - See {@link CsvParseOptions}.
 * @returns The header and one object per data row (missing trailing fields are `""`).
 */
export function parseCsvObjects(text: string, options: CsvParseOptions = {}): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...body] = parseCsv(text, options);
  const rows = body.map((fields) => {
    const record: Record<string, string> = Object.create(null);
    for (let k = 0; k < header.length; k++) record[header[k] as string] = fields[k] ?? "";
    return record;
  });
  return { header, rows };
}

/** Quotes one field when it holds a delimiter, quote or line break. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? "" : value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats rows as CSV text with LF line endings.
 *
 * @param rows - Rows of fields; `undefined` and `null` become empty fields, dates ISO strings.
 * @returns The CSV text, ending with a line break.
 */
export function toCsv(rows: Iterable<readonly unknown[]>): string {
  let out = "";
  for (const row of rows) out += row.map(csvField).join(",") + "\n";
  return out;
}
