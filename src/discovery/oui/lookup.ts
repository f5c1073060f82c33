import { OUI_TABLE } from './oui-table';

let index: Map<string, string> | undefined;

function build(table: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of table.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const vendor = line.slice(0, tab);
    for (const prefix of line.slice(tab + 1).split(' ')) if (prefix) map.set(prefix, vendor);
  }
  return map;
}

/**
 * The organisation an IEEE assignment (MA-S 36-bit, MA-M 28-bit or MA-L 24-bit, longest first)
 * gives for `mac` (`aa:bb:cc:dd:ee:ff`), from the table shipped with FieldKit. Null for unknown
 * prefixes and for locally administered addresses, which no vendor owns.
 */
export function macVendor(mac: string | null | undefined, table: string = OUI_TABLE): string | null {
  if (!mac) return null;
  const hex = mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
  if (hex.length !== 12) return null;
  if ((Number.parseInt(hex.slice(0, 2), 16) & 0x02) !== 0) return null;
  const map = table === OUI_TABLE ? (index ??= build(table)) : build(table);
  return map.get(hex.slice(0, 9)) ?? map.get(hex.slice(0, 7)) ?? map.get(hex.slice(0, 6)) ?? null;
}
