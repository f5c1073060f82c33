/**
 * Intl formatters are costly to build (a fresh one per toLocaleString call);
 * the list formats dozens of values per frame while scrolling, so each
 * language's formatters are built once.
 */
const numbers = new Map<string, Intl.NumberFormat>();
const dateTimes = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(n: number, language: string): string {
  let f = numbers.get(language);
  if (!f) numbers.set(language, (f = new Intl.NumberFormat(language)));
  return f.format(n);
}

/** A moment in the technician's own zone, for tooltips. */
export function formatLocalDateTime(ms: number, language: string): string {
  let f = dateTimes.get(language);
  if (!f) dateTimes.set(language, (f = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', hour12: false })));
  return f.format(ms);
}
