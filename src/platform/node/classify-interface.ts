import type { InterfaceKind } from '../../contract';

/** What the OS tells us about one interface, gathered by the adapter. */
export interface InterfaceFacts {
  name: string;
  platform: NodeJS.Platform;
  internal: boolean;
  /** Linux: /sys/class/net/NAME/device exists (backed by real hardware). */
  hasDevice?: boolean;
  /** Linux: /sys/class/net/NAME/wireless or phy80211 exists. */
  wireless?: boolean;
  /** Linux: /sys/class/net/NAME/bridge exists. */
  bridge?: boolean;
  /** Linux: ARPHRD type from /sys/class/net/NAME/type (1 ethernet, 772 loopback, 65534 none/tun). */
  arpType?: number;
}

const VPN = /^(tun|tap|wg|ppp|tailscale|zt|utun|ipsec|nordlynx|proton|mullvad)|vpn|wireguard|openvpn|anyconnect|fortinet|globalprotect|tap-windows|wintun/i;
const CONTAINER = /^(docker|br-[0-9a-f]{6,}|veth|cni|flannel|cali|podman|lxc|lxd|virbr|vnet|kube)|vethernet|wsl|hyper-v/i;
const VIRTUAL = /^(vmnet|vboxnet|dummy|bond|macvlan|ipvlan|vxlan|gre|sit|ip6tnl)|virtualbox|vmware|host-only|loopback pseudo|npcap loopback/i;

/**
 * Classifies an interface so discovery can probe physical NICs by default and
 * the doctor can warn about adapters known to steal multicast (VPNs, Hyper-V).
 * On Linux sysfs facts decide; names are the fallback (and the only clue on Windows).
 */
export function classifyInterface(f: InterfaceFacts): { kind: InterfaceKind; reason: string } {
  if (f.internal || f.arpType === 772 || /^lo\d*$/.test(f.name)) return { kind: 'loopback', reason: 'loopback interface' };
  if (VPN.test(f.name)) return { kind: 'vpn', reason: `name "${f.name}" looks like a VPN or tunnel adapter` };
  if (CONTAINER.test(f.name)) return { kind: 'container', reason: `name "${f.name}" looks like a container or hypervisor bridge` };
  if (VIRTUAL.test(f.name)) return { kind: 'virtual', reason: `name "${f.name}" looks like a virtual adapter` };
  if (f.platform === 'linux') {
    if (f.arpType === 65534) return { kind: 'vpn', reason: 'point-to-point interface without link layer (tunnel)' };
    if (f.wireless) return { kind: 'wireless', reason: 'wireless device in /sys' };
    if (f.bridge) return { kind: 'virtual', reason: 'software bridge' };
    if (f.hasDevice === false) return { kind: 'virtual', reason: 'no hardware device behind it in /sys' };
    return { kind: 'physical', reason: 'hardware Ethernet device' };
  }
  if (/wi-?fi|wireless|wlan|802\.11/i.test(f.name)) return { kind: 'wireless', reason: `name "${f.name}" looks wireless` };
  return { kind: 'physical', reason: 'no sign of a virtual adapter' };
}
