/**
 * Links between services that feed each other live: discovery's watch raises
 * and clears "device-offline" alarms; log rules turn lines into alarm records;
 * log entries learn their device from discovery's list. Wired here, at the
 * composition root, so no service imports another.
 */
import type { AlarmRecord, DiscoveredDevice, LogDeviceRef, PresenceEvent } from '../contract';
import type { AlarmRecordInput } from '../alarms/types';
import type { DeviceDirectory } from '../logs/device-directory';

/** The "device-offline" alarm record for a presence change (online clears it). */
export function presenceAlarm(p: PresenceEvent): AlarmRecordInput {
  const d = p.device;
  const label = d.name ?? d.model ?? d.mac ?? d.id;
  const where = d.ips[0] ? ` (${d.ips[0]})` : '';
  const offline = p.state === 'offline';
  return {
    device: p.id,
    source: 'discovery',
    kind: 'alarm',
    type: 'device-offline',
    severity: 'major',
    action: offline ? 'raise' : 'clear',
    time: p.at,
    message: offline ? `${label}${where} went offline (${p.cause})` : `${label}${where} is back online (${p.cause})`,
    seId: `${p.id}/device-offline`,
    // A device seen for the first time, or online again after a restart, has nothing to clear.
    ...(offline ? {} : { softClear: true }),
  };
}

/** A log rule's record as the alarms service takes it. */
export function logAlarm(r: AlarmRecord): AlarmRecordInput {
  const { logEntryId: _entry, ...rest } = r;
  return rest;
}

/** Device lookup by address, kept current from discovery's device events. */
export class DiscoveryDeviceDirectory implements DeviceDirectory {
  private readonly byIp = new Map<string, LogDeviceRef>();
  private readonly ipsOf = new Map<string, string[]>();

  update(d: DiscoveredDevice, mergedIds: readonly string[] = []): void {
    for (const id of [d.id, ...mergedIds]) {
      for (const ip of this.ipsOf.get(id) ?? []) this.byIp.delete(ip);
      this.ipsOf.delete(id);
    }
    const ref = { id: d.id, name: d.name ?? d.model ?? d.mac ?? d.id };
    for (const ip of d.ips) this.byIp.set(ip, ref);
    this.ipsOf.set(d.id, [...d.ips]);
  }

  deviceForAddress(ip: string): LogDeviceRef | null {
    return this.byIp.get(ip) ?? null;
  }
}
