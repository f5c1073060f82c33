import { createClient, type RpcClient } from '../../../src/rpc/client';
import { installPageShortcuts } from '../keyboard/page-shortcuts';
import type { HostLink } from '../rpc/host-link';
import { pickHostLink } from '../rpc/pick-link';
import { createAppStore, type AppStore } from '../stores/app-store';
import { localPrefsCache } from './prefs-cache';

export interface Started {
  store: AppStore;
  link: HostLink;
  client: RpcClient;
}

/**
 * Wires the renderer together: link → RPC client → store. Events feed slices;
 * every time the link (re)opens, subscriptions are re-sent and server state is
 * reloaded, so a restarted host is picked up without a page reload.
 */
export function startApp(win: Window): Started {
  const link = pickHostLink(win);
  const client = createClient(link);
  const store = createAppStore({
    api: client.api,
    retryConnection: () => link.retryNow(),
    writeHash: (hash, replace) => {
      if (replace) win.history.replaceState(win.history.state, '', hash);
      else win.location.hash = hash;
    },
    prefs: localPrefsCache(win.localStorage),
    on: (topic, cb) => client.on(topic, cb),
  });

  client.on('settings.changed', (s) => store.getState().applySettings(s));
  client.on('system.heartbeat', (p) => store.getState().heartbeat(p.at));

  const reload = async () => {
    await client.resubscribe().catch(() => undefined);
    const s = store.getState();
    await Promise.all([s.loadSettings(), s.refreshSystem()]);
  };
  link.onState((state) => {
    store.getState().setConnection(state);
    if (state.status === 'open') void reload();
  });

  win.addEventListener('hashchange', () => store.getState().syncFromHash(win.location.hash));
  store.getState().syncFromHash(win.location.hash);
  installPageShortcuts(win, (page) => store.getState().navigate(page));
  link.start();
  return { store, link, client };
}
