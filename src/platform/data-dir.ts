import { join, win32 } from 'node:path';

/** Inputs to {@link resolveDataDir}; passed in so the rule is testable on any OS. */
export interface DataDirInput {
  /** `--data-dir` from the command line, highest priority. */
  override?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
}

/**
 * Where FieldKit keeps its one database and files. Every host (Electron, the
 * browser host, the CLI) resolves the same folder so a technician sees the same
 * devices, logs and records whichever way FieldKit was started.
 */
export function resolveDataDir(input: DataDirInput): string {
  if (input.override) return input.override;
  const fromEnv = input.env.FIELDKIT_DATA_DIR;
  if (fromEnv) return fromEnv;
  if (input.platform === 'win32') {
    const appData = input.env.APPDATA || win32.join(input.homedir, 'AppData', 'Roaming');
    return win32.join(appData, 'fieldkit');
  }
  if (input.platform === 'darwin') return join(input.homedir, 'Library', 'Application Support', 'fieldkit');
  const xdg = input.env.XDG_DATA_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'fieldkit');
  return join(input.homedir, '.local', 'share', 'fieldkit');
}
