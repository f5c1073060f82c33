import type { Msg } from '../../../src/rpc/messages';
import type { ConnectionState, HostLink } from './host-link';

/** What main/preload exposes through contextBridge: two functions, nothing else. */
export interface FieldKitBridge {
  send(msg: Msg): void;
  /** Returns a function that removes the listener. */
  onMessage(cb: (msg: Msg) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron window (set by the preload). */
    fieldkit?: FieldKitBridge;
  }
}

/** Tells a real bridge from anything else a page could have put on `window.fieldkit`. */
export function isBridge(v: unknown): v is FieldKitBridge {
  return typeof v === 'object' && v !== null &&
    typeof (v as FieldKitBridge).send === 'function' && typeof (v as FieldKitBridge).onMessage === 'function';
}

/** The Electron IPC bridge as a link: it lives as long as the window, so it is always open. */
export function electronLink(bridge: FieldKitBridge): HostLink {
  const state: ConnectionState = { status: 'open', attempt: 0, retryAt: null };
  const stateListeners = new Set<(s: ConnectionState) => void>();
  return {
    kind: 'electron',
    state,
    send: (m) => bridge.send(m),
    onMessage: (cb) => bridge.onMessage(cb),
    onState(cb) {
      stateListeners.add(cb);
      return () => stateListeners.delete(cb);
    },
    start: () => stateListeners.forEach((cb) => cb(state)),
    retryNow: () => undefined,
    dispose: () => stateListeners.clear(),
  };
}
