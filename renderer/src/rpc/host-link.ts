import type { Transport } from '../../../src/rpc/messages';

/**
 * Where the link to the core stands. `unauthorized`: the host answers but
 * refuses this page's token (it was restarted with a new one); `no-host`: the
 * page was opened outside Electron and outside `fieldkit serve`.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'no-host';

/** A snapshot of the link, as the connection slice and the banner show it. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** Failed attempts since the link was last open. */
  attempt: number;
  /** When the next automatic attempt starts (epoch ms), or null if none is planned. */
  retryAt: number | null;
}

/**
 * A transport to the core plus what the UI needs to know about it. The
 * Electron bridge is always open; the WebSocket reconnects on its own.
 */
export interface HostLink extends Transport {
  readonly kind: 'electron' | 'websocket' | 'none';
  readonly state: ConnectionState;
  onState(cb: (s: ConnectionState) => void): () => void;
  /** Begin connecting (listeners are registered first so no state is missed). */
  start(): void;
  /** Skip the backoff wait and try now. */
  retryNow(): void;
  dispose(): void;
}

/** A link for a page opened where no host can serve it (e.g. index.html from disk in a browser). */
export function noHostLink(): HostLink {
  const state: ConnectionState = { status: 'no-host', attempt: 0, retryAt: null };
  return {
    kind: 'none',
    state,
    send() {
      throw new Error('No FieldKit host: open the UI from the app or from `fieldkit serve`.');
    },
    onMessage: () => () => undefined,
    onState(cb) {
      cb(state);
      return () => undefined;
    },
    start: () => undefined,
    retryNow: () => undefined,
    dispose: () => undefined,
  };
}
