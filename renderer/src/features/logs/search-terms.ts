/**
 * The search text as loose tokens, for highlighting matches in a message: a Latin word is marked
 * where it starts a word (`eth` in `eth0`), a CJK run wherever it appears. Whether a live entry
 * belongs in the filtered tail is decided by fts-match.ts, which keeps the core's phrase rules.
 */

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const TOKEN = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}\\p{Co}])+`, 'gu');
const CJK_START = new RegExp(`^[${CJK_CLASS}]`, 'u');
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}\\p{Co}]';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One searchable piece of the text: a Latin word (matched as a word prefix) or a CJK run (matched anywhere). */
export interface SearchToken {
  text: string;
  cjk: boolean;
}

/** The tokens of a search text, lower-cased, without duplicates; empty when it has nothing searchable. */
export function searchTokens(text: string | undefined): SearchToken[] {
  if (!text) return [];
  const seen = new Set<string>();
  const out: SearchToken[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    const t = m[0];
    if (seen.has(t)) continue;
    seen.add(t);
    out.push({ text: t, cjk: CJK_START.test(t) });
  }
  return out;
}

function tokenSource(t: SearchToken): string {
  // A Latin token must start a word, as an FTS prefix query does; CJK has no word boundaries.
  return t.cjk ? escapeRe(t.text) : `(?<!${WORD_CHAR})${escapeRe(t.text)}`;
}

/** A regular expression finding any of the tokens (case-insensitive), or null when there are none. */
export function tokensPattern(tokens: SearchToken[]): RegExp | null {
  if (tokens.length === 0) return null;
  // Longer tokens first, so `eth0` wins over `eth` where both start at the same place.
  const sorted = [...tokens].sort((a, b) => b.text.length - a.text.length);
  return new RegExp(sorted.map(tokenSource).join('|'), 'giu');
}

/** Whether every token appears in one of the texts, loosely (any order, accents kept); see fts-match.ts for the core's rules. */
export function matchesAllTokens(texts: (string | null | undefined)[], tokens: SearchToken[]): boolean {
  if (tokens.length === 0) return true;
  const hay = texts.filter((t): t is string => !!t).join('\n');
  return tokens.every((t) => new RegExp(tokenSource(t), 'iu').test(hay));
}

/** A run of text, marked when it matched. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Splits text into plain and matching runs, for drawing `<mark>`s; one plain run when nothing matches. */
export function highlightSegments(text: string, tokens: SearchToken[]): Segment[] {
  const re = tokensPattern(tokens);
  if (!re || text === '') return [{ text, hit: false }];
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    if (m[0] === '') continue;
    if (start > last) out.push({ text: text.slice(last, start), hit: false });
    out.push({ text: m[0], hit: true });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out.length ? out : [{ text, hit: false }];
}
