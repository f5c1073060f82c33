/** A file the page hands to the user. */
export interface DownloadFile {
  name: string;
  /** MIME type; text types get `;charset=utf-8` when they have none. */
  mime: string;
  content: string | Blob;
}

/**
 * Hands a file to the browser's download machinery: the browser host shows
 * its download bar, the Electron window a save dialog. A Blob URL, not a
 * data: URL, so large exports are not copied into a string; it is revoked
 * once Chromium has read it (after the click handler returns).
 */
export function downloadFile(file: DownloadFile, doc: Document = document): void {
  const type = /^text\/|json/.test(file.mime) && !/charset=/i.test(file.mime) ? `${file.mime};charset=utf-8` : file.mime;
  const blob = typeof file.content === 'string' ? new Blob([file.content], { type }) : file.content;
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
