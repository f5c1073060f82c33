// Access to the util-linux `logger` bytes in fixtures/logger-captures.json (made by fixtures/capture-logger.mjs).
import data from './fixtures/logger-captures.json';

export interface Capture {
  name: string;
  proto: string;
  args: string[];
  stdin?: string;
  capturedAt: Date;
  packets: Uint8Array[];
}

/** The host name logger put in its messages when the fixtures were captured. */
export const captureHost: string = data.hostname;

/** One named capture, its packets (UDP datagrams, or the whole TCP stream) as bytes. */
export function capture(name: string): Capture {
  const c = data.captures.find((x) => x.name === name);
  if (!c) throw new Error(`no capture named ${name}`);
  return {
    ...c,
    capturedAt: new Date(c.capturedAt),
    packets: c.packets.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex'))),
  };
}

/** The single packet of a UDP capture. */
export function packet(name: string): Uint8Array {
  const p = capture(name).packets[0];
  if (!p) throw new Error(`capture ${name} is empty`);
  return p;
}

export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The 4000-byte-class line the capture script sent (3990 x then a marker). */
export const LONG_LINE = `${'x'.repeat(3990)}-END-4000`;
