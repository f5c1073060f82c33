import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../../lab';

/**
 * The C codec of native/arp-raw (the frames the raw sweeper sends and reads), on bytes captured in
 * the lab with an AF_PACKET socket on the laptop's br0 while iputils arping ran (ARP payloads,
 * without the Ethernet header). Needs the addon built (`npm install` builds it); CI requires it.
 */
interface Codec {
  encodeRequest(mac: string, senderIp: number, targetIp: number): Buffer;
  decodeReply(bytes: Uint8Array): { ip: string; mac: string } | null;
}
let codec: Codec | undefined;
let why = '';
try {
  codec = createRequire(import.meta.url)('@fieldkit/arp-raw') as Codec;
} catch (e) {
  why = (e as Error).message.split('\n')[0]!;
}
const skip = requireOrSkip(codec ? { ok: true } : { ok: false, reason: `@fieldkit/arp-raw is not built: ${why}` }, 'native ARP addon');

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
// arping -b -I br0 198.51.100.10 from 198.51.100.1 (br0 0e:08:72:53:39:bf): who-has request.
const ARPING_REQUEST = hex('0001 0800 06 04 0001 0e08725339bf c6336401 ffffffffffff c633640a');
// The lab device's reply: 198.51.100.10 is-at 02:00:00:00:0a:01, to the laptop.
const REPLY = hex('0001 0800 06 04 0002 020000000a01 c633640a 0e08725339bf c6336401');
// Linux's answer to an RFC 5227 probe (arping -D) for 192.168.1.64: target IP 0.0.0.0.
const PROBE_REPLY = hex('0001 0800 06 04 0002 020000000a03 c0a80140 0e08725339bf 00000000');

describe.skipIf(skip)('ARP frames (native/arp-raw codec)', () => {
  const c = codec!;
  it('encodes a request as arping does, with the target MAC zeroed as the kernel and RFC 5227 write it', () => {
    const mine = c.encodeRequest('0e:08:72:53:39:bf', 0xc6336401, 0xc633640a);
    expect(mine).toHaveLength(28);
    expect(mine.subarray(0, 18)).toEqual(ARPING_REQUEST.subarray(0, 18));
    expect(mine.subarray(18, 24)).toEqual(Buffer.alloc(6));
    expect(mine.subarray(24)).toEqual(ARPING_REQUEST.subarray(24));
    // A probe: sender IP 0.0.0.0.
    expect(c.encodeRequest('0E:08:72:53:39:BF', 0, 0xc0a80140).toString('hex')).toBe('00010800060400010e08725339bf00000000000000000000c0a80140');
  });

  it('decodes captured replies, including the answer to a probe', () => {
    expect(c.decodeReply(REPLY)).toEqual({ ip: '198.51.100.10', mac: '02:00:00:00:0a:01' });
    expect(c.decodeReply(PROBE_REPLY)).toEqual({ ip: '192.168.1.64', mac: '02:00:00:00:0a:03' });
    // Ethernet pads short frames to 46 bytes of payload: trailing zeros are ignored.
    expect(c.decodeReply(Buffer.concat([REPLY, Buffer.alloc(18)]))).toEqual({ ip: '198.51.100.10', mac: '02:00:00:00:0a:01' });
  });

  it('rejects requests, other types, short frames, garbage and implausible senders', () => {
    const patched = (at: number, bytes: number[]) => {
      const b = Buffer.from(REPLY);
      b.set(bytes, at);
      return b;
    };
    expect(c.decodeReply(ARPING_REQUEST)).toBeNull();
    expect(c.decodeReply(REPLY.subarray(0, 27))).toBeNull();
    expect(c.decodeReply(new Uint8Array(0))).toBeNull();
    expect(c.decodeReply(patched(0, [0, 6]))).toBeNull(); // hardware type IEEE 802
    expect(c.decodeReply(patched(2, [0x86, 0xdd]))).toBeNull(); // protocol IPv6
    expect(c.decodeReply(patched(4, [8, 4]))).toBeNull(); // hardware length 8
    expect(c.decodeReply(patched(6, [0, 3]))).toBeNull(); // RARP request
    expect(c.decodeReply(patched(8, [1, 0, 0x5e, 0, 0, 1]))).toBeNull(); // multicast sender MAC
    expect(c.decodeReply(patched(8, [0, 0, 0, 0, 0, 0]))).toBeNull(); // zero sender MAC
    expect(c.decodeReply(patched(14, [0, 0, 0, 0]))).toBeNull(); // sender IP 0.0.0.0
    for (let i = 0; i < 200; i++) {
      const junk = Buffer.from(Array.from({ length: (i * 7) % 64 }, (_, k) => (i * 31 + k * 17) & 255));
      const r = c.decodeReply(junk);
      if (r) expect(r.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
  });

  it('checks its arguments', () => {
    expect(() => c.encodeRequest('0e:08:72:53:39', 1, 2)).toThrow(TypeError);
    expect(() => c.encodeRequest('0e:08:72:53:39:bf', -1, 2)).toThrow(TypeError);
    expect(() => c.encodeRequest('0e:08:72:53:39:bf', 1, 2 ** 32)).toThrow(TypeError);
    expect(() => c.encodeRequest('0e:08:72:53:39:bf', 1.5, 2)).toThrow(TypeError);
    expect(() => c.decodeReply('0001' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('checks its arguments in C too (the binary without the JS wrapper)', () => {
    const req = createRequire(import.meta.url);
    // Untyped on purpose: the C side must refuse what TypeScript would.
    const bin = req(req.resolve('@fieldkit/arp-raw').replace(/index\.js$/, 'build/Release/arp_raw.node')) as {
      encodeRequest(mac: unknown, senderIp: unknown, targetIp: unknown): Buffer;
      decodeReply(bytes: unknown): unknown;
      open(ifname: unknown, cb: unknown): unknown;
    };
    expect(bin.encodeRequest('0e:08:72:53:39:bf', 0xc6336401, 0xc633640a)).toEqual(c.encodeRequest('0e:08:72:53:39:bf', 0xc6336401, 0xc633640a));
    expect(() => bin.encodeRequest('0e-08-72-53-39-bf', 1, 2)).toThrow(/mac must be/);
    expect(() => bin.encodeRequest('0e:08:72:53:39:bf', -1, 2)).toThrow(/senderIp/);
    expect(() => bin.encodeRequest('0e:08:72:53:39:bf', 1, 2 ** 32)).toThrow(/targetIp/);
    expect(() => bin.encodeRequest('0e:08:72:53:39:bf', 1, '2')).toThrow(/targetIp/);
    expect(() => bin.decodeReply([0, 1])).toThrow(/Uint8Array/);
    expect(() => bin.decodeReply(new Uint16Array(14))).toThrow(/Uint8Array/);
    // Refused before any socket is made.
    for (const name of ['', 'a/b', 'eth0:1', 'has space', 'x'.repeat(16), '..', 5]) expect(() => bin.open(name, () => {})).toThrow(/interface name|must be a string/);
    expect(() => bin.open('lo', 'not a function')).toThrow(/must be a function/);
  });
});
