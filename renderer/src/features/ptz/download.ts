/** Hands text to the user as a file download (the browser host and Electron both turn this into a save). */
export function saveTextFile(doc: Document, file: { filename: string; mimeType: string; content: string }): void {
  const win = doc.defaultView;
  if (!win) return;
  const url = win.URL.createObjectURL(new Blob([file.content], { type: `${file.mimeType};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once click() returns; the URL only needs to outlive this task.
  win.setTimeout(() => win.URL.revokeObjectURL(url), 0);
}
