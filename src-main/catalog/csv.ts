/**
 * CSV as spreadsheets save it (RFC 4180): comma-separated, fields in double quotes may hold commas,
 * line breaks and doubled quotes; CRLF, LF or CR line ends; an optional UTF-8 byte order mark.
 */

export interface CsvRecord {
  /** The row as a spreadsheet numbers it: the header is row 1, even when a field spans lines. */
  row: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Every record of the text, blank rows left out (their numbers still count). */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let row = 1;
  let i = 0;
  const endRecord = () => {
    if (fields.length > 1 || fields[0] !== '') records.push({ row, fields });
    fields = [];
    row += 1;
  };
  while (i <= source.length) {
    const read = source.charCodeAt(i) === QUOTE ? quotedField(source, i, row) : plainField(source, i, row);
    fields.push(read.value);
    i = read.end;
    const next = source.charCodeAt(i);
    if (next === COMMA) {
      i += 1;
      continue;
    }
    endRecord();
    if (next === CR && source.charCodeAt(i + 1) === LF) i += 2;
    else i += 1;
    if (i >= source.length) break;
  }
  return records;
}

function plainField(source: string, start: number, row: number): { value: string; end: number } {
  let end = start;
  while (end < source.length) {
    const c = source.charCodeAt(end);
    if (c === COMMA || c === CR || c === LF) break;
    if (c === QUOTE) throw new CsvError(row, 'a field with a double quote in it must be wholly in double quotes, with the quote doubled (""), e.g. "5"" nails"');
    end += 1;
  }
  return { value: source.slice(start, end), end };
}

function quotedField(source: string, start: number, row: number): { value: string; end: number } {
  let value = '';
  let from = start + 1;
  for (;;) {
    const quote = source.indexOf('"', from);
    if (quote === -1) throw new CsvError(row, 'a double quote opens a field that never closes: close it with " or double any quote inside it ("")');
    value += source.slice(from, quote);
    if (source.charCodeAt(quote + 1) === QUOTE) {
      value += '"';
      from = quote + 2;
      continue;
    }
    const after = source.charCodeAt(quote + 1);
    if (quote + 1 < source.length && after !== COMMA && after !== CR && after !== LF) {
      throw new CsvError(row, 'text follows a closing double quote: put the whole field in quotes and double any quote inside it ("")');
    }
    return { value, end: quote + 1 };
  }
}
