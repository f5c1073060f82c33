import { describe, expect, it, vi } from 'vitest';
import { FieldKitError, type Handlers } from '../../../src/contract';
import { createClient } from '../../../src/rpc/client';
import { memoryTransportPair } from '../../../src/rpc/memory-transport';
import { RpcServer } from '../../../src/rpc/server';

// Only the services these tests call; the server looks handlers up per call.
function handlers(overrides: Partial<Handlers['system']> = {}): Handlers {
  const partial = {
    system: {
      info: vi.fn(async () => {
        throw new Error('not used');
      }),
      interfaces: vi.fn(async () => []),
      serialPorts: vi.fn(async () => []),
      ping: vi.fn((echo?: string) => ({ echo: echo ?? null, at: '2026-01-01T00:00:00.000Z' })),
      ...overrides,
    },
    settings: {
      get: vi.fn(() => ({ language: 'en' as const, theme: 'system' as const })),
      update: vi.fn((p: { language?: 'en' | 'zh-CN'; theme?: 'light' | 'dark' | 'system' }) => ({
        language: p.language ?? 'en',
        theme: p.theme ?? 'system',
      })),
    },
  };
  return partial as unknown as Handlers;
}

function connect(h: Handlers, onInternalError?: (p: string, e: unknown) => void) {
  const server = new RpcServer(h, { onInternalError });
  const [a, b] = memoryTransportPair();
  server.connect(a);
  return { server, client: createClient(b) };
}

describe('RpcServer', () => {
  it('calls the handler with validated arguments and returns its value', async () => {
    const h = handlers();
    const { client } = connect(h);
    await expect(client.api.system.ping('hello')).resolves.toEqual({ echo: 'hello', at: '2026-01-01T00:00:00.000Z' });
    expect(h.system.ping).toHaveBeenCalledWith('hello');
  });

  it('applies schema defaults before the handler sees the arguments', async () => {
    const h = handlers();
    const { client } = connect(h);
    await client.api.system.interfaces({});
    expect(h.system.interfaces).toHaveBeenCalledWith({ includeVirtual: true });
  });

  it('rejects arguments that fail the schema with invalid_input, without reaching the service', async () => {
    const h = handlers();
    const { client } = connect(h);
    const bad = client.api.settings.update({ language: 'klingon' } as never);
    await expect(bad).rejects.toBeInstanceOf(FieldKitError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_input' });
    const err = (await bad.catch((e: FieldKitError) => e)) as FieldKitError;
    expect(err.message).toContain('settings.update');
    expect((err.details as { issues: { path: string[] }[] }).issues[0]!.path).toEqual(['0', 'language']);
    expect(h.settings.update).not.toHaveBeenCalled();
  });

  it('rejects extra keys and extra arguments', async () => {
    const h = handlers();
    const { client } = connect(h);
    await expect(client.api.settings.update({ theme: 'dark', admin: true } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect((client.api.system.info as (...a: unknown[]) => Promise<unknown>)('extra')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(h.settings.update).not.toHaveBeenCalled();
    expect(h.system.info).not.toHaveBeenCalled();
  });

  it('answers unknown methods, including prototype names, with unknown_method', async () => {
    const { server } = connect(handlers());
    await expect(server.invoke('system.nope', [])).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(server.invoke('system.constructor', [])).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(server.invoke('__proto__.toString', [])).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(server.invoke('system.ping.extra', [])).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('passes FieldKitError codes through and hides unexpected exceptions behind internal', async () => {
    const internal = vi.fn();
    const h = handlers({
      serialPorts: async () => {
        throw new FieldKitError('unavailable', 'No serial support here.');
      },
      interfaces: async () => {
        throw new TypeError('boom');
      },
    });
    const { client } = connect(h, internal);
    await expect(client.api.system.serialPorts()).rejects.toMatchObject({ code: 'unavailable', message: 'No serial support here.' });
    await expect(client.api.system.interfaces()).rejects.toMatchObject({ code: 'internal' });
    expect(internal).toHaveBeenCalledTimes(1);
  });

  it('sends events only to connections subscribed to the topic', async () => {
    const server = new RpcServer(handlers());
    const [a1, b1] = memoryTransportPair();
    const [a2, b2] = memoryTransportPair();
    server.connect(a1);
    server.connect(a2);
    const c1 = createClient(b1);
    const c2 = createClient(b2);
    const got1: unknown[] = [];
    const got2: unknown[] = [];
    const off = c1.on('settings.changed', (p) => got1.push(p));
    c2.on('system.heartbeat', (p) => got2.push(p));
    await c1.api.system.ping(); // a round trip, so the subscribe call has been processed
    await c2.api.system.ping();
    server.emit('settings.changed', { language: 'zh-CN', theme: 'dark' });
    await c1.api.system.ping();
    expect(got1).toEqual([{ language: 'zh-CN', theme: 'dark' }]);
    expect(got2).toEqual([]);
    off();
    await c1.api.system.ping();
    server.emit('settings.changed', { language: 'en', theme: 'dark' });
    await c1.api.system.ping();
    expect(got1).toHaveLength(1);
  });

  it('refuses subscriptions to unknown topics', async () => {
    const server = new RpcServer(handlers());
    const [a, b] = memoryTransportPair();
    server.connect(a);
    const replies: unknown[] = [];
    b.onMessage((m) => replies.push(m));
    b.send({ t: 'call', id: 7, path: 'rpc.subscribe', args: [['nope.topic']] });
    await new Promise((r) => setTimeout(r, 10));
    expect(replies).toEqual([{ t: 'err', id: 7, error: expect.objectContaining({ code: 'invalid_input' }) }]);
  });

  it('rejects pending calls when the client closes', async () => {
    const server = new RpcServer(handlers({ serialPorts: () => new Promise(() => undefined) }));
    const [a, b] = memoryTransportPair();
    server.connect(a);
    const client = createClient(b);
    const p = client.api.system.serialPorts();
    client.close('gone');
    await expect(p).rejects.toMatchObject({ code: 'unavailable', message: 'gone' });
  });
});
