import type { HttpTextFetcher } from '../platform/discovery-ports';
import { parseDeviceDescription, type UpnpDeviceDescription } from './protocols/upnp-description';

/** Descriptions are small; anything bigger is not a camera's and is refused. */
export const MAX_DESCRIPTION_BYTES = 256 * 1024;
export const DESCRIPTION_TIMEOUT_MS = 3000;
const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 2048;

/**
 * UPnP descriptions by LOCATION, fetched once and remembered for a while: NOTIFY repeats every
 * few seconds and ssdp:all answers several times per device, but the description is read once.
 */
export class DescriptionCache {
  private readonly entries = new Map<string, { at: number; value: Promise<UpnpDeviceDescription> }>();

  constructor(
    private readonly http: HttpTextFetcher,
    private readonly now: () => number,
  ) {}

  /** True when a fetch for `location` is cached or in flight. */
  has(location: string): boolean {
    const e = this.entries.get(location);
    return !!e && this.now() - e.at < TTL_MS;
  }

  /** The description at `location` (rejects with the fetch or parse error; failures are not cached long). */
  get(location: string): Promise<UpnpDeviceDescription> {
    const hit = this.entries.get(location);
    if (hit && this.now() - hit.at < TTL_MS) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const value = this.http
      .fetchText(location, { maxBytes: MAX_DESCRIPTION_BYTES, timeoutMs: DESCRIPTION_TIMEOUT_MS })
      .then((xml) => parseDeviceDescription(xml, location));
    this.entries.set(location, { at: this.now(), value });
    // A failed fetch may succeed on the next NOTIFY: forget it.
    value.catch(() => this.entries.delete(location));
    return value;
  }
}
