import type { LogDeviceRef } from '../contract/logs';

/**
 * Which known device an address belongs to. The discovery service will provide the real one; until
 * then {@link nullDeviceDirectory} knows none, and entries carry `device: null`.
 */
export interface DeviceDirectory {
  deviceForAddress(ip: string): LogDeviceRef | null;
}

/** Knows no devices. */
export const nullDeviceDirectory: DeviceDirectory = { deviceForAddress: () => null };

/** A fixed map from address to device, for tests and the CLI. */
export function staticDeviceDirectory(map: Record<string, LogDeviceRef>): DeviceDirectory {
  return { deviceForAddress: (ip) => (Object.hasOwn(map, ip) ? map[ip]! : null) };
}
