import { useMemo } from 'react';
import { useApp } from '../../stores/context';
import { laptopSubnets, type LaptopSubnet } from '../devices/lan-map';
import { usableInterfaces } from './model/fix-plan';
import { buildProblems, type Problem } from './model/problems';

/** The laptop's subnets on every usable interface (a fix may use any NIC the technician picks). */
export function useLaptopSubnets(): LaptopSubnet[] {
  const interfaces = useApp((s) => s.system.interfaces);
  return useMemo(() => laptopSubnets(interfaces, usableInterfaces(interfaces).map((i) => i.name)), [interfaces]);
}

/** The problems list, derived once per change of discovery's devices, the sweep or the fixes. */
export function useProblems(): Problem[] {
  const byId = useApp((s) => s.devices.byId);
  const sweep = useApp((s) => s.network.sweep.result);
  const fixed = useApp((s) => s.network.fixed);
  const laptop = useLaptopSubnets();
  return useMemo(
    () => buildProblems({ devices: Object.values(byId), sweep: sweep ? { iface: sweep.iface, hosts: sweep.hosts } : null, laptop, fixed }),
    [byId, sweep, fixed, laptop],
  );
}
