/**
 * Devices answer every probe round, and their answers to the second and third round are the same
 * document as the first but for message ids. Parsing XML is most of the CPU a scan costs, so an
 * answer whose content was parsed moments ago is not parsed again: its observations are replayed
 * with the new arrival time (presence stays exact). Content differs by more than the volatile
 * parts below? Then it is simply parsed.
 */
import type { DiscoveryProtocolName } from '../contract/discovery-protocols';
import type { UdpPeer } from '../platform/discovery-ports';
import type { Observation } from './observation';

/** Per protocol, the parts of an answer that change between rounds without meaning anything. */
const VOLATILE: Record<DiscoveryProtocolName, RegExp[]> = {
  // WS-Addressing ids and the AppSequence counter. The attribute part stops at '<' too: with `[^>]*`
  // a datagram of unclosed `<MessageID` tags took quadratic time (~140 ms for 64 KiB, per datagram).
  onvif: [/<(\w+:)?(MessageID|RelatesTo)\b[^<>]*>[^<]*<\/(\w+:)?\2>/g, /\bMessageNumber="\d+"/g],
  // The DATE header.
  ssdp: [/^date:[^\r\n]*/gim],
  // SADP echoes the probe's Uuid.
  sadp: [/<Uuid>[^<]*<\/Uuid>/g],
  dhip: [],
};

export type RepeatResult = Observation[] | 'malformed';

/**
 * Bounded by entries and by the bytes of their keys (a key holds the whole datagram, up to 64 KiB):
 * a flood of distinct datagrams resets it rather than growing it.
 */
export class RepeatCache {
  private readonly entries = new Map<string, { at: number; result: RepeatResult }>();
  private keyChars = 0;

  constructor(
    private readonly ttlMs = 5000,
    private readonly max = 4096,
    private readonly maxKeyChars = 8 * 1024 * 1024,
  ) {}

  /** The key of a datagram: where it came from and what it says, volatile parts removed. */
  key(proto: DiscoveryProtocolName, iface: string | null, from: UdpPeer, data: Uint8Array): string {
    let text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    for (const re of VOLATILE[proto]) text = text.replace(re, '');
    return `${proto}|${iface ?? ''}|${from.address}|${from.port}|${text}`;
  }

  /** What the same content gave within the last `ttlMs`, if anything. */
  get(key: string, at: number): RepeatResult | undefined {
    const e = this.entries.get(key);
    return e && at - e.at <= this.ttlMs ? e.result : undefined;
  }

  set(key: string, at: number, result: RepeatResult): void {
    if (this.entries.size >= this.max || this.keyChars + key.length > this.maxKeyChars) {
      this.entries.clear();
      this.keyChars = 0;
    }
    if (!this.entries.has(key)) this.keyChars += key.length;
    this.entries.set(key, { at, result });
  }

  /** Characters held in keys (latin1: one byte each), for tests of the bound. */
  get heldChars(): number {
    return this.keyChars;
  }
}
