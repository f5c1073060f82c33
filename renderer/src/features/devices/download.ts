/**
 * Hands a file to the browser's download machinery (the Electron window shows a save dialog).
 * A Blob URL, not a data: URL, so large lists are not copied into a string URL.
 */
export function downloadText(doc: Document, fileName: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the blob after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
