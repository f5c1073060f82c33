import { z } from 'zod';
import { contract as defaultContract, events as defaultEvents, FieldKitError } from '../contract';
import type { Contract, EventPayload, Handlers, Topic, WireError } from '../contract';
import type { MethodDef } from '../contract/define';
import type { Msg, Transport } from './messages';

/** Built-in methods every connection has, for choosing which events it receives. */
const topicsArg = z.tuple([z.array(z.string().max(200)).max(100)]);

export interface RpcServerOptions {
  /** Called for unexpected exceptions (bugs), never for FieldKitErrors. */
  onInternalError?: (path: string, err: unknown) => void;
}

/**
 * Dispatches calls to handlers after validating their arguments with the
 * method's zod schema, whatever transport they came from, and fans events out
 * to the connections that subscribed to them.
 */
export class RpcServer {
  private readonly connections = new Set<{ transport: Transport; topics: Set<string> }>();

  constructor(
    private readonly handlers: Handlers,
    private readonly opts: RpcServerOptions = {},
    private readonly spec: Contract = defaultContract,
    private readonly topics: Record<string, unknown> = defaultEvents,
  ) {}

  /** Serve one peer. Returns a function that disconnects it. */
  connect(transport: Transport): () => void {
    const conn = { transport, topics: new Set<string>() };
    this.connections.add(conn);
    const offMsg = transport.onMessage((m) => {
      if (m.t !== 'call') return;
      void this.handleCall(conn, m).then((reply) => {
        try {
          transport.send(reply);
        } catch {
          // The peer went away while we were working; nothing to tell it.
        }
      });
    });
    const disconnect = () => {
      offMsg();
      offClose?.();
      this.connections.delete(conn);
    };
    const offClose = transport.onClose?.(disconnect);
    return disconnect;
  }

  /** Send an event to every connection subscribed to its topic. */
  emit<T extends Topic>(topic: T, payload: EventPayload<T>): void {
    const msg: Msg = { t: 'event', topic, payload };
    for (const c of this.connections) {
      if (!c.topics.has(topic)) continue;
      try {
        c.transport.send(msg);
      } catch {
        this.connections.delete(c);
      }
    }
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Validate and run one call; exported for hosts that call in-process (the CLI). */
  async invoke(path: string, args: unknown[]): Promise<unknown> {
    const [service, name, ...rest] = path.split('.');
    // Own-property lookups only: "__proto__.toString" or "system.constructor" must not resolve.
    const spec = this.spec as unknown as Record<string, Record<string, MethodDef>>;
    const impl = this.handlers as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
    const known = !!service && !!name && rest.length === 0 && Object.hasOwn(spec, service) && Object.hasOwn(spec[service]!, name);
    const def = known ? spec[service!]![name!] : undefined;
    const fn = known && Object.hasOwn(impl, service!) ? impl[service!]![name!] : undefined;
    if (!def || typeof fn !== 'function') throw new FieldKitError('unknown_method', `No method "${path}".`);
    const parsed = def.input.safeParse(args);
    if (!parsed.success) {
      throw new FieldKitError('invalid_input', `Invalid arguments for ${path}: ${z.prettifyError(parsed.error)}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
      });
    }
    return await fn(...(parsed.data as unknown[]));
  }

  private async handleCall(
    conn: { topics: Set<string> },
    m: Extract<Msg, { t: 'call' }>,
  ): Promise<Msg> {
    try {
      if (m.path === 'rpc.subscribe' || m.path === 'rpc.unsubscribe') {
        return { t: 'ok', id: m.id, value: this.updateTopics(conn, m.path, m.args) };
      }
      const value = await this.invoke(m.path, m.args);
      return { t: 'ok', id: m.id, value: value === undefined ? null : value };
    } catch (err) {
      return { t: 'err', id: m.id, error: this.toWire(m.path, err) };
    }
  }

  private updateTopics(conn: { topics: Set<string> }, path: string, args: unknown[]): string[] {
    const parsed = topicsArg.safeParse(args);
    if (!parsed.success) throw new FieldKitError('invalid_input', `${path} takes one array of topic names.`);
    const unknown = parsed.data[0].filter((t) => !Object.hasOwn(this.topics, t));
    if (unknown.length) throw new FieldKitError('invalid_input', `Unknown event topic(s): ${unknown.join(', ')}.`);
    for (const t of parsed.data[0]) {
      if (path === 'rpc.subscribe') conn.topics.add(t);
      else conn.topics.delete(t);
    }
    return [...conn.topics];
  }

  private toWire(path: string, err: unknown): WireError {
    if (err instanceof FieldKitError) return err.toWire();
    this.opts.onInternalError?.(path, err);
    const message = err instanceof Error ? err.message : String(err);
    return { code: 'internal', message: `${path} failed unexpectedly: ${message}` };
  }
}
