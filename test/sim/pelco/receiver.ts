import type { ByteLink } from '../../../src/ptz/link';

/**
 * A Pelco-D receiver (the camera end of an RS-485 bus). Written from the protocol table, not from
 * src/ptz/pelco, so it checks the encoder rather than mirroring it: it hunts for the FF sync byte,
 * takes 7 bytes, verifies the checksum itself and records what a camera at `address` would do.
 */

/** What the receiver made of one packet. */
export type PelcoReceived =
  | { ok: true; address: number; bytes: number[]; action: string }
  | { ok: false; bytes: number[]; reason: 'checksum'; expected: number; actual: number };

const BITS: Array<[number, string]> = [
  [0x02, 'right'],
  [0x04, 'left'],
  [0x08, 'up'],
  [0x10, 'down'],
  [0x20, 'tele'],
  [0x40, 'wide'],
];

function action(cmd1: number, cmd2: number, d1: number, d2: number): string {
  if (cmd1 === 0 && cmd2 === 0 && d1 === 0 && d2 === 0) return 'stop';
  if (cmd2 & 0x01) {
    const op = ({ 0x03: 'set', 0x05: 'clear', 0x07: 'go' } as Record<number, string>)[cmd2] ?? `ext-${cmd2.toString(16)}`;
    return `preset-${op} ${d2}`;
  }
  const parts = BITS.filter(([bit]) => cmd2 & bit).map(([, name]) => name);
  if (cmd2 & 0x80) parts.push('far');
  if (cmd1 & 0x01) parts.push('near');
  return `move ${parts.join('+')} pan=${d1} tilt=${d2}`;
}

export class PelcoDReceiver {
  /** Every packet seen on the bus, in order, for any address. */
  readonly received: PelcoReceived[] = [];
  /** Bytes skipped while hunting for a sync byte. */
  readonly skipped: number[] = [];
  /** Presets stored by `set` for this receiver's address. */
  readonly presets = new Set<number>();
  private buf: number[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    link: ByteLink,
    readonly address: number,
  ) {
    this.unsubscribe = link.onData((b) => this.push(b));
  }

  /** Valid packets addressed to this receiver. */
  get mine(): Array<Extract<PelcoReceived, { ok: true }>> {
    return this.received.filter((r): r is Extract<PelcoReceived, { ok: true }> => r.ok && r.address === this.address);
  }

  detach(): void {
    this.unsubscribe();
  }

  private push(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (this.buf.length === 0 && b !== 0xff) {
        this.skipped.push(b);
        continue;
      }
      this.buf.push(b);
      if (this.buf.length === 7) this.packet(this.buf.splice(0));
    }
  }

  private packet(p: number[]): void {
    const [, address = 0, cmd1 = 0, cmd2 = 0, d1 = 0, d2 = 0, sum = 0] = p;
    const expected = (address + cmd1 + cmd2 + d1 + d2) % 256;
    if (expected !== sum) {
      this.received.push({ ok: false, bytes: p, reason: 'checksum', expected, actual: sum });
      return;
    }
    const a = action(cmd1, cmd2, d1, d2);
    this.received.push({ ok: true, address, bytes: p, action: a });
    if (address !== this.address) return;
    const m = /^preset-(set|clear) (\d+)$/.exec(a);
    if (m?.[1] === 'set') this.presets.add(Number(m[2]));
    if (m?.[1] === 'clear') this.presets.delete(Number(m[2]));
  }
}
