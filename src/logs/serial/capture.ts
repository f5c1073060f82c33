import type { LogSerialPort } from '../../contract/logs';
import { LineSplitter, type ConsoleLine, type LineClock } from '../parse';
import type { ConsoleLink } from '../../platform/log-ports';

/** Line endings a console send may append. */
export const LINE_ENDINGS = { cr: '\r', lf: '\n', crlf: '\r\n', none: '' } as const;

/**
 * One serial console being captured: bytes are split into timestamped lines (LF, CRLF or CR; a
 * prompt without a newline is flushed after a second of silence) and handed to `onLine`.
 */
export class SerialCapture {
  lines = 0;
  private readonly splitter: LineSplitter;

  constructor(
    readonly path: string,
    readonly name: string,
    readonly baudRate: number,
    private readonly link: ConsoleLink,
    onLine: (line: ConsoleLine) => void,
    clock?: LineClock,
  ) {
    this.splitter = new LineSplitter((l) => {
      this.lines++;
      onLine(l);
    }, { clock });
    link.onData((b) => this.splitter.push(b));
    link.onClose(() => this.splitter.close());
  }

  info(): LogSerialPort {
    return { path: this.path, name: this.name, baudRate: this.baudRate, lines: this.lines };
  }

  /** Sends a line; returns the bytes written. */
  async send(text: string, ending: keyof typeof LINE_ENDINGS): Promise<number> {
    const bytes = new TextEncoder().encode(text + LINE_ENDINGS[ending]);
    await this.link.write(bytes);
    return bytes.length;
  }

  /** Closes the port; the partial line, if any, is emitted first. */
  async close(): Promise<void> {
    this.splitter.close();
    await this.link.close();
  }
}
