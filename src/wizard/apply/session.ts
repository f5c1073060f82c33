import { FieldKitError } from '../../contract/errors';
import { ChangeSet } from '../../net/journal';
import { ensureReachable } from '../../net/reach';
import type { OnvifCredentials, OnvifDevice } from '../../onvif/device';
import { arpAll, sighting } from './arp';
import type { ApplyDeps } from './deps';

/**
 * One camera reached at one address: a temporary laptop alias when it is in
 * another subnet and its MAC pinned when it shares the address, both
 * journaled and removed by {@link close} (or by the next start after a crash).
 */
export class DeviceSession {
  private constructor(
    private readonly deps: ApplyDeps,
    private readonly changes: ChangeSet,
    readonly ip: string,
    readonly mac: string,
    readonly xaddr: string,
  ) {}

  static async open(deps: ApplyDeps, o: { iface: string; ip: string; prefix: number; mac: string; reason: string }): Promise<DeviceSession> {
    const changes = new ChangeSet(deps.journal, o.reason);
    try {
      await ensureReachable({ net: deps.net, info: deps.info }, changes, o.iface, o.ip, o.prefix);
      const macs = (await arpAll(deps.net, o.iface, o.ip, o.mac)).map((r) => r.mac);
      if (!macs.includes(o.mac) && macs.length >= 2 && deps.seen.has(sighting(o.ip, o.mac))) macs.push(o.mac);
      if (!macs.includes(o.mac)) throw new FieldKitError('not_found', `${o.mac} does not answer at ${o.ip} (answering: ${macs.join(', ') || 'nobody'}).`);
      if (macs.length > 1) await changes.apply({ kind: 'neighbour', iface: o.iface, ip: o.ip, mac: o.mac });
      return new DeviceSession(deps, changes, o.ip, o.mac, `http://${o.ip}/onvif/device_service`);
    } catch (err) {
      await changes.revertAll();
      throw err;
    }
  }

  /** A device-service client with these credentials, its clock offset learnt. */
  async device(credentials: OnvifCredentials): Promise<OnvifDevice> {
    const dev = this.deps.onvif(this.xaddr, credentials);
    await dev.syncClock();
    return dev;
  }

  /** Removes the laptop changes; returns errors (never throws). */
  close(): Promise<string[]> {
    return this.changes.revertAll();
  }
}
