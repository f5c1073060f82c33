import { FieldKitError } from '../contract/errors';
import type { Api, EventPayload, Topic } from '../contract';
import type { Msg, Transport } from './messages';

export interface RpcClient {
  /** Typed proxy: `api.system.info()`. Rejects with FieldKitError. */
  readonly api: Api;
  /** Listen to an event topic; subscribes on the server on first listener. Returns an unsubscribe function. */
  on<T extends Topic>(topic: T, cb: (payload: EventPayload<T>) => void): () => void;
  /** Re-send subscriptions after a transport reconnects. */
  resubscribe(): Promise<void>;
  /** Reject all pending calls (transport gone) and stop listening. */
  close(reason?: string): void;
}

/**
 * A client over any transport. The `api` is a Proxy, so the contract's types
 * are the only declaration of what can be called.
 */
export function createClient(transport: Transport): RpcClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  const call = (path: string, rawArgs: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      // JSON turns a trailing `undefined` into null, which an optional argument's schema refuses.
      const args = [...rawArgs];
      while (args.length && args[args.length - 1] === undefined) args.pop();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        transport.send({ t: 'call', id, path, args });
      } catch (err) {
        pending.delete(id);
        reject(new FieldKitError('unavailable', `Cannot reach the FieldKit core: ${(err as Error).message}`));
      }
    });

  const offMsg = transport.onMessage((m: Msg) => {
    if (m.t === 'ok' || m.t === 'err') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.t === 'ok') p.resolve(m.value);
      else p.reject(FieldKitError.fromWire(m.error));
    } else if (m.t === 'event') {
      listeners.get(m.topic)?.forEach((cb) => cb(m.payload));
    }
  });

  const close = (reason = 'The connection to the FieldKit core was closed.') => {
    for (const p of pending.values()) p.reject(new FieldKitError('unavailable', reason));
    pending.clear();
  };
  const offClose = transport.onClose?.(() => close());

  const api = new Proxy({} as Api, {
    get(_t, service) {
      if (typeof service !== 'string') return undefined;
      return new Proxy({}, {
        get(_t2, name) {
          if (typeof name !== 'string' || name === 'then') return undefined;
          return (...args: unknown[]) => call(`${service}.${name}`, args);
        },
      });
    },
  });

  return {
    api,
    on(topic, cb) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        void call('rpc.subscribe', [[topic]]).catch(() => undefined);
      }
      set.add(cb as (p: unknown) => void);
      return () => {
        set.delete(cb as (p: unknown) => void);
        if (set.size === 0) {
          listeners.delete(topic);
          void call('rpc.unsubscribe', [[topic]]).catch(() => undefined);
        }
      };
    },
    async resubscribe() {
      if (listeners.size) await call('rpc.subscribe', [[...listeners.keys()]]);
    },
    close(reason) {
      close(reason);
      offMsg();
      offClose?.();
    },
  };
}
