import { ftsQuery } from '../../../../src/logs/store/fts-text';

/**
 * The core's full-text match, played locally on one entry, so the live tail holds exactly the
 * lines a fresh search lists. The query is the core's own (ftsQuery in src/logs/store/fts-text.ts)
 * and the columns are the texts the core indexes; this file only stands in for what SQLite adds:
 * the `unicode61 remove_diacritics 2` tokenizer of `log_fts` (src/db/migrations/003-logs.ts) and
 * FTS5's phrase matching. So `10.0.0.1` is the phrase `10 0 0 1*`, not four loose words, and
 * `cafe` finds `Café`.
 */

/** unicode61's token characters, as fts-text.ts reads them: letters, digits, marks, private use. */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
/** A Latin letter and the combining marks after it: what remove_diacritics folds. */
const LATIN_LETTER = /\p{Script=Latin}\p{M}*/gu;
const MARK = /\p{M}/gu;

/** Folds a token as the index does: lower case, and Latin letters without their accents (`É` → `e`). */
function fold(token: string): string {
  // Only Latin letters: remove_diacritics leaves kana and Hangul whole, and decomposing them (NFD)
  // would split characters the index keeps as one.
  return token.toLowerCase().replace(LATIN_LETTER, (letter) => letter.normalize('NFD').replace(MARK, ''));
}

/** The folded tokens of a text; CJK text must already be spaced (indexText, ftsQuery do it). */
function tokenize(text: string): string[] {
  return Array.from(text.matchAll(TOKEN), (m) => fold(m[0]));
}

/** One phrase of a search: tokens that must stand next to each other, in order, in one column. */
export interface SearchPhrase {
  tokens: string[];
  /** The last token matches the start of a token (`eth` finds `eth0`). */
  prefix: boolean;
}

/**
 * The phrases of a search text, every one of which must match; null when the text holds nothing
 * searchable (the core then filters on a plain substring of the message).
 */
export function searchPhrases(text: string): SearchPhrase[] | null {
  const query = ftsQuery(text);
  if (query === null) return null;
  // ftsQuery writes `"tok tok"* AND "tok" …`: its tokens are letters and digits only, so every
  // quoted run is one phrase and a `*` right after it makes the phrase's last token a prefix.
  return Array.from(query.matchAll(/"([^"]*)"(\*?)/g), (m) => ({ tokens: tokenize(m[1] ?? ''), prefix: m[2] === '*' }));
}

function phraseAt(column: string[], p: SearchPhrase, at: number): boolean {
  const last = p.tokens.length - 1;
  return p.tokens.every((t, k) => {
    const token = column[at + k];
    return token !== undefined && (k === last && p.prefix ? token.startsWith(t) : token === t);
  });
}

function columnHas(column: string[], p: SearchPhrase): boolean {
  for (let at = 0; at + p.tokens.length <= column.length; at++) if (phraseAt(column, p, at)) return true;
  return false;
}

/**
 * Whether every phrase appears in one of the columns, as FTS5 answers `{text host} : (p1 AND p2)`:
 * a phrase never spans two columns, but different phrases may sit in different ones. `columns` are
 * index texts (see indexText in src/logs/store/fts-text.ts).
 */
export function matchesPhrases(columns: string[], phrases: SearchPhrase[]): boolean {
  const tokenized = columns.map(tokenize);
  return phrases.every((p) => tokenized.some((column) => columnHas(column, p)));
}
