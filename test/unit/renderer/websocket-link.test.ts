import { describe, expect, it } from 'vitest';
import type { Msg } from '../../../src/rpc/messages';
import { createClient } from '../../../src/rpc/client';
import type { ConnectionState } from '../../../renderer/src/rpc/host-link';
import { webSocketLink, type ProbeResult, type SocketLike } from '../../../renderer/src/rpc/websocket-link';
import { reconnectDelay } from '../../../renderer/src/rpc/backoff';

/** A socket the test opens, feeds and closes by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: never) => void) | null = null;
  onclose: ((ev: never) => void) | null = null;
  onerror: ((ev: never) => void) | null = null;
  onmessage: ((ev: never) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    (this.onopen as ((ev: unknown) => void) | null)?.({});
  }
  receive(data: unknown) {
    (this.onmessage as ((ev: { data: unknown }) => void) | null)?.({ data });
  }
  drop() {
    this.readyState = 3;
    (this.onclose as ((ev: unknown) => void) | null)?.({});
  }
}

function harness(probe?: () => Promise<ProbeResult>) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: ConnectionState[] = [];
  const link = webSocketLink({
    url: 'ws://127.0.0.1:1/rpc?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    probe,
    now: () => 1000,
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      const i = timers.indexOf(t as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  link.onState((s) => states.push(s));
  const fire = () => timers.shift()?.fn();
  const last = () => sockets[sockets.length - 1]!;
  return { link, sockets, timers, states, fire, last };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('reconnectDelay', () => {
  it('doubles from 250 ms to a 5 s ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(reconnectDelay)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});

describe('webSocketLink', () => {
  it('connects, passes decoded messages on and drops garbage', () => {
    const h = harness();
    const got: Msg[] = [];
    h.link.onMessage((m) => got.push(m));
    h.link.start();
    expect(h.states.at(-1)?.status).toBe('connecting');
    h.last().open();
    expect(h.states.at(-1)).toEqual({ status: 'open', attempt: 0, retryAt: null });
    h.last().receive('{"t":"event","topic":"system.heartbeat","payload":{"at":"x"}}');
    h.last().receive('not json');
    h.last().receive('{"t":"bogus"}');
    h.last().receive(new Uint8Array([1, 2]));
    expect(got).toEqual([{ t: 'event', topic: 'system.heartbeat', payload: { at: 'x' } }]);
  });

  it('refuses to send while not open, so calls fail instead of hanging', async () => {
    const h = harness();
    const client = createClient(h.link);
    h.link.start();
    await expect(client.api.system.ping()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('on a drop: rejects in-flight calls, then retries with growing delays until it opens again', async () => {
    const h = harness();
    const client = createClient(h.link);
    h.link.start();
    h.last().open();
    const inFlight = client.api.system.ping('x');
    expect(JSON.parse(h.last().sent[0]!)).toMatchObject({ t: 'call', path: 'system.ping', args: ['x'] });
    h.last().drop();
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
    expect(h.states.at(-1)).toEqual({ status: 'reconnecting', attempt: 1, retryAt: 1250 });

    h.fire();
    expect(h.sockets).toHaveLength(2);
    h.last().drop(); // host still down
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
    h.fire();
    h.last().drop();
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.fire();
    h.last().open();
    expect(h.states.at(-1)).toEqual({ status: 'open', attempt: 0, retryAt: null });
    expect(h.timers).toEqual([]);
  });

  it('stops and says "unauthorized" when the host refuses the token', async () => {
    const h = harness(async () => 'unauthorized');
    h.link.start();
    h.last().drop(); // never opened
    await flush();
    expect(h.states.at(-1)?.status).toBe('unauthorized');
    expect(h.timers).toEqual([]);
    h.link.retryNow(); // the user asks: try once more
    expect(h.sockets).toHaveLength(2);
  });

  it('keeps retrying when the probe finds the host down', async () => {
    const h = harness(async () => 'down');
    h.link.start();
    h.last().drop();
    await flush();
    expect(h.states.at(-1)?.status).toBe('reconnecting');
    expect(h.timers).toHaveLength(1);
  });

  it('retryNow skips the wait; dispose stops everything', () => {
    const h = harness();
    h.link.start();
    h.last().open();
    h.last().drop();
    expect(h.timers).toHaveLength(1);
    h.link.retryNow();
    expect(h.timers).toHaveLength(0);
    expect(h.sockets).toHaveLength(2);
    h.link.dispose();
    expect(h.last().readyState).toBe(3);
    expect(h.timers).toHaveLength(0);
  });
});
