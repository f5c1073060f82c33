import { describe, expect, it } from 'vitest';
import { FieldKitError, type NetInterface, type Settings, type SystemInfo } from '../../../src/contract';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';

const INFO: SystemInfo = {
  name: 'FieldKit',
  version: '0.1.0',
  host: 'browser',
  platform: 'linux',
  arch: 'x64',
  nodeVersion: '20.0.0',
  electronVersion: null,
  dataDir: '/data',
  databasePath: '/data/fieldkit.db',
  schemaVersion: 1,
  network: { allowed: false, code: 'needs-pkexec', reason: 'not root', elevation: 'pkexec' },
};
const LO: NetInterface = { name: 'lo', mac: null, up: true, kind: 'loopback', kindReason: 'loopback flag', addresses: [] };

/** A settings "database" and a system service with switches for failures. */
function fakes() {
  let saved: Settings = { language: 'en', theme: 'system' };
  const calls: string[] = [];
  const hashes: [string, boolean][] = [];
  const ctl = { failUpdate: false, failInfo: false, gate: null as Promise<void> | null };
  const deps: StoreDeps = {
    api: {
      settings: {
        get: async () => saved,
        update: async (patch) => {
          calls.push(`update ${JSON.stringify(patch)}`);
          if (ctl.failUpdate) throw new FieldKitError('failed', 'disk full');
          saved = { ...saved, ...patch };
          return saved;
        },
      },
      system: {
        info: async () => {
          if (ctl.gate) await ctl.gate;
          if (ctl.failInfo) throw new FieldKitError('unavailable', 'Cannot reach the FieldKit core');
          return INFO;
        },
        interfaces: async () => [LO],
        serialPorts: async () => [],
        ping: async () => ({ echo: null, at: '' }),
      },
    },
    retryConnection: () => calls.push('retry'),
    writeHash: (h, replace) => hashes.push([h, replace]),
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
  return { deps, calls, hashes, ctl, saved: () => saved };
}

describe('settings slice', () => {
  it('loads from the core and marks itself loaded', async () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    expect(store.getState().settings.loaded).toBe(false);
    await store.getState().loadSettings();
    expect(store.getState().settings).toMatchObject({ language: 'en', theme: 'system', loaded: true, error: null });
  });

  it('switching language updates at once and saves it in the core', async () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    const pending = store.getState().setLanguage('zh-CN');
    expect(store.getState().settings.language).toBe('zh-CN'); // optimistic
    await pending;
    expect(f.calls).toEqual(['update {"language":"zh-CN"}']);
    expect(f.saved().language).toBe('zh-CN');
  });

  it('a refused save puts the old value back and keeps the reason', async () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    f.ctl.failUpdate = true;
    await store.getState().setTheme('dark');
    expect(store.getState().settings.theme).toBe('system');
    expect(store.getState().settings.error).toBe('disk full');
  });

  it('settings.changed from another client wins', () => {
    const store = createAppStore(fakes().deps);
    store.getState().applySettings({ language: 'zh-CN', theme: 'dark' });
    expect(store.getState().settings).toMatchObject({ language: 'zh-CN', theme: 'dark', loaded: true });
  });

  it('starts from the local cache, and writes what the core says back to it', async () => {
    const f = fakes();
    let cached: Partial<Settings> = { language: 'zh-CN', theme: 'dark' };
    const store = createAppStore({ ...f.deps, prefs: { load: () => cached, save: (s) => void (cached = s) } });
    expect(store.getState().settings).toMatchObject({ language: 'zh-CN', theme: 'dark', loaded: false });
    await store.getState().loadSettings();
    expect(cached).toEqual({ language: 'en', theme: 'system' });
  });

  it('ignores a corrupt cache', () => {
    const f = fakes();
    const store = createAppStore({ ...f.deps, prefs: { load: () => ({ language: 'xx' as never, theme: 42 as never }), save: () => undefined } });
    expect(store.getState().settings).toMatchObject({ language: 'en', theme: 'system' });
  });
});

describe('system slice', () => {
  it('refresh fetches info, interfaces and serial ports together', async () => {
    const store = createAppStore(fakes().deps);
    await store.getState().refreshSystem();
    expect(store.getState().system).toEqual({
      info: INFO,
      interfaces: [LO],
      serialPorts: [],
      status: 'ready',
      error: null,
      refreshedAt: '2024-05-01T10:00:00.000Z',
    });
  });

  it('a failure keeps the last data and says why', async () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    await store.getState().refreshSystem();
    f.ctl.failInfo = true;
    await store.getState().refreshSystem();
    expect(store.getState().system.status).toBe('error');
    expect(store.getState().system.error).toBe('Cannot reach the FieldKit core');
    expect(store.getState().system.info).toEqual(INFO);
  });

  it('an older refresh finishing late does not overwrite a newer one', async () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    let open!: () => void;
    f.ctl.gate = new Promise((r) => (open = r));
    const first = store.getState().refreshSystem();
    f.ctl.gate = null;
    f.ctl.failInfo = true;
    const second = store.getState().refreshSystem();
    await second;
    f.ctl.failInfo = false;
    open();
    await first;
    expect(store.getState().system.status).toBe('error');
  });
});

describe('navigation slice', () => {
  it('navigate sets the page and writes the hash into history', () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    store.getState().navigate('system');
    expect(store.getState().page).toBe('system');
    expect(f.hashes).toEqual([['#/system', false]]);
  });

  it('follows a known hash and redirects an unknown one without a history entry', () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    store.getState().syncFromHash('#/logs');
    expect(store.getState().page).toBe('logs');
    expect(f.hashes).toEqual([]);
    store.getState().syncFromHash('#/nope');
    expect(store.getState().page).toBe('devices');
    expect(f.hashes).toEqual([['#/devices', true]]);
  });
});

describe('connection slice', () => {
  it('remembers having been open, so a later drop reads as "lost"', () => {
    const f = fakes();
    const store = createAppStore(f.deps);
    expect(store.getState().connection.everOpen).toBe(false);
    store.getState().setConnection({ status: 'open', attempt: 0, retryAt: null });
    store.getState().setConnection({ status: 'reconnecting', attempt: 1, retryAt: 5 });
    expect(store.getState().connection).toMatchObject({ status: 'reconnecting', attempt: 1, everOpen: true });
    store.getState().heartbeat('2024-05-01T10:00:05Z');
    expect(store.getState().connection.lastHeartbeat).toBe('2024-05-01T10:00:05Z');
    store.getState().retryConnection();
    expect(f.calls).toContain('retry');
  });
});
