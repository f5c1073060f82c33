const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decoded text and whether the bytes were valid UTF-8 (if not, bad sequences became U+FFFD). */
export interface Decoded {
  text: string;
  valid: boolean;
}

/**
 * Decode UTF-8 without ever throwing. A BOM is kept as U+FEFF: in RFC 5424 it marks the start of
 * MSG, so only the message parser may remove it.
 */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes), valid: true };
  } catch {
    return { text: lenient.decode(bytes), valid: false };
  }
}

/** Lower-case hex of `bytes`, for keeping undecodable input losslessly in a JSON-safe field. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * How many leading bytes of `bytes` end on a UTF-8 character boundary: a character cut by a length
 * cap is left out so the kept part decodes cleanly (the caller may carry the rest over). Bytes that
 * are not UTF-8 at all are left alone.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for its lead byte
    const need = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
