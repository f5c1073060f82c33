/**
 * The core explains an off-subnet device in one English sentence (DiscoveredDevice.inSubnetReason).
 * Its sentences come from a handful of templates, so the UI recognises them and says the same
 * thing in the reader's language; a sentence it does not know is shown as the core wrote it.
 */

/** A recognised reason: a translation key under `devices.subnetReason` and its values. */
export type SubnetReason =
  | { key: 'noDeviceIp'; params: Record<string, never> }
  | { key: 'noLaptopIp'; params: Record<string, never> }
  | { key: 'maskExcludesLaptop'; params: { mask: string; subnet: string; laptopIp: string } }
  | { key: 'noLaptopIn'; params: { subnet: string; laptop: string } }
  | { key: 'noLaptopFor'; params: { ip: string; laptop: string } };

const ADDR = String.raw`[0-9.]+`;
const CIDR = String.raw`[0-9.]+\/\d{1,2}`;

/** Reads the core's sentence; null when it is not one of the known templates. */
export function parseSubnetReason(reason: string | null): SubnetReason | null {
  if (reason === null) return null;
  const r = reason.trim();
  if (r === 'the device reported no IPv4 address') return { key: 'noDeviceIp', params: {} };
  if (r === 'the laptop has no IPv4 address on an up interface') return { key: 'noLaptopIp', params: {} };
  let m = new RegExp(`^the device's mask (${ADDR}) puts it in (${CIDR}), which does not contain the laptop address (${ADDR})$`).exec(r);
  if (m) return { key: 'maskExcludesLaptop', params: { mask: m[1]!, subnet: m[2]!, laptopIp: m[3]! } };
  m = new RegExp(`^no laptop address in (${CIDR}) \\(laptop: ([^)]*)\\)$`).exec(r);
  if (m) return { key: 'noLaptopIn', params: { subnet: m[1]!, laptop: m[2]! } };
  m = new RegExp(`^no laptop address in a subnet containing (${ADDR}) \\(laptop: ([^)]*)\\)$`).exec(r);
  if (m) return { key: 'noLaptopFor', params: { ip: m[1]!, laptop: m[2]! } };
  return null;
}
