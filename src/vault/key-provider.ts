/**
 * Where the vault's 256-bit data key comes from. The CLI and the browser host
 * keep it in a 0600 file in the data dir ({@link FileKeyProvider}); the desktop
 * can wrap that same key with Electron safeStorage (the OS keychain) by giving
 * the core another provider, without the vault knowing.
 */
export interface KeyProvider {
  /** The 32-byte key; created on first use. Throws a FieldKitError when it cannot be had safely. */
  getKey(): Buffer;
  /** Where the key lives, for messages (never the key itself). */
  readonly description: string;
}

/** A fixed key, for tests. */
export function staticKeyProvider(key: Buffer): KeyProvider {
  if (key.length !== 32) throw new Error('a vault key is 32 bytes');
  return { getKey: () => key, description: 'a key given in memory' };
}
