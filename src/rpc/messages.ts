import { z } from 'zod';
import type { WireError } from '../contract/errors';

/**
 * The message protocol every transport carries. Values are JSON-safe (no
 * Buffer, Map or Date) because the WebSocket host sends JSON text.
 */
export type Msg =
  | { t: 'call'; id: number; path: string; args: unknown[] }
  | { t: 'ok'; id: number; value: unknown }
  | { t: 'err'; id: number; error: WireError }
  | { t: 'event'; topic: string; payload: unknown };

/** A bidirectional message pipe: Electron IPC, a WebSocket, or in-memory. */
export interface Transport {
  send(m: Msg): void;
  /** Registers a listener; returns a function that removes it. */
  onMessage(cb: (m: Msg) => void): () => void;
  /** Optional: called once when the peer goes away (socket closed, window destroyed). */
  onClose?(cb: () => void): () => void;
}

/** Shape check for messages that arrive from an untrusted peer. */
export const msgSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int().nonnegative(), path: z.string().max(200), args: z.array(z.unknown()).max(16) }),
  z.object({ t: z.literal('ok'), id: z.number().int().nonnegative(), value: z.unknown() }),
  z.object({
    t: z.literal('err'),
    id: z.number().int().nonnegative(),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
  z.object({ t: z.literal('event'), topic: z.string().max(200), payload: z.unknown() }),
]);

/** Parses JSON text into a Msg, or returns null for anything else. */
export function decodeMsg(text: string): Msg | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const r = msgSchema.safeParse(raw);
  return r.success ? (r.data as Msg) : null;
}
