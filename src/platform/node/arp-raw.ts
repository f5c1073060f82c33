import { createRequire } from 'node:module';
import { join } from 'node:path';
import { appRoot } from './app-root';
import type { RawArpOpener } from './arp-sweeper';

/** The part of the @fieldkit/arp-raw addon (native/arp-raw) FieldKit uses. */
export interface ArpRawModule {
  /** False where raw ARP sockets are not implemented (all but Linux). */
  supported: boolean;
  open: RawArpOpener;
}

const PACKAGE = '@fieldkit/arp-raw';
let loaded: { module: ArpRawModule | null; error?: string } | undefined;

/**
 * The raw ARP addon, or null with the reason when it is absent (an optional dependency whose build
 * failed or was skipped), fails to load, or does not support this OS. Loaded once per process.
 * Required at run time, never bundled: a CommonJS bundle (Electron main) resolves from its own file
 * (Electron's module loader reads app.asar); ESM (the CLI bundle, tsx) from FieldKit's folder. Not
 * `typeof require`: esbuild's ESM output defines a `require` stub that only throws.
 */
export function loadArpRaw(): { module: ArpRawModule | null; error?: string } {
  if (loaded) return loaded;
  try {
    const req = createRequire(typeof __filename === 'string' ? __filename : join(appRoot(), 'package.json'));
    const m = req(PACKAGE) as ArpRawModule;
    loaded = m.supported ? { module: m } : { module: null, error: `${PACKAGE} does not support ${process.platform}` };
  } catch (e) {
    loaded = { module: null, error: `${PACKAGE} is not available: ${(e as Error).message.split('\n')[0]}` };
  }
  return loaded;
}
