import { decodeMsg, type Msg } from '../../../src/rpc/messages';
import { reconnectDelay } from './backoff';
import type { ConnectionState, HostLink } from './host-link';

/**
 * The part of the WebSocket API the link uses (the browser's, or `ws` in Node
 * tests). Handler parameters are `never` so both event types fit; the link
 * annotates what it reads.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: never) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
  onmessage: ((ev: never) => void) | null;
}

/** What the host says about our token when the socket will not open. */
export type ProbeResult = 'ok' | 'unauthorized' | 'down';

export interface WebSocketLinkOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** Asks the host over HTTP whether the token is still valid; tells "restarted with a new token" from "down". */
  probe?: () => Promise<ProbeResult>;
  delay?: (attempt: number) => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

const OPEN = 1;

/**
 * A WebSocket transport that survives host restarts: on close it rejects
 * in-flight calls (through onClose) and retries with backoff. The caller
 * re-subscribes to events when the state becomes `open` again.
 */
export function webSocketLink(opts: WebSocketLinkOptions): HostLink {
  const delay = opts.delay ?? reconnectDelay;
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const msgListeners = new Set<(m: Msg) => void>();
  const closeListeners = new Set<() => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = { status: 'connecting', attempt: 0, retryAt: null };
  let socket: SocketLike | null = null;
  let timer: unknown = null;
  let disposed = false;

  const setState = (next: ConnectionState) => {
    state = next;
    stateListeners.forEach((cb) => cb(state));
  };

  const connect = () => {
    timer = null;
    if (disposed) return;
    let s: SocketLike;
    try {
      s = opts.createSocket(opts.url);
    } catch {
      void afterFailure(false);
      return;
    }
    socket = s;
    s.onopen = () => {
      if (s !== socket) return;
      setState({ status: 'open', attempt: 0, retryAt: null });
    };
    s.onmessage = (ev: { data: unknown }) => {
      if (s !== socket || typeof ev.data !== 'string') return;
      const m = decodeMsg(ev.data);
      if (m) msgListeners.forEach((cb) => cb(m));
    };
    // The close event always follows an error; handle both there.
    s.onerror = () => undefined;
    s.onclose = () => {
      if (s !== socket) return;
      socket = null;
      const wasOpen = state.status === 'open';
      if (wasOpen) closeListeners.forEach((cb) => cb());
      void afterFailure(wasOpen);
    };
  };

  const afterFailure = async (wasOpen: boolean) => {
    if (disposed) return;
    const attempt = wasOpen ? 0 : state.attempt;
    // Only a socket that never opened can mean a refused token; a drop means the host went away.
    if (!wasOpen && opts.probe) {
      setState({ status: 'reconnecting', attempt, retryAt: null });
      const verdict = await opts.probe().catch((): ProbeResult => 'down');
      if (disposed || socket || timer !== null) return;
      if (verdict === 'unauthorized') {
        setState({ status: 'unauthorized', attempt, retryAt: null });
        return;
      }
    }
    const wait = delay(attempt);
    setState({ status: 'reconnecting', attempt: attempt + 1, retryAt: now() + wait });
    timer = setTimer(connect, wait);
  };

  return {
    kind: 'websocket',
    get state() {
      return state;
    },
    send(m) {
      if (!socket || socket.readyState !== OPEN) throw new Error('not connected to the FieldKit host');
      socket.send(JSON.stringify(m));
    },
    onMessage(cb) {
      msgListeners.add(cb);
      return () => msgListeners.delete(cb);
    },
    onClose(cb) {
      closeListeners.add(cb);
      return () => closeListeners.delete(cb);
    },
    onState(cb) {
      stateListeners.add(cb);
      return () => stateListeners.delete(cb);
    },
    start() {
      setState(state);
      connect();
    },
    retryNow() {
      if (disposed || socket) return;
      if (timer !== null) clearTimer(timer);
      timer = null;
      setState({ status: 'connecting', attempt: state.attempt, retryAt: null });
      connect();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      const s = socket;
      socket = null;
      s?.close();
      stateListeners.clear();
    },
  };
}
