/** A wall-clock time in the UI language (e.g. 14:03:27). */
export function formatTime(iso: string, language: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(language, { hour12: false });
}
