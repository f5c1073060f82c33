import type { DeviceSnapshot } from '../../contract/wizard';
import type { OnvifDevice } from '../../onvif/device';
import { scopeValue } from '../../onvif/parse-admin';
import type { DeviceInformation, NetworkInterfaceInfo } from '../../onvif/types';
import { FieldKitError } from '../../contract/errors';

/** What apply reads from a camera: its identity, its state, and the interface token to change it. */
export interface CameraRead {
  identity: DeviceInformation;
  snapshot: DeviceSnapshot;
  token: string;
}

function pick(list: NetworkInterfaceInfo[], mac: string): NetworkInterfaceInfo {
  const usable = list.filter((i) => i.enabled && i.ipv4);
  const nic = usable.find((i) => i.mac === mac) ?? usable[0];
  if (!nic) throw new FieldKitError('failed', 'The camera reports no enabled IPv4 interface.');
  return nic;
}

/**
 * Reads everything the plan compares against. Optional services (scopes,
 * NTP, capabilities) that a camera does not implement read as unknown
 * rather than failing the device.
 */
export async function readCamera(dev: OnvifDevice, mac: string): Promise<CameraRead> {
  const clock = await dev.syncClock();
  const identity = await dev.getDeviceInformation();
  const nic = pick(await dev.getNetworkInterfaces(), mac);
  const addr = nic.ipv4?.dhcp ? nic.ipv4.fromDhcp : (nic.ipv4?.manual[0] ?? null);
  const gateway = await dev.getDefaultGateway().catch(() => [] as string[]);
  const hostname = await dev.getHostname().then((h) => h.name).catch(() => null);
  const scopes = await dev.getScopes().catch(() => null);
  const ntp = await dev.getNtp().catch(() => null);
  const ptz = await dev.getPtzCapability().catch(() => null);
  return {
    identity,
    token: nic.token,
    snapshot: {
      ip: addr?.address ?? null,
      prefix: addr?.prefix ?? null,
      dhcp: nic.ipv4?.dhcp ?? null,
      gateway,
      hostname,
      name: scopes ? scopeValue(scopes, 'name') : null,
      location: scopes ? scopeValue(scopes, 'location') : null,
      timeMode: clock.type === 'NTP' ? 'NTP' : clock.type === 'Manual' ? 'Manual' : null,
      ntpServers: ntp?.servers ?? [],
      timezone: clock.timezone,
      clockOffsetMs: clock.utc ? clock.offsetMs : null,
      hasPtz: ptz ? ptz.ptz : null,
    },
  };
}
