/**
 * Keeps the page's device map in step with the core's registry. When the core learns that two
 * records are one camera (a WS-Discovery answer without a MAC, then the same camera's SADP
 * answer with one), it keeps one and names the others in `DeviceEvent.mergedIds`.
 */
import type { DiscoveredDevice } from '../../../../src/contract';

/** The map with `device` put in and the records it absorbed taken out. */
export function upsertDevice(
  byId: Readonly<Record<string, DiscoveredDevice>>,
  device: DiscoveredDevice,
  mergedIds: readonly string[] = [],
): Record<string, DiscoveredDevice> {
  const next: Record<string, DiscoveredDevice> = { ...byId, [device.id]: device };
  for (const id of mergedIds) if (id !== device.id) delete next[id];
  return next;
}

/** A map from a list (the core's `discovery.list` is authoritative: it replaces everything). */
export function devicesById(list: readonly DiscoveredDevice[]): Record<string, DiscoveredDevice> {
  return Object.fromEntries(list.map((d) => [d.id, d]));
}
