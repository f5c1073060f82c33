import type { StructuredElement } from './types';

/** Result of reading STRUCTURED-DATA from the start of a string. */
export interface SdResult {
  elements: StructuredElement[];
  /** Index just past the last complete element (or past `-`). */
  end: number;
  /** Why reading stopped early (truncated or invalid element), or null when all of it was read. */
  problem: string | null;
}

/** RFC 5424 SD-NAME: 1..32 printable US-ASCII except `=`, SP, `]`, `"`. Longer names are kept but reported. */
const NAME_CHAR = /[!#-<>-\\^-~]/;
const MAX_NAME = 32;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string | undefined {
    return this.s[this.i];
  }
  name(): string {
    const start = this.i;
    while (this.i < this.s.length && NAME_CHAR.test(this.s[this.i] ?? '')) this.i++;
    return this.s.slice(start, this.i);
  }
}

/** A quoted PARAM-VALUE after its opening quote; null when the closing quote never comes. */
function readValue(c: Cursor): string | null {
  let out = '';
  while (c.i < c.s.length) {
    const ch = c.s[c.i++] ?? '';
    if (ch === '"') return out;
    if (ch === '\\') {
      const next = c.s[c.i];
      // RFC 5424 6.3.3: only \" \\ \] are escapes; any other backslash is a literal backslash.
      if (next === '"' || next === '\\' || next === ']') {
        out += next;
        c.i++;
        continue;
      }
    }
    out += ch;
  }
  return null;
}

function addParam(params: Map<string, string | string[]>, name: string, value: string): void {
  const prev = params.get(name);
  if (prev === undefined) params.set(name, value);
  else params.set(name, Array.isArray(prev) ? [...prev, value] : [prev, value]);
}

/** One `[SD-ID *(SP PARAM)]`, cursor on the `[`. Returns the element or a reason it could not be read. */
function readElement(c: Cursor, notes: string[]): StructuredElement | string {
  c.i++;
  const id = c.name();
  if (id === '') return c.i >= c.s.length ? 'truncated STRUCTURED-DATA' : `invalid SD-ID at offset ${c.i}`;
  if (id.length > MAX_NAME) notes.push(`SD-ID "${id}" is longer than ${MAX_NAME} characters`);
  const params = new Map<string, string | string[]>();
  for (;;) {
    const ch = c.peek();
    if (ch === undefined) return 'truncated STRUCTURED-DATA';
    if (ch === ']') {
      c.i++;
      // fromEntries defines own properties, so a hostile "__proto__" name stays plain data.
      return { id, params: Object.fromEntries(params) };
    }
    if (ch !== ' ') return `unexpected "${ch}" in SD-ELEMENT "${id}"`;
    while (c.peek() === ' ') c.i++; // RFC allows exactly one SP; tolerate more, they carry nothing.
    if (c.peek() === ']') continue;
    const name = c.name();
    if (name === '' || c.peek() !== '=' || c.s[c.i + 1] !== '"') {
      return c.i + 2 > c.s.length ? 'truncated STRUCTURED-DATA' : `invalid SD-PARAM in "${id}"`;
    }
    if (name.length > MAX_NAME) notes.push(`PARAM-NAME "${name}" is longer than ${MAX_NAME} characters`);
    c.i += 2;
    const value = readValue(c);
    if (value === null) return 'truncated STRUCTURED-DATA';
    addParam(params, name, value);
  }
}

/**
 * Read RFC 5424 STRUCTURED-DATA (`-` or one or more SD-ELEMENTs) at the start of `s`. Stops at the
 * first element it cannot read, keeping the complete ones, so the caller can keep the rest as text.
 * Non-fatal deviations (over-long names, a repeated SD-ID) are appended to `notes`.
 */
export function readStructuredData(s: string, notes: string[]): SdResult {
  if (s.startsWith('-') && (s.length === 1 || s[1] === ' ')) return { elements: [], end: 1, problem: null };
  if (!s.startsWith('[')) return { elements: [], end: 0, problem: 'STRUCTURED-DATA is neither "-" nor "[...]"' };
  const c = new Cursor(s);
  const elements: StructuredElement[] = [];
  while (c.peek() === '[') {
    const start = c.i;
    const el = readElement(c, notes);
    if (typeof el === 'string') return { elements, end: start, problem: el };
    if (elements.some((e) => e.id === el.id)) notes.push(`SD-ID "${el.id}" appears more than once`);
    elements.push(el);
  }
  return { elements, end: c.i, problem: null };
}
