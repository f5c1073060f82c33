/** A date and time in the UI language, 24-hour (e.g. 2024/5/1 14:03:27); the input when it is not a date. */
export function formatDateTime(iso: string, language: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(language, { hour12: false });
}

/** Milliseconds as seconds with one decimal (1234 → "1.2"). */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1);
}
