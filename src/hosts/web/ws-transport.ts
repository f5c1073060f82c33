import type { WebSocket } from 'ws';
import type { Logger } from '../../platform/ports';
import { decodeMsg, type Msg, type Transport } from '../../rpc/messages';

/**
 * Unsent bytes a peer may fall behind by before it is closed. Well above a
 * healthy tab's backlog (a burst of log batches), small enough that a tab
 * that stopped reading costs the server little.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Close code for a peer that fell too far behind: "try again later" (RFC 6455 registry). */
const TRY_AGAIN_LATER = 1013;

/**
 * One browser tab's socket as an RPC transport. Malformed frames are dropped,
 * not fatal; frames ws refuses and peers that stop reading close that
 * connection only.
 */
export function wsTransport(ws: WebSocket, logger: Logger): Transport {
  // ws emits 'error' on the socket for a frame over maxPayload, a text frame
  // that is not UTF-8, a protocol violation or a failed write; unhandled, it
  // would be thrown and end the whole server. ws has already started closing
  // with the code that names the fault (1009, 1007, 1002) by the time it
  // emits, so only a socket it left open needs dropping here.
  ws.on('error', (err: Error & { code?: string }) => {
    logger.warn(`closed a WebSocket: ${err.message}`, { code: err.code });
    if (ws.readyState === ws.OPEN) ws.terminate();
  });
  return {
    send(m: Msg) {
      if (ws.readyState !== ws.OPEN) return;
      // A tab that stops reading (frozen, suspended, a stalled proxy) would
      // have every event queued in our memory for as long as it stays
      // connected. Dropping events instead would leave its view silently
      // wrong, so close it: the renderer reconnects and re-reads its state.
      // Nothing more is queued once closing; ws destroys the socket if the
      // peer never answers the close frame.
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        logger.warn('closed a WebSocket that stopped reading', { bufferedBytes: ws.bufferedAmount });
        ws.close(TRY_AGAIN_LATER, 'too far behind; reconnect');
        return;
      }
      ws.send(JSON.stringify(m), (err) => {
        // A write that failed leaves the peer missing a message: treat it as gone.
        if (err) ws.terminate();
      });
    },
    onMessage(cb) {
      const h = (data: unknown, isBinary: boolean) => {
        if (isBinary) return logger.warn('dropped a WebSocket frame: binary frame');
        const m = decodeMsg(String(data));
        if (!m) return logger.warn('dropped a WebSocket frame: not a FieldKit message');
        cb(m);
      };
      ws.on('message', h);
      return () => ws.off('message', h);
    },
    onClose(cb) {
      ws.on('close', cb);
      return () => ws.off('close', cb);
    },
  };
}
