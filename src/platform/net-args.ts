import { FieldKitError } from '../contract/errors';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** Throws invalid_input unless `v` is a dotted-quad IPv4 address. */
export function ipv4Arg(v: string): string {
  if (!IPV4.test(v)) throw new FieldKitError('invalid_input', `"${v}" is not an IPv4 address.`);
  return v;
}

/** Throws invalid_input unless `v` is IPv4/prefix (1..32). */
export function cidrArg(v: string): { ip: string; prefix: number; cidr: string } {
  const [ip = '', p = '', ...rest] = v.split('/');
  const prefix = Number(p);
  if (rest.length || !IPV4.test(ip) || !/^\d{1,2}$/.test(p) || prefix < 1 || prefix > 32) {
    throw new FieldKitError('invalid_input', `"${v}" is not an IPv4 address with a prefix length (e.g. 192.168.1.200/24).`);
  }
  return { ip, prefix, cidr: `${ip}/${prefix}` };
}

/** Throws invalid_input unless `v` is a unicast MAC; returns it as aa:bb:cc:dd:ee:ff. */
export function macArg(v: string): string {
  const hex = v.toLowerCase().replace(/[-:.]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex) || (parseInt(hex.slice(0, 2), 16) & 1) === 1) {
    throw new FieldKitError('invalid_input', `"${v}" is not a unicast MAC address.`);
  }
  return hex.match(/../g)!.join(':');
}

/**
 * Interface names as the OS spells them. Linux: up to 15 characters without
 * spaces or slashes; Windows adapter names may have spaces and parentheses
 * ("Ethernet 2", "vEthernet (WSL)"), but never quotes or control characters.
 */
export function ifaceArg(v: string, platform: NodeJS.Platform = process.platform): string {
  const ok = platform === 'win32' ? /^[\p{L}\p{N} ()._#-]{1,64}$/u.test(v) : /^[A-Za-z0-9_.@:-]{1,15}$/.test(v) && !v.startsWith('-');
  if (!ok) throw new FieldKitError('invalid_input', `"${v}" is not a network interface name.`);
  return v;
}

/** Dotted netmask for a prefix length (Windows netsh wants masks). */
export function prefixToMask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 0xff).join('.');
}
