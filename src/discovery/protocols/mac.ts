/**
 * MAC addresses arrive in every vendor's spelling: Hikvision SADP `44-19-b6-..`, Dahua `3c:ef:8c:..`,
 * Cisco `4419.b612.3456`, ONVIF scopes and UPnP extensions as bare `4419B6123456`. FieldKit keys
 * devices by one canonical form: lowercase, colon-separated.
 */

const SIX_GROUPS = /^([0-9a-f]{1,2})([:-])([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})$/i;
const DOTTED = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;
const BARE = /^[0-9a-f]{12}$/i;

function pairs(hex12: string): string {
  return (hex12.toLowerCase().match(/../g) ?? []).join(':');
}

/** Canonical `aa:bb:cc:dd:ee:ff`, or undefined when `input` is not a MAC in a known spelling. */
export function tryNormaliseMac(input: string): string | undefined {
  const s = input.trim();
  const six = SIX_GROUPS.exec(s);
  if (six) {
    // Some tools drop leading zeros (`0:1b:..`); one separator style per address.
    return [six[1], six[3], six[4], six[5], six[6], six[7]].map((g) => (g ?? '').padStart(2, '0').toLowerCase()).join(':');
  }
  const dotted = DOTTED.exec(s);
  if (dotted) return pairs(`${dotted[1]}${dotted[2]}${dotted[3]}`);
  if (BARE.test(s)) return pairs(s);
  return undefined;
}

/**
 * Canonical `aa:bb:cc:dd:ee:ff` from `aa-bb-..`, `AA:BB:..`, `aabb.ccdd.eeff` or 12 hex digits.
 * Throws a RangeError naming the input otherwise.
 */
export function normaliseMac(input: string): string {
  const mac = tryNormaliseMac(input);
  if (mac === undefined) throw new RangeError(`not a MAC address: "${input.slice(0, 40)}"`);
  return mac;
}

/** True when `input` is a MAC address in one of the spellings {@link normaliseMac} accepts. */
export function isValidMac(input: string): boolean {
  return tryNormaliseMac(input) !== undefined;
}

/** True for the all-zero MAC devices report before their NIC is up. */
export function isZeroMac(mac: string): boolean {
  return tryNormaliseMac(mac) === '00:00:00:00:00:00';
}
