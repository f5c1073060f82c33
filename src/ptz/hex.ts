/** Formats bytes the way VISCA and Pelco manuals print them: upper-case pairs separated by spaces. */
export function toHex(bytes: Uint8Array | readonly number[]): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Formats one byte as `0x0E` for human messages. */
export function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Parses manual-style hex ("81 01 06 01 FF", "8101060 1ff", "0x81,0x01") into bytes.
 * Throws on odd digit counts or non-hex characters, so a typo in a test or a user's raw command
 * is reported instead of silently truncated.
 */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new Error(`not hex: "${text}"`);
  if (clean.length % 2 !== 0) throw new Error(`odd number of hex digits: "${text}"`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
