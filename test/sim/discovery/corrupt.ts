/** Ways the simulators mangle replies for the `malformed` fault. */

/** The first half of a payload: a reply cut short, as a lost fragment or buggy firmware gives. */
export function truncateHalf(payload: Uint8Array): Uint8Array {
  return payload.subarray(0, Math.floor(payload.length / 2));
}

/** A DHIP packet whose header claims 100 more body bytes than it carries. */
export function lieAboutDhipLength(packet: Uint8Array): Uint8Array {
  const copy = packet.slice();
  const view = new DataView(copy.buffer);
  const claimed = view.getUint32(16, true) + 100;
  view.setUint32(16, claimed, true);
  view.setUint32(24, claimed, true);
  return copy;
}
