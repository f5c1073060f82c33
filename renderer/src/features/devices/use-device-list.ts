import { useMemo } from 'react';
import type { DiscoveredDevice } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { filterDevices, sortDevices } from './device-view';
import { findIpConflicts, laptopSubnets, type IpConflict, type LaptopSubnet } from './lan-map';

/** The device list as the page shows it, derived once per change of the store's inputs. */
export interface DeviceList {
  all: DiscoveredDevice[];
  /** Filtered and sorted: the table's rows, the map's devices, what Export saves. */
  shown: DiscoveredDevice[];
  conflicts: Map<string, IpConflict>;
  laptop: LaptopSubnet[];
}

export function useDeviceList(): DeviceList {
  const byId = useApp((s) => s.devices.byId);
  const filters = useApp((s) => s.devices.filters);
  const sort = useApp((s) => s.devices.sort);
  const interfaces = useApp((s) => s.system.interfaces);
  const draftIfaces = useApp((s) => s.devices.draft.interfaces);
  const scannedIfaces = useApp((s) => s.devices.scan.result?.interfaces);
  const all = useMemo(() => Object.values(byId), [byId]);
  const conflicts = useMemo(() => findIpConflicts(all), [all]);
  const shown = useMemo(() => sortDevices(filterDevices(all, filters, new Set(conflicts.keys())), sort), [all, filters, conflicts, sort]);
  const laptop = useMemo(() => {
    // Bridges, VPNs and the like count as laptop subnets once the technician scanned them or a device was heard there.
    const used = new Set([...draftIfaces, ...(scannedIfaces ?? []), ...all.flatMap((d) => d.interfaces)]);
    return laptopSubnets(interfaces, [...used]);
  }, [interfaces, draftIfaces, scannedIfaces, all]);
  return { all, shown, conflicts, laptop };
}
