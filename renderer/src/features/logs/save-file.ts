import type { ExportedFile } from './export-file';

/**
 * Hands a finished export to the browser as a download (both hosts: Electron shows its save
 * dialog, a browser its download bar). The object URL is revoked once the click has been handled.
 */
export function saveFile(doc: Document, file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
