/** Display helpers for the Logs page: numbers and times in the UI language. */

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 12,345 / 12,345 in the UI language. */
export function formatCount(n: number, language: string): string {
  let f = numberFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(language);
    numberFormats.set(language, f);
  }
  return f.format(n);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `14:03:27.041` in local time: a tail needs the milliseconds to order bursts by eye. */
export function formatRowTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Date and time in the UI language, with milliseconds (local time). */
export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString(language)} ${formatRowTime(iso)}`;
}
