import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src/platform/data-dir';

describe('resolveDataDir', () => {
  const base = { env: {}, platform: 'linux' as const, homedir: '/home/tech' };
  it('prefers --data-dir, then FIELDKIT_DATA_DIR', () => {
    expect(resolveDataDir({ ...base, override: '/x', env: { FIELDKIT_DATA_DIR: '/y' } })).toBe('/x');
    expect(resolveDataDir({ ...base, env: { FIELDKIT_DATA_DIR: '/y' } })).toBe('/y');
  });
  it('uses $XDG_DATA_HOME/fieldkit, or ~/.local/share/fieldkit on Linux', () => {
    expect(resolveDataDir({ ...base, env: { XDG_DATA_HOME: '/data' } })).toBe('/data/fieldkit');
    expect(resolveDataDir(base)).toBe('/home/tech/.local/share/fieldkit');
  });
  it('ignores a relative XDG_DATA_HOME as the spec requires', () => {
    expect(resolveDataDir({ ...base, env: { XDG_DATA_HOME: 'rel/path' } })).toBe('/home/tech/.local/share/fieldkit');
  });
  it('uses %APPDATA%\\fieldkit on Windows', () => {
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\t' })).toBe(
      'C:\\Users\\t\\AppData\\Roaming\\fieldkit',
    );
    expect(resolveDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\t' })).toBe('C:\\Users\\t\\AppData\\Roaming\\fieldkit');
  });
});
