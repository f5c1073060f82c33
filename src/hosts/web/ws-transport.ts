import type { WebSocket } from 'ws';
import { decodeMsg, type Msg, type Transport } from '../../rpc/messages';

/** One browser tab's socket as an RPC transport. Malformed frames are dropped, not fatal. */
export function wsTransport(ws: WebSocket, onBadFrame: (reason: string) => void): Transport {
  return {
    send(m: Msg) {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    },
    onMessage(cb) {
      const h = (data: unknown, isBinary: boolean) => {
        if (isBinary) return onBadFrame('binary frame');
        const m = decodeMsg(String(data));
        if (!m) return onBadFrame('not a FieldKit message');
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
