/**
 * What the full-text index holds and how a user's search text becomes an FTS5 query.
 *
 * The unicode61 tokenizer keeps a run of Chinese characters as one token, so `视频` would never find
 * `视频丢失`. The writer therefore spaces every CJK character before indexing and the query turns a CJK
 * run into a phrase of single characters: adjacency makes it a substring match. Latin words match as
 * prefixes (`eth` finds `eth0`).
 */

/** The characters indexed one by one (a regular-expression class body). */
export const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_ONE = new RegExp(`^[${CJK_CLASS}]$`, 'u');
/** One CJK character, or a run of unicode61's other token characters (letters, digits, marks, private use). */
const TOKEN = new RegExp(`[${CJK_CLASS}]|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}\\p{Co}])+`, 'gu');

/**
 * Builds the function that spaces CJK characters in text to index. Self-contained (it uses nothing
 * from this module) because the log writer thread runs its source, see writer-thread.ts.
 */
export function makeCjkSpacer(cjkClass: string): (text: string) => string {
  const cjk = new RegExp(`[${cjkClass}]`, 'gu');
  return (text) => text.replace(cjk, ' $& ');
}

const spaceCjk = makeCjkSpacer(CJK_CLASS);

/** Text to put in the index for one entry. */
export function indexText(parts: (string | null | undefined)[]): string {
  return spaceCjk(parts.filter((p): p is string => !!p).join(' '));
}

function phrase(text: string, prefix: boolean): string | null {
  const tokens = text.match(TOKEN) ?? [];
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1] ?? '';
  // Tokens are letters and digits only, so they need no escaping inside the quotes.
  const star = prefix && !CJK_ONE.test(last) ? '*' : '';
  return `"${tokens.join(' ')}"${star}`;
}

/** An exact-phrase query on one FTS column (`host : "cam 42"`), or null when the value has no tokens. */
export function ftsColumnPhrase(column: 'host' | 'source', value: string): string | null {
  const p = phrase(value, false);
  return p ? `${column} : ${p}` : null;
}

/**
 * Turns search text into an FTS5 MATCH expression: every word (or `"quoted phrase"`) must appear.
 * Returns null when the text holds no searchable characters (only punctuation): the caller then
 * falls back to a plain substring filter.
 */
export function ftsQuery(text: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const p = m[1] !== undefined ? phrase(m[1], false) : phrase(m[2] ?? '', true);
    if (p) terms.push(p);
  }
  return terms.length ? terms.join(' AND ') : null;
}
